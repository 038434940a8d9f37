-- What each project has paid in all, by fund source, kept on its row by the transaction that records a payment (which
-- holds the row's lock FOR UPDATE). A treasury batch read it by summing the project's payments twice, a cost that grew
-- with every payment the project had (two thirds of a 50,000-row batch's time outside its COPY).
ALTER TABLE projects
    ADD COLUMN spent_fiscal_fen bigint NOT NULL DEFAULT 0,
    ADD COLUMN spent_other_fen  bigint NOT NULL DEFAULT 0;

UPDATE projects p
   SET spent_fiscal_fen = s.fiscal, spent_other_fen = s.other
  FROM (SELECT project_code,
               coalesce(sum(amount_fen) FILTER (WHERE fund_source = 'fiscal'), 0) AS fiscal,
               coalesce(sum(amount_fen) FILTER (WHERE fund_source = 'other'), 0)  AS other
          FROM disbursements GROUP BY project_code) s
 WHERE p.code = s.project_code;
