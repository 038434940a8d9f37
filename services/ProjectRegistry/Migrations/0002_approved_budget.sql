-- The budget of each project's latest approved revision, carried in its events so that other services keep bounding
-- payments and counting totals by it while an adjustment draft changes the filed budget. Null until first approved.
ALTER TABLE projects
    ADD COLUMN approved_total_yuan  numeric(18,2) NULL,
    ADD COLUMN approved_fiscal_yuan numeric(18,2) NULL,
    ADD COLUMN approved_other_yuan  numeric(18,2) NULL,
    ADD CHECK (approved_total_yuan IS NULL OR approved_total_yuan = approved_fiscal_yuan + approved_other_yuan);

-- Projects approved before: the latest kept revision (proto JSON; int64 as strings, zero fields left out).
UPDATE projects p
SET approved_total_yuan  = COALESCE((r.snapshot -> 'budget' ->> 'totalFen')::numeric, 0) / 100,
    approved_fiscal_yuan = COALESCE((r.snapshot -> 'budget' ->> 'fiscalFen')::numeric, 0) / 100,
    approved_other_yuan  = COALESCE((r.snapshot -> 'budget' ->> 'otherFen')::numeric, 0) / 100
FROM (SELECT DISTINCT ON (project_code) project_code, snapshot FROM project_revisions ORDER BY project_code, revision DESC) r
WHERE r.project_code = p.code;
