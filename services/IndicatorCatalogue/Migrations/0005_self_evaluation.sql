-- 绩效自评: one self-evaluation per project (its year is the project's). The values reached stay where year-end actuals
-- live (actual_values, period year_end), so there is one place for a value; this table keeps the rest of the form: the
-- qualitative grades, weights, causes and measures (inputs, jsonb), the full-year spending, the department's score and,
-- once reviewed (复核), the finance bureau's. Scores are exact decimals with two places.
CREATE TABLE self_evaluations (
    project_code    text PRIMARY KEY,
    division_code   text        NOT NULL,
    unit_code       text        NOT NULL,
    year            integer     NOT NULL,
    status          text        NOT NULL CHECK (status IN ('draft', 'submitted', 'accepted')),
    budget_fen      bigint      NOT NULL,
    spent_fen       bigint      NOT NULL CHECK (spent_fen >= 0),
    spent_source    text        NOT NULL CHECK (spent_source IN ('payments', 'department')),
    inputs          jsonb       NOT NULL DEFAULT '[]',
    score           numeric(7, 2) NOT NULL,
    out_of          numeric(7, 2) NOT NULL,
    grade           text        NOT NULL,
    reviewed_items  jsonb       NOT NULL DEFAULT '[]',
    reviewed_score  numeric(7, 2),
    reviewed_grade  text,
    review_comment  text,
    reviewed_by     text,
    version         bigint      NOT NULL,
    updated_at      timestamptz NOT NULL,
    updated_by      text        NOT NULL
);
CREATE INDEX self_evaluations_division_year ON self_evaluations (division_code, year, status);

-- What the form shows of the project: its name, and the approved budget (年初: the first approved; 全年: the one in force),
-- which the filed total_fen is not while an adjustment is pending. Filled by the registry's next event for each project
-- (run the registry once with --announce-projects on a platform already in use: a copy without a name takes the event
-- of its own version).
ALTER TABLE projects ADD COLUMN name text NOT NULL DEFAULT '';
ALTER TABLE projects ADD COLUMN approved_fen bigint;
ALTER TABLE projects ADD COLUMN first_approved_fen bigint;
