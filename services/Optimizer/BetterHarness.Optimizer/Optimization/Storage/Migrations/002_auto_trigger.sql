-- Cases accepted for an agent since its last automatic run: one row per case, so a redelivered or edited case
-- counts once; optimization_id is the automatic run that used it (NULL while it waits).
CREATE TABLE auto_trigger_cases (
    agent TEXT NOT NULL,
    case_id TEXT NOT NULL,
    snapshot_id TEXT NOT NULL,
    accepted_at TEXT NOT NULL,
    optimization_id TEXT,
    PRIMARY KEY (agent, case_id)
);
CREATE INDEX ix_auto_trigger_pending ON auto_trigger_cases (agent, optimization_id);
