-- Findings per indicator, so that the summary by level 1 shows which category the errors are in.
ALTER TABLE rm_indicators
    ADD COLUMN errors integer NOT NULL DEFAULT 0,
    ADD COLUMN warnings integer NOT NULL DEFAULT 0,
    ADD COLUMN infos integer NOT NULL DEFAULT 0;
