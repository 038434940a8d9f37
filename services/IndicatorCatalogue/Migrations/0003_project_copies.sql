-- The catalogue's copy of the registry's projects, kept from ProjectRegistered/ProjectChanged, so that the catalogue
-- answers without calling the registry. On a platform already in use, run the registry once with --announce-projects
-- after this migration (and with the catalogue running) so that the projects filed before it arrive.
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
