-- The group names travel with the summary's aggregates (issue 13, P4): grouping by department or by unit answered with a
-- name per row read from rm_departments and rm_units on every request (14,000 units in a province), which cost more than
-- the sums. rm_summary keeps each row's division, department and unit name: set when the row is first inserted, updated
-- by the projector when a division, department or unit is registered or renamed, and recomputed on rebuild. A name that
-- is not known yet is NULL (the summary shows the key).
ALTER TABLE rm_summary ADD COLUMN division_name text, ADD COLUMN department_name text, ADD COLUMN unit_name text;

-- The groups in key order: a page of units (or departments) in key order reads its own rows and stops (GroupAggregate over
-- the index, LIMIT), instead of summing the whole year's 28,000 rows to keep 1,000 groups; counting the groups is an
-- index-only scan. The same indexes find a renamed unit's or department's rows.
CREATE INDEX rm_summary_unit ON rm_summary (division_code, unit_code, year);
CREATE INDEX rm_summary_department ON rm_summary (division_code, department_code, year);

-- Every row's names from the reference tables (rebuild, and this migration for the rows already there).
CREATE FUNCTION rm_summary_name_all() RETURNS void LANGUAGE sql AS $$
    UPDATE rm_summary a SET division_name = v.name FROM rm_divisions v
    WHERE v.code = a.division_code AND a.division_name IS DISTINCT FROM v.name;
    UPDATE rm_summary a SET department_name = d.name FROM rm_departments d
    WHERE d.division_code = a.division_code AND d.code = a.department_code AND a.department_name IS DISTINCT FROM d.name;
    UPDATE rm_summary a SET unit_name = u.name FROM rm_units u
    WHERE u.division_code = a.division_code AND u.code = a.unit_code AND a.unit_name IS DISTINCT FROM u.name;
$$;

CREATE OR REPLACE FUNCTION rm_summary_apply(p_code text, p_sign integer) RETURNS void LANGUAGE sql AS $$
    INSERT INTO rm_summary AS a
    SELECT f.year, f.division_code, f.department_code, f.unit_code, f.status,
           p_sign, p_sign * f.total_fen, p_sign * f.fiscal_fen, p_sign * f.other_fen,
           p_sign * f.spent_fiscal_fen, p_sign * f.spent_other_fen, p_sign * f.warned,
           p_sign * f.errors, p_sign * f.warnings, p_sign * f.infos, p_sign * f.indicators,
           p_sign * f.has_fiscal, p_sign * f.has_fiscal * f.warned, p_sign * f.has_fiscal * f.errors,
           p_sign * f.has_fiscal * f.warnings, p_sign * f.has_fiscal * f.infos, p_sign * f.has_fiscal * f.indicators,
           p_sign * f.has_other, p_sign * f.has_other * f.warned, p_sign * f.has_other * f.errors,
           p_sign * f.has_other * f.warnings, p_sign * f.has_other * f.infos, p_sign * f.has_other * f.indicators,
           -- The group's names, as they are now; later renames update them (the projector, reference data events).
           (SELECT v.name FROM rm_divisions v WHERE v.code = f.division_code),
           (SELECT d.name FROM rm_departments d WHERE d.division_code = f.division_code AND d.code = f.department_code),
           (SELECT u.name FROM rm_units u WHERE u.division_code = f.division_code AND u.code = f.unit_code)
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

CREATE OR REPLACE FUNCTION rm_summary_rebuild() RETURNS void LANGUAGE sql AS $$
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
    SELECT rm_summary_name_all();
    INSERT INTO rm_summary_level1
    SELECT f.year, f.division_code, f.department_code, f.unit_code, f.status, x.level1,
           count(*), sum(f.total_fen), sum(f.fiscal_fen), sum(f.other_fen), sum(f.spent_fiscal_fen + f.spent_other_fen),
           sum(f.warned), sum(x.errors), sum(x.warnings), sum(x.infos), sum(x.indicators)
    FROM rm_project_facts f
    JOIN (SELECT project_code, level1, sum(errors) AS errors, sum(warnings) AS warnings, sum(infos) AS infos, count(*) AS indicators
          FROM rm_indicators GROUP BY project_code, level1) x ON x.project_code = f.code
    GROUP BY f.year, f.division_code, f.department_code, f.unit_code, f.status, x.level1;
$$;

SELECT rm_summary_name_all();
