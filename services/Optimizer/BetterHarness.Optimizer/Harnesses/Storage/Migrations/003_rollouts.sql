-- Canary rollouts: a candidate version served to a share of an agent's units (sticky by a hash of the unit) while the
-- current version serves the rest, until a person promotes it, or the sequential test rolls it back. state: canary |
-- promoted | rolled_back. At most one canary per agent.
CREATE TABLE harness_rollouts (
    id               TEXT    PRIMARY KEY,
    agent            TEXT    NOT NULL,
    version          INTEGER NOT NULL,
    baseline_version INTEGER NOT NULL,
    share            REAL    NOT NULL,
    state            TEXT    NOT NULL,
    started_at       TEXT    NOT NULL,
    started_by       TEXT    NOT NULL,
    decided_at       TEXT,
    decided_by       TEXT,
    reason           TEXT,
    checked_at       TEXT,
    check_json       TEXT,  -- the monitor's last look: both arms' counts, the test's likelihood ratios, its verdict
    FOREIGN KEY (agent, version) REFERENCES harness_versions (agent, version)
);
CREATE UNIQUE INDEX harness_rollouts_running ON harness_rollouts (agent) WHERE state = 'canary';
CREATE INDEX harness_rollouts_agent ON harness_rollouts (agent, started_at);

-- Every rollout step (start, promote, rollback — by a person or the monitor), committed with the step itself.
CREATE TABLE IF NOT EXISTS audit_log (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    actor   TEXT NOT NULL,
    role    TEXT NOT NULL,
    action  TEXT NOT NULL,
    subject TEXT NOT NULL,
    detail  TEXT
);
CREATE INDEX IF NOT EXISTS ix_audit_subject ON audit_log (subject);
