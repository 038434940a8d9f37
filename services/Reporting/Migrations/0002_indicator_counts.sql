-- Summaries read a project's indicator count with its findings instead of counting rm_indicators per project.
ALTER TABLE rm_indicator_sets ADD COLUMN indicators integer NOT NULL DEFAULT 0;
UPDATE rm_indicator_sets s SET indicators = (SELECT count(*) FROM rm_indicators x WHERE x.project_code = s.project_code);
