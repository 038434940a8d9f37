-- Findings per rule of each project's indicator set, for the data-quality scorecard (GET /v1/reports/quality) and the
-- per-rule business metrics. Events sent before rules were counted leave a project without rows here.
CREATE TABLE rm_indicator_set_rules (
    project_code text    NOT NULL,
    rule_id      text    NOT NULL,
    severity     text    NOT NULL,
    findings     integer NOT NULL,
    PRIMARY KEY (project_code, rule_id, severity)
);
CREATE INDEX ix_rm_indicator_set_rules_rule ON rm_indicator_set_rules (rule_id);
