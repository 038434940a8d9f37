-- 绩效自评 as Reporting keeps it, from SelfEvaluationChanged (newest version wins through projection_versions): one row
-- per project with its status, the department's and the reviewed score, the final ones, and its items (jsonb:
-- index, level1, name, target, reached, points, score).
CREATE TABLE rm_evaluations (
    project_code    text PRIMARY KEY,
    division_code   text          NOT NULL,
    department_code text          NOT NULL,
    unit_code       text          NOT NULL,
    year            integer       NOT NULL,
    status          text          NOT NULL,
    budget_fen      bigint        NOT NULL,
    spent_fen       bigint        NOT NULL,
    score           numeric(7, 2) NOT NULL,
    out_of          numeric(7, 2) NOT NULL,
    grade           text          NOT NULL,
    reviewed_score  numeric(7, 2),
    reviewed_grade  text,
    final_score     numeric(7, 2) NOT NULL,
    final_grade     text          NOT NULL,
    items           jsonb         NOT NULL,
    changed_at      timestamptz   NOT NULL
);
CREATE INDEX rm_evaluations_division_year ON rm_evaluations (division_code, year, status);
