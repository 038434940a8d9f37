-- Money as bigint fen, the unit the code and the wire carry; numeric(18,2) yuan × 100 is a whole number of fen, so the
-- cast is exact (the largest numeric(18,2), 9999999999999999.99, is 999999999999999999 fen, below 2^63). The checks
-- follow the columns: they are re-checked on the new type and stay true, as ×100 keeps sums and signs.
ALTER TABLE projects
    ALTER COLUMN total_yuan           TYPE bigint USING (total_yuan * 100)::bigint,
    ALTER COLUMN fiscal_yuan          TYPE bigint USING (fiscal_yuan * 100)::bigint,
    ALTER COLUMN other_yuan           TYPE bigint USING (other_yuan * 100)::bigint,
    ALTER COLUMN approved_total_yuan  TYPE bigint USING (approved_total_yuan * 100)::bigint,
    ALTER COLUMN approved_fiscal_yuan TYPE bigint USING (approved_fiscal_yuan * 100)::bigint,
    ALTER COLUMN approved_other_yuan  TYPE bigint USING (approved_other_yuan * 100)::bigint;

ALTER TABLE projects RENAME COLUMN total_yuan TO total_fen;
ALTER TABLE projects RENAME COLUMN fiscal_yuan TO fiscal_fen;
ALTER TABLE projects RENAME COLUMN other_yuan TO other_fen;
ALTER TABLE projects RENAME COLUMN approved_total_yuan TO approved_total_fen;
ALTER TABLE projects RENAME COLUMN approved_fiscal_yuan TO approved_fiscal_fen;
ALTER TABLE projects RENAME COLUMN approved_other_yuan TO approved_other_fen;

ALTER TABLE projects RENAME CONSTRAINT projects_total_yuan_check TO projects_total_fen_check;
ALTER TABLE projects RENAME CONSTRAINT projects_fiscal_yuan_check TO projects_fiscal_fen_check;
ALTER TABLE projects RENAME CONSTRAINT projects_other_yuan_check TO projects_other_fen_check;
