-- Mid-year monitoring (双监控): rounds opened by the finance bureau and each project's form in a round. A form's money
-- (budget, spent, plan) is read from DisbursementTracking when the form is read; what is stored is what the department
-- filed and the figures as of its last change, which its MonitoringFormChanged event carries.
CREATE TABLE monitoring_rounds (
    id            uuid PRIMARY KEY,
    year          integer     NOT NULL,
    division_code text        NOT NULL,
    as_of         date        NOT NULL,
    deadline      date        NOT NULL,
    opened_by     text        NOT NULL,
    opened_at     timestamptz NOT NULL,
    UNIQUE (year, division_code, as_of)
);

CREATE TABLE monitoring_forms (
    round_id                uuid        NOT NULL REFERENCES monitoring_rounds (id),
    project_code            text        NOT NULL,
    division_code           text        NOT NULL,
    unit_code               text        NOT NULL,
    year                    integer     NOT NULL,
    status                  text        NOT NULL,
    version                 bigint      NOT NULL,
    budget_fen              bigint      NOT NULL,
    spent_fen               bigint      NOT NULL,
    execution_bp            integer     NOT NULL,
    planned_bp              integer     NOT NULL,
    lag_bp                  integer     NOT NULL,
    expected_spent_fen      bigint      NOT NULL,
    indicators              jsonb       NOT NULL,
    needs_rectification     boolean     NOT NULL,
    reasons                 jsonb       NOT NULL,
    return_comment          text        NOT NULL DEFAULT '',
    review_comment          text        NOT NULL DEFAULT '',
    rectified               boolean     NOT NULL DEFAULT false,
    rectification           text        NOT NULL DEFAULT '',
    updated_at              timestamptz NOT NULL,
    updated_by              text        NOT NULL,
    PRIMARY KEY (round_id, project_code)
);
CREATE INDEX monitoring_forms_project ON monitoring_forms (project_code);
