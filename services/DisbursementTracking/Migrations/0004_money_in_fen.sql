-- Money as bigint fen, the unit the code and the wire carry; numeric(18,2) yuan × 100 is a whole number of fen, so the
-- cast is exact (the largest numeric(18,2), 9999999999999999.99, is 999999999999999999 fen, below 2^63).
ALTER TABLE projects
    ALTER COLUMN total_yuan  TYPE bigint USING (total_yuan * 100)::bigint,
    ALTER COLUMN fiscal_yuan TYPE bigint USING (fiscal_yuan * 100)::bigint,
    ALTER COLUMN other_yuan  TYPE bigint USING (other_yuan * 100)::bigint;
ALTER TABLE projects RENAME COLUMN total_yuan TO total_fen;
ALTER TABLE projects RENAME COLUMN fiscal_yuan TO fiscal_fen;
ALTER TABLE projects RENAME COLUMN other_yuan TO other_fen;

ALTER TABLE disbursements ALTER COLUMN amount_yuan TYPE bigint USING (amount_yuan * 100)::bigint;
ALTER TABLE disbursements RENAME COLUMN amount_yuan TO amount_fen;
