-- 结果应用: the finance bureau's summary can group a year's projects by the grade their predecessor earned the year
-- before. A project's predecessor is the one it names, else the project of the previous year of the same unit with the
-- same name (as the registry decides it), found by this index.
ALTER TABLE rm_projects ADD COLUMN predecessor_code text NULL;
CREATE INDEX rm_projects_unit_year_name ON rm_projects (division_code, unit_code, year, name);
