-- What the registry knows of each project's indicator set from the catalogue's IndicatorSetReplaced events, so that a
-- submission is decided without calling the catalogue. A set replaced before this table existed arrives with its next
-- replacement; until then the project reads as having no indicators and cannot be submitted.
CREATE TABLE known_indicator_sets (
    project_code    text PRIMARY KEY,
    version         bigint  NOT NULL,
    indicator_count integer NOT NULL,
    error_count     integer NOT NULL,
    errors          jsonb   NULL
);
