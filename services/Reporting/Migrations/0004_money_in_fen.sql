-- Money as bigint fen, the unit the code and the events carry; numeric(18,2) yuan × 100 is a whole number of fen, so
-- the cast is exact (the largest numeric(18,2), 9999999999999999.99, is 999999999999999999 fen, below 2^63).
ALTER TABLE rm_projects
    ALTER COLUMN total_yuan  TYPE bigint USING (total_yuan * 100)::bigint,
    ALTER COLUMN fiscal_yuan TYPE bigint USING (fiscal_yuan * 100)::bigint,
    ALTER COLUMN other_yuan  TYPE bigint USING (other_yuan * 100)::bigint;
ALTER TABLE rm_projects RENAME COLUMN total_yuan TO total_fen;
ALTER TABLE rm_projects RENAME COLUMN fiscal_yuan TO fiscal_fen;
ALTER TABLE rm_projects RENAME COLUMN other_yuan TO other_fen;

-- The defaults (0) are converted with the columns.
ALTER TABLE rm_spending
    ALTER COLUMN spent_fiscal_yuan TYPE bigint USING (spent_fiscal_yuan * 100)::bigint,
    ALTER COLUMN spent_other_yuan  TYPE bigint USING (spent_other_yuan * 100)::bigint;
ALTER TABLE rm_spending RENAME COLUMN spent_fiscal_yuan TO spent_fiscal_fen;
ALTER TABLE rm_spending RENAME COLUMN spent_other_yuan TO spent_other_fen;
