-- Every event Reporting received, in arrival order: the source of truth of the read model and of its rebuild.
CREATE TABLE event_log (
    sequence     bigserial PRIMARY KEY,
    message_id   uuid        NOT NULL UNIQUE,
    message_type text        NOT NULL,
    payload      jsonb       NOT NULL,
    sent_at      timestamptz NULL,
    received_at  timestamptz NOT NULL DEFAULT now()
);

-- The read model. Each table is fed by one source, so events of different aggregates may arrive in any order.
CREATE TABLE rm_divisions (code text PRIMARY KEY, name text NOT NULL);
CREATE TABLE rm_departments (division_code text, code text, name text NOT NULL, PRIMARY KEY (division_code, code));
CREATE TABLE rm_units (
    division_code text, code text, department_code text NOT NULL, name text NOT NULL, PRIMARY KEY (division_code, code)
);
CREATE TABLE rm_department_goals (
    division_code text, department_code text, year integer,
    overall_goal text NOT NULL, item_goals jsonb NOT NULL, safeguard_measures text NOT NULL,
    PRIMARY KEY (division_code, department_code, year)
);
CREATE TABLE rm_projects (
    code            text PRIMARY KEY,
    division_code   text    NOT NULL,
    department_code text    NOT NULL,
    unit_code       text    NOT NULL,
    year            integer NOT NULL,
    name            text    NOT NULL,
    purpose         text    NOT NULL,
    goals           jsonb   NOT NULL,
    total_yuan      numeric(18,2) NOT NULL,
    fiscal_yuan     numeric(18,2) NOT NULL,
    other_yuan      numeric(18,2) NOT NULL,
    status          text    NOT NULL
);
CREATE INDEX ix_rm_projects_year ON rm_projects (year, division_code, department_code, unit_code);

CREATE TABLE rm_indicator_sets (
    project_code text PRIMARY KEY,
    errors integer NOT NULL, warnings integer NOT NULL, infos integer NOT NULL
);
CREATE TABLE rm_indicators (
    project_code text, position integer,
    level1 text NOT NULL, level2 text NOT NULL, name text NOT NULL, description text NOT NULL,
    target text NOT NULL, basis text NOT NULL, target_kind text NOT NULL,
    PRIMARY KEY (project_code, position)
);

CREATE TABLE rm_spending (
    project_code text PRIMARY KEY,
    spent_fiscal_yuan numeric(18,2) NOT NULL DEFAULT 0,
    spent_other_yuan  numeric(18,2) NOT NULL DEFAULT 0
);
-- The spending plan as filed: checkpoints with their label, month and cumulative basis points (null = blank).
CREATE TABLE rm_spending_plans (project_code text PRIMARY KEY, checkpoints jsonb NOT NULL);
CREATE TABLE rm_warnings (
    project_code text PRIMARY KEY,
    level text NOT NULL, message text NOT NULL, lag_bp integer NOT NULL, raised_at timestamptz NOT NULL
);
