-- The catalogue's copy of the registry's projects, kept from ProjectRegistered/ProjectChanged, so that the catalogue
-- answers without calling the registry. Projects filed before this table existed arrive with their next registry event.
CREATE TABLE projects (
    code             text PRIMARY KEY,
    division_code    text    NOT NULL,
    unit_code        text    NOT NULL,
    year             integer NOT NULL,
    status           text    NOT NULL,
    total_fen        bigint  NOT NULL,
    purpose          text    NOT NULL,
    goals            text[]  NOT NULL DEFAULT '{}',
    registry_version bigint  NOT NULL
);
