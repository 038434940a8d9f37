-- The data-quality scorecard's aggregates (GET /v1/reports/quality), kept as the summary's are (migration 0005): the
-- projector calls rm_quality_apply(code, -1) before it changes a project's row, its indicator set or its findings per
-- rule, and rm_quality_apply(code, 1) after, in the same transaction, at the summary's three grains (migration 0011).
-- Summing the filed projects and their findings per rule on every request took 14-26 s at a province's 1,000,000
-- projects (README, 2026-12-07); the scorecard now reads a grain's rows, as the summary does.

-- A filed project (one with an indicator set) as the scorecard counts it.
CREATE VIEW rm_quality_facts AS
SELECT p.code, p.year, p.division_code, p.department_code, p.unit_code,
       (i.errors = 0)::int AS without_errors, i.errors, i.warnings, i.infos
FROM rm_projects p JOIN rm_indicator_sets i ON i.project_code = p.code;

-- A filed project's findings per rule: a rule reported under two severities is one project, counted under each.
CREATE VIEW rm_quality_rule_facts AS
SELECT f.code, f.year, f.division_code, f.department_code, f.unit_code, f.without_errors, r.rule_id,
       sum(r.findings)::int AS findings,
       COALESCE(sum(r.findings) FILTER (WHERE r.severity = 'error'), 0)::int AS error_findings,
       COALESCE(sum(r.findings) FILTER (WHERE r.severity = 'warning'), 0)::int AS warning_findings,
       COALESCE(sum(r.findings) FILTER (WHERE r.severity = 'info'), 0)::int AS info_findings,
       bool_or(r.severity = 'error')::int AS error_projects,
       bool_or(r.severity = 'warning')::int AS warning_projects,
       bool_or(r.severity = 'info')::int AS info_projects
FROM rm_quality_facts f JOIN rm_indicator_set_rules r ON r.project_code = f.code
GROUP BY f.code, f.year, f.division_code, f.department_code, f.unit_code, f.without_errors, r.rule_id;

CREATE TABLE rm_quality (
    level smallint, year integer, division_code text, department_code text, unit_code text,
    projects integer NOT NULL, without_errors integer NOT NULL,
    errors integer NOT NULL, warnings integer NOT NULL, infos integer NOT NULL,
    PRIMARY KEY (level, year, division_code, department_code, unit_code)
);

CREATE TABLE rm_quality_rules (
    level smallint, year integer, division_code text, department_code text, unit_code text, rule_id text,
    projects integer NOT NULL, without_errors integer NOT NULL, findings integer NOT NULL,
    error_findings integer NOT NULL, warning_findings integer NOT NULL, info_findings integer NOT NULL,
    error_projects integer NOT NULL, warning_projects integer NOT NULL, info_projects integer NOT NULL,
    PRIMARY KEY (level, year, division_code, department_code, unit_code, rule_id)
);

CREATE FUNCTION rm_quality_apply(p_code text, p_sign integer) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
    INSERT INTO rm_quality AS a
    SELECT g.level, f.year, f.division_code, g.department_code, g.unit_code,
           p_sign, p_sign * f.without_errors, p_sign * f.errors, p_sign * f.warnings, p_sign * f.infos
    FROM rm_quality_facts f CROSS JOIN LATERAL rm_summary_grains(f.department_code, f.unit_code) g
    WHERE f.code = p_code
    ON CONFLICT (level, year, division_code, department_code, unit_code) DO UPDATE SET
        projects = a.projects + EXCLUDED.projects, without_errors = a.without_errors + EXCLUDED.without_errors,
        errors = a.errors + EXCLUDED.errors, warnings = a.warnings + EXCLUDED.warnings, infos = a.infos + EXCLUDED.infos;

    INSERT INTO rm_quality_rules AS a
    SELECT g.level, f.year, f.division_code, g.department_code, g.unit_code, f.rule_id,
           p_sign, p_sign * f.without_errors, p_sign * f.findings,
           p_sign * f.error_findings, p_sign * f.warning_findings, p_sign * f.info_findings,
           p_sign * f.error_projects, p_sign * f.warning_projects, p_sign * f.info_projects
    FROM rm_quality_rule_facts f CROSS JOIN LATERAL rm_summary_grains(f.department_code, f.unit_code) g
    WHERE f.code = p_code
    ON CONFLICT (level, year, division_code, department_code, unit_code, rule_id) DO UPDATE SET
        projects = a.projects + EXCLUDED.projects, without_errors = a.without_errors + EXCLUDED.without_errors,
        findings = a.findings + EXCLUDED.findings,
        error_findings = a.error_findings + EXCLUDED.error_findings,
        warning_findings = a.warning_findings + EXCLUDED.warning_findings,
        info_findings = a.info_findings + EXCLUDED.info_findings,
        error_projects = a.error_projects + EXCLUDED.error_projects,
        warning_projects = a.warning_projects + EXCLUDED.warning_projects,
        info_projects = a.info_projects + EXCLUDED.info_projects;

    -- A group or a rule the last project left is gone, as it is from the GROUP BY.
    DELETE FROM rm_quality a USING rm_quality_facts f CROSS JOIN LATERAL rm_summary_grains(f.department_code, f.unit_code) g
    WHERE f.code = p_code AND a.projects = 0
      AND (a.level, a.year, a.division_code, a.department_code, a.unit_code)
        = (g.level, f.year, f.division_code, g.department_code, g.unit_code);
    DELETE FROM rm_quality_rules a USING rm_quality_facts f CROSS JOIN LATERAL rm_summary_grains(f.department_code, f.unit_code) g
    WHERE f.code = p_code AND a.projects = 0
      AND (a.level, a.year, a.division_code, a.department_code, a.unit_code)
        = (g.level, f.year, f.division_code, g.department_code, g.unit_code);
END;
$$;

-- For data written straight into the tables (the benchmark) and for this migration: the unit rows from the projects, the
-- department and division rows rolled up from them.
CREATE FUNCTION rm_quality_rebuild() RETURNS void LANGUAGE sql AS $$
    TRUNCATE rm_quality, rm_quality_rules;
    INSERT INTO rm_quality
    SELECT 0, f.year, f.division_code, f.department_code, f.unit_code,
           count(*), sum(f.without_errors), sum(f.errors), sum(f.warnings), sum(f.infos)
    FROM rm_quality_facts f GROUP BY f.year, f.division_code, f.department_code, f.unit_code;
    INSERT INTO rm_quality
    SELECT g.level, q.year, q.division_code, g.department_code, g.unit_code,
           sum(q.projects), sum(q.without_errors), sum(q.errors), sum(q.warnings), sum(q.infos)
    FROM rm_quality q CROSS JOIN LATERAL rm_summary_grains(q.department_code, q.unit_code) g
    WHERE q.level = 0 AND g.level > 0
    GROUP BY g.level, q.year, q.division_code, g.department_code, g.unit_code;
    INSERT INTO rm_quality_rules
    SELECT 0, f.year, f.division_code, f.department_code, f.unit_code, f.rule_id,
           count(*), sum(f.without_errors), sum(f.findings), sum(f.error_findings), sum(f.warning_findings), sum(f.info_findings),
           sum(f.error_projects), sum(f.warning_projects), sum(f.info_projects)
    FROM rm_quality_rule_facts f GROUP BY f.year, f.division_code, f.department_code, f.unit_code, f.rule_id;
    INSERT INTO rm_quality_rules
    SELECT g.level, q.year, q.division_code, g.department_code, g.unit_code, q.rule_id,
           sum(q.projects), sum(q.without_errors), sum(q.findings), sum(q.error_findings), sum(q.warning_findings),
           sum(q.info_findings), sum(q.error_projects), sum(q.warning_projects), sum(q.info_projects)
    FROM rm_quality_rules q CROSS JOIN LATERAL rm_summary_grains(q.department_code, q.unit_code) g
    WHERE q.level = 0 AND g.level > 0
    GROUP BY g.level, q.year, q.division_code, g.department_code, g.unit_code, q.rule_id;
$$;

SELECT rm_quality_rebuild();
