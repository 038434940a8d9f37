-- This service's copy of each project's money, from the registry's events (version-checked).
CREATE TABLE projects (
    code             text PRIMARY KEY,
    division_code    text    NOT NULL,
    unit_code        text    NOT NULL,
    year             integer NOT NULL,
    total_yuan       numeric(18,2) NOT NULL,
    fiscal_yuan      numeric(18,2) NOT NULL,
    other_yuan       numeric(18,2) NOT NULL,
    registry_version bigint  NOT NULL,
    -- Versions of what this service publishes about the project.
    spending_version bigint  NOT NULL DEFAULT 0,
    plan_version     bigint  NOT NULL DEFAULT 0,
    warning_version  bigint  NOT NULL DEFAULT 0
);

CREATE TABLE spending_plans (
    project_code text PRIMARY KEY REFERENCES projects (code),
    checkpoints  jsonb  NOT NULL,
    updated_at   timestamptz NOT NULL,
    updated_by   text   NOT NULL
);

CREATE TABLE disbursements (
    id            bigserial PRIMARY KEY,
    division_code text    NOT NULL,
    unit_code     text    NOT NULL,
    project_code  text    NOT NULL REFERENCES projects (code),
    voucher_id    text    NOT NULL,
    date          date    NOT NULL,
    amount_yuan   numeric(18,2) NOT NULL,
    fund_source   text    NOT NULL CHECK (fund_source IN ('fiscal', 'other')),
    note          text    NOT NULL,
    recorded_at   timestamptz NOT NULL,
    recorded_by   text    NOT NULL,
    UNIQUE (division_code, unit_code, voucher_id)
);
CREATE INDEX ix_disbursements_project ON disbursements (project_code, date);

-- The active warning of each project; a project that caught up has none.
CREATE TABLE warnings (
    project_code     text PRIMARY KEY REFERENCES projects (code),
    level            text    NOT NULL,
    message          text    NOT NULL,
    lag_bp           integer NOT NULL,
    checkpoint_month integer NOT NULL,
    raised_on        date    NOT NULL
);
