-- Traces whose failure clustering withdrew (TraceFailureWithdrawn): a newer revision stopped failing, so every earlier
-- revision is superseded and is never mined again. Portable SQL (SQLite / PostgreSQL).
CREATE TABLE withdrawn_failures (
    trace_id     TEXT PRIMARY KEY,
    revision     INTEGER NOT NULL,
    withdrawn_at TEXT NOT NULL
);
