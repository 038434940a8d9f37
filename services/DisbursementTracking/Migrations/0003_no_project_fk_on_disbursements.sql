-- Each payment's project is checked, and locked FOR UPDATE, in the transaction that records it, and this service never
-- deletes a project's copy; the foreign key only repeated that check once per row, a per-row query that more than
-- doubled the cost of a treasury batch's COPY.
ALTER TABLE disbursements DROP CONSTRAINT IF EXISTS disbursements_project_code_fkey;
