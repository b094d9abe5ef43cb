-- The digest of every trace mining has seen (newest revision): the conversation a label resolves against and that
-- re-scoring reads when an agent's detector changes. Portable SQL (SQLite / PostgreSQL).
CREATE TABLE mined_digests (
    trace_id     TEXT PRIMARY KEY,
    revision     INTEGER NOT NULL,
    agent        TEXT,
    completed_at TEXT NOT NULL,
    digest_json  TEXT NOT NULL
);
CREATE INDEX ix_mined_digests_agent ON mined_digests (agent, completed_at);

-- Correction labels: does user turn user_turn (0-based among the conversation's user messages) correct the agent reply
-- before it. At most one person label and one judge label per turn; a later person label replaces the earlier one (the
-- audit log keeps every change).
CREATE TABLE correction_labels (
    agent           TEXT NOT NULL,
    trace_id        TEXT NOT NULL,
    user_turn       INTEGER NOT NULL,
    source          TEXT NOT NULL,
    is_correction   INTEGER NOT NULL,
    origin          TEXT NOT NULL,
    actor           TEXT NOT NULL,
    role            TEXT NOT NULL,
    conversation_id TEXT,
    span_id         TEXT,
    assistant_text  TEXT NOT NULL,
    user_text       TEXT NOT NULL,
    labelled_at     TEXT NOT NULL,
    PRIMARY KEY (agent, trace_id, user_turn, source)
);
CREATE INDEX ix_correction_labels_trace ON correction_labels (trace_id);

-- Who labelled what (the labels API, review verdicts). Another migration may have created it already.
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
