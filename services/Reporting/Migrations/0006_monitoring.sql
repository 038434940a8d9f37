-- Mid-year monitoring (双监控) from the catalogue's events: each round, and each project's form in a round as its newest
-- MonitoringFormChanged says (the projector's version gate keeps an older one out).
CREATE TABLE rm_monitoring_rounds (
    id            uuid PRIMARY KEY,
    year          integer NOT NULL,
    division_code text    NOT NULL,
    as_of         date    NOT NULL,
    deadline      date    NOT NULL
);

CREATE TABLE rm_monitoring_forms (
    round_id              uuid        NOT NULL,
    project_code          text        NOT NULL,
    division_code         text        NOT NULL,
    unit_code             text        NOT NULL,
    year                  integer     NOT NULL,
    status                text        NOT NULL,
    budget_fen            bigint      NOT NULL,
    spent_fen             bigint      NOT NULL,
    expected_spent_fen    bigint      NOT NULL,
    execution_bp          integer     NOT NULL,
    planned_bp            integer     NOT NULL,
    impossible_indicators integer     NOT NULL,
    needs_rectification   boolean     NOT NULL,
    reasons               jsonb       NOT NULL,
    rectified             boolean     NOT NULL,
    changed_at            timestamptz NOT NULL,
    PRIMARY KEY (round_id, project_code)
);
