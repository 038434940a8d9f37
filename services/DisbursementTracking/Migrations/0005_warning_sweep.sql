-- The day the warnings were last swept as of. A restart, or a replica started by the autoscaler, finds the day already
-- swept and does not sweep a province's million projects again; the replicas' daily sweeps become one.
CREATE TABLE warning_sweep (
    id          boolean     PRIMARY KEY DEFAULT true CHECK (id),
    swept_as_of date        NOT NULL,
    projects    integer     NOT NULL,
    finished_at timestamptz NOT NULL
);
