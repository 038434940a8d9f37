-- The finance summary's aggregates, kept as events are applied (docs: issue "Speed at a province's scale", P4): the
-- summary reads a few rows per unit and status instead of scanning every project and indicator of the province.
--
-- rm_project_facts is one project's contribution, exactly as the summary counts it. The projector calls
-- rm_summary_apply(code, -1) before it changes anything of a project and rm_summary_apply(code, 1) after, in the same
-- transaction, so the aggregates always equal the GROUP BY over the rows they summarise. A rebuild empties them with
-- the read model and the replay fills them again; rm_summary_rebuild() recomputes them in one statement (for data
-- written straight into the tables, as the benchmark does).
CREATE VIEW rm_project_facts AS
SELECT p.code, p.year, p.division_code, p.department_code, p.unit_code, p.status,
       p.total_fen, p.fiscal_fen, p.other_fen,
       COALESCE(s.spent_fiscal_fen, 0) AS spent_fiscal_fen, COALESCE(s.spent_other_fen, 0) AS spent_other_fen,
       (w.project_code IS NOT NULL)::int AS warned,
       COALESCE(i.errors, 0) AS errors, COALESCE(i.warnings, 0) AS warnings, COALESCE(i.infos, 0) AS infos,
       COALESCE(i.indicators, 0) AS indicators,
       -- A fund source counts the projects that have money or spending from it.
       (p.fiscal_fen <> 0 OR COALESCE(s.spent_fiscal_fen, 0) <> 0)::int AS has_fiscal,
       (p.other_fen <> 0 OR COALESCE(s.spent_other_fen, 0) <> 0)::int AS has_other
FROM rm_projects p
LEFT JOIN rm_spending s ON s.project_code = p.code
LEFT JOIN rm_indicator_sets i ON i.project_code = p.code
LEFT JOIN rm_warnings w ON w.project_code = p.code;

CREATE TABLE rm_summary (
    year integer, division_code text, department_code text, unit_code text, status text,
    projects bigint NOT NULL, total_fen bigint NOT NULL, fiscal_fen bigint NOT NULL, other_fen bigint NOT NULL,
    spent_fiscal_fen bigint NOT NULL, spent_other_fen bigint NOT NULL, warned bigint NOT NULL,
    errors bigint NOT NULL, warnings bigint NOT NULL, infos bigint NOT NULL, indicators bigint NOT NULL,
    fiscal_projects bigint NOT NULL, fiscal_warned bigint NOT NULL, fiscal_errors bigint NOT NULL,
    fiscal_warnings bigint NOT NULL, fiscal_infos bigint NOT NULL, fiscal_indicators bigint NOT NULL,
    other_projects bigint NOT NULL, other_warned bigint NOT NULL, other_errors bigint NOT NULL,
    other_warnings bigint NOT NULL, other_infos bigint NOT NULL, other_indicators bigint NOT NULL,
    PRIMARY KEY (year, division_code, department_code, unit_code, status)
);

-- By indicator category (一级指标): a project counts once in each category it has indicators in.
CREATE TABLE rm_summary_level1 (
    year integer, division_code text, department_code text, unit_code text, status text, level1 text,
    projects bigint NOT NULL, total_fen bigint NOT NULL, fiscal_fen bigint NOT NULL, other_fen bigint NOT NULL,
    spent_fen bigint NOT NULL, warned bigint NOT NULL,
    errors bigint NOT NULL, warnings bigint NOT NULL, infos bigint NOT NULL, indicators bigint NOT NULL,
    PRIMARY KEY (year, division_code, department_code, unit_code, status, level1)
);

CREATE FUNCTION rm_summary_apply(p_code text, p_sign integer) RETURNS void LANGUAGE sql AS $$
    INSERT INTO rm_summary AS a
    SELECT f.year, f.division_code, f.department_code, f.unit_code, f.status,
           p_sign, p_sign * f.total_fen, p_sign * f.fiscal_fen, p_sign * f.other_fen,
           p_sign * f.spent_fiscal_fen, p_sign * f.spent_other_fen, p_sign * f.warned,
           p_sign * f.errors, p_sign * f.warnings, p_sign * f.infos, p_sign * f.indicators,
           p_sign * f.has_fiscal, p_sign * f.has_fiscal * f.warned, p_sign * f.has_fiscal * f.errors,
           p_sign * f.has_fiscal * f.warnings, p_sign * f.has_fiscal * f.infos, p_sign * f.has_fiscal * f.indicators,
           p_sign * f.has_other, p_sign * f.has_other * f.warned, p_sign * f.has_other * f.errors,
           p_sign * f.has_other * f.warnings, p_sign * f.has_other * f.infos, p_sign * f.has_other * f.indicators
    FROM rm_project_facts f WHERE f.code = p_code
    ON CONFLICT (year, division_code, department_code, unit_code, status) DO UPDATE SET
        projects = a.projects + EXCLUDED.projects, total_fen = a.total_fen + EXCLUDED.total_fen,
        fiscal_fen = a.fiscal_fen + EXCLUDED.fiscal_fen, other_fen = a.other_fen + EXCLUDED.other_fen,
        spent_fiscal_fen = a.spent_fiscal_fen + EXCLUDED.spent_fiscal_fen, spent_other_fen = a.spent_other_fen + EXCLUDED.spent_other_fen,
        warned = a.warned + EXCLUDED.warned, errors = a.errors + EXCLUDED.errors, warnings = a.warnings + EXCLUDED.warnings,
        infos = a.infos + EXCLUDED.infos, indicators = a.indicators + EXCLUDED.indicators,
        fiscal_projects = a.fiscal_projects + EXCLUDED.fiscal_projects, fiscal_warned = a.fiscal_warned + EXCLUDED.fiscal_warned,
        fiscal_errors = a.fiscal_errors + EXCLUDED.fiscal_errors, fiscal_warnings = a.fiscal_warnings + EXCLUDED.fiscal_warnings,
        fiscal_infos = a.fiscal_infos + EXCLUDED.fiscal_infos, fiscal_indicators = a.fiscal_indicators + EXCLUDED.fiscal_indicators,
        other_projects = a.other_projects + EXCLUDED.other_projects, other_warned = a.other_warned + EXCLUDED.other_warned,
        other_errors = a.other_errors + EXCLUDED.other_errors, other_warnings = a.other_warnings + EXCLUDED.other_warnings,
        other_infos = a.other_infos + EXCLUDED.other_infos, other_indicators = a.other_indicators + EXCLUDED.other_indicators;

    INSERT INTO rm_summary_level1 AS a
    SELECT f.year, f.division_code, f.department_code, f.unit_code, f.status, x.level1,
           p_sign, p_sign * f.total_fen, p_sign * f.fiscal_fen, p_sign * f.other_fen,
           p_sign * (f.spent_fiscal_fen + f.spent_other_fen), p_sign * f.warned,
           p_sign * sum(x.errors), p_sign * sum(x.warnings), p_sign * sum(x.infos), p_sign * count(*)
    FROM rm_project_facts f JOIN rm_indicators x ON x.project_code = f.code
    WHERE f.code = p_code
    GROUP BY f.year, f.division_code, f.department_code, f.unit_code, f.status, x.level1, f.total_fen, f.fiscal_fen,
             f.other_fen, f.spent_fiscal_fen, f.spent_other_fen, f.warned
    ON CONFLICT (year, division_code, department_code, unit_code, status, level1) DO UPDATE SET
        projects = a.projects + EXCLUDED.projects, total_fen = a.total_fen + EXCLUDED.total_fen,
        fiscal_fen = a.fiscal_fen + EXCLUDED.fiscal_fen, other_fen = a.other_fen + EXCLUDED.other_fen,
        spent_fen = a.spent_fen + EXCLUDED.spent_fen, warned = a.warned + EXCLUDED.warned,
        errors = a.errors + EXCLUDED.errors, warnings = a.warnings + EXCLUDED.warnings, infos = a.infos + EXCLUDED.infos,
        indicators = a.indicators + EXCLUDED.indicators;

    -- A group the last project left is gone, as it is from the GROUP BY.
    DELETE FROM rm_summary a USING rm_project_facts f
    WHERE f.code = p_code AND a.projects = 0 AND (a.year, a.division_code, a.department_code, a.unit_code, a.status)
        = (f.year, f.division_code, f.department_code, f.unit_code, f.status);
    DELETE FROM rm_summary_level1 a USING rm_project_facts f
    WHERE f.code = p_code AND a.projects = 0 AND (a.year, a.division_code, a.department_code, a.unit_code, a.status)
        = (f.year, f.division_code, f.department_code, f.unit_code, f.status);
$$;

CREATE FUNCTION rm_summary_rebuild() RETURNS void LANGUAGE sql AS $$
    TRUNCATE rm_summary, rm_summary_level1;
    INSERT INTO rm_summary
    SELECT year, division_code, department_code, unit_code, status,
           count(*), sum(total_fen), sum(fiscal_fen), sum(other_fen), sum(spent_fiscal_fen), sum(spent_other_fen), sum(warned),
           sum(errors), sum(warnings), sum(infos), sum(indicators),
           sum(has_fiscal), sum(has_fiscal * warned), sum(has_fiscal * errors), sum(has_fiscal * warnings),
           sum(has_fiscal * infos), sum(has_fiscal * indicators),
           sum(has_other), sum(has_other * warned), sum(has_other * errors), sum(has_other * warnings),
           sum(has_other * infos), sum(has_other * indicators)
    FROM rm_project_facts GROUP BY year, division_code, department_code, unit_code, status;
    INSERT INTO rm_summary_level1
    SELECT f.year, f.division_code, f.department_code, f.unit_code, f.status, x.level1,
           count(*), sum(f.total_fen), sum(f.fiscal_fen), sum(f.other_fen), sum(f.spent_fiscal_fen + f.spent_other_fen),
           sum(f.warned), sum(x.errors), sum(x.warnings), sum(x.infos), sum(x.indicators)
    FROM rm_project_facts f
    JOIN (SELECT project_code, level1, sum(errors) AS errors, sum(warnings) AS warnings, sum(infos) AS infos, count(*) AS indicators
          FROM rm_indicators GROUP BY project_code, level1) x ON x.project_code = f.code
    GROUP BY f.year, f.division_code, f.department_code, f.unit_code, f.status, x.level1;
$$;

-- Aggregates for what is already in the read model.
SELECT rm_summary_rebuild();
