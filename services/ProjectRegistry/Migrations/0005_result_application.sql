-- Result application (结果应用): a project may name last year's project it continues; otherwise its predecessor is the
-- project of the previous year of the same unit with the same name (found through ix_projects_unit_year).
ALTER TABLE projects ADD COLUMN predecessor_code text NULL REFERENCES projects (code);

-- What the registry learns from other services' events about each project's year, so that a budget review shows last
-- year's results without calling them. Each row keeps the newest version it was given; older or repeated events change
-- nothing. On a platform already in use, the publishers' events sent before this migration are not replayed.

-- The latest self-evaluation (绩效自评) of a project, as IndicatorCatalogue's SelfEvaluationChanged tells it.
CREATE TABLE known_self_evaluations (
    project_code   text PRIMARY KEY,
    version        bigint        NOT NULL,
    year           integer       NOT NULL,
    status         text          NOT NULL,
    score          numeric(7,2)  NOT NULL,
    out_of         numeric(7,2)  NOT NULL,
    grade          text          NOT NULL,
    reviewed_score numeric(7,2)  NULL,
    reviewed_grade text          NULL,
    changed_at     timestamptz   NOT NULL
);

-- One row per monitoring form (round, project), from MonitoringFormChanged; open rectifications are counted from these.
CREATE TABLE known_monitoring_forms (
    round_id            uuid    NOT NULL,
    project_code        text    NOT NULL,
    version             bigint  NOT NULL,
    status              text    NOT NULL,
    needs_rectification boolean NOT NULL,
    rectified           boolean NOT NULL,
    PRIMARY KEY (round_id, project_code)
);
CREATE INDEX ix_known_monitoring_forms_open ON known_monitoring_forms (project_code) WHERE needs_rectification AND NOT rectified;

-- A project's spending warning (预警) from DisbursementTracking's WarningChanged; an empty level means none is raised.
CREATE TABLE known_warnings (
    project_code text PRIMARY KEY,
    version      bigint NOT NULL,
    level        text   NOT NULL,
    message      text   NOT NULL
);
