-- What the registry knows of each project's indicator set from the catalogue's IndicatorSetReplaced events, so that a
-- submission is decided without calling the catalogue. On a platform already in use, run the catalogue once with
-- --announce-indicator-sets after this migration (and with the registry running) so that the sets filed before it arrive.
CREATE TABLE known_indicator_sets (
    project_code    text PRIMARY KEY,
    version         bigint  NOT NULL,
    indicator_count integer NOT NULL,
    error_count     integer NOT NULL,
    errors          jsonb   NULL
);
