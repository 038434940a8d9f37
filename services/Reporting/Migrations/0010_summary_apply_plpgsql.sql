-- rm_summary_apply runs twice for every event that changes a project, inside the lock on the project's division and year.
-- As a LANGUAGE sql function it was parsed and planned again on every call: 2.05 ms a call in PostgreSQL, 4.1 of the 5.8 ms
-- that one registration cost PostgreSQL in the bench's P1 (pg_stat_statements, 2026-12-05), while its four statements
-- themselves ran in 0.12 ms. PL/pgSQL keeps each statement's plan for the session.
-- The function keeps the body migration 0009 gave it, wrapped in BEGIN … END: the same statements, not a copy of them.
DO $migration$
DECLARE
    body text := (SELECT prosrc FROM pg_proc WHERE oid = 'rm_summary_apply(text, integer)'::regprocedure);
BEGIN
    EXECUTE format(
        'CREATE OR REPLACE FUNCTION rm_summary_apply(p_code text, p_sign integer) RETURNS void LANGUAGE plpgsql '
        'SET plan_cache_mode = force_generic_plan AS %L', 'BEGIN' || body || 'END;');
END
$migration$;
