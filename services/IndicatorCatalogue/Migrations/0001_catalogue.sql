-- The standard indicator library (指标库), managed by the finance role.
CREATE TABLE library_indicators (
    id               uuid PRIMARY KEY,
    level1           text   NOT NULL,
    level2           text   NOT NULL,
    name             text   NOT NULL,
    description      text   NOT NULL,
    recommended_unit text   NOT NULL,
    direction        text   NOT NULL,
    version          bigint NOT NULL,
    updated_at       timestamptz NOT NULL,
    UNIQUE (level1, level2, name)
);
CREATE INDEX ix_library_indicators_name ON library_indicators (name text_pattern_ops);

-- One indicator set per project: replaced whole by a PUT.
CREATE TABLE indicator_sets (
    project_code      text PRIMARY KEY,
    division_code     text    NOT NULL,
    unit_code         text    NOT NULL,
    year              integer NOT NULL,
    framework_version text    NOT NULL,
    findings          jsonb   NOT NULL,
    version           bigint  NOT NULL,
    updated_at        timestamptz NOT NULL,
    updated_by        text    NOT NULL
);
CREATE INDEX ix_indicator_sets_unit ON indicator_sets (division_code, unit_code, year);

CREATE TABLE indicators (
    project_code text    NOT NULL REFERENCES indicator_sets (project_code) ON DELETE CASCADE,
    position     integer NOT NULL,
    level1       text    NOT NULL,
    level2       text    NOT NULL,
    name         text    NOT NULL,
    description  text    NOT NULL,
    target       text    NOT NULL,
    basis        text    NOT NULL,
    parsed       jsonb   NOT NULL,
    PRIMARY KEY (project_code, position)
);

-- Values reached, recorded later beside the target: mid-year monitoring (运行监控) and year-end self-evaluation (绩效自评).
CREATE TABLE actual_values (
    project_code text    NOT NULL,
    position     integer NOT NULL,
    period       text    NOT NULL CHECK (period IN ('mid_year', 'year_end')),
    value        text    NOT NULL,
    recorded_at  timestamptz NOT NULL,
    recorded_by  text    NOT NULL,
    PRIMARY KEY (project_code, position, period),
    FOREIGN KEY (project_code, position) REFERENCES indicators (project_code, position) ON DELETE CASCADE
);
