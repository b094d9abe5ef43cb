-- The correction judge (optional): turns waiting for the model's verdict, its answers by prompt (the cache), and what each
-- call cost (the day's budget, counted from here so a restart does not reset it). Portable SQL (SQLite / PostgreSQL).
CREATE TABLE judge_queue (
    agent           TEXT NOT NULL,
    trace_id        TEXT NOT NULL,
    user_turn       INTEGER NOT NULL,
    score           REAL NOT NULL,
    conversation_id TEXT,
    span_id         TEXT,
    assistant_text  TEXT NOT NULL,
    user_text       TEXT NOT NULL,
    queued_ms       INTEGER NOT NULL,
    next_ms         INTEGER NOT NULL,
    errors          INTEGER NOT NULL,
    done            INTEGER NOT NULL,
    PRIMARY KEY (agent, trace_id, user_turn)
);
CREATE INDEX ix_judge_queue_due ON judge_queue (done, next_ms);

CREATE TABLE judge_answers (
    cache_key     TEXT PRIMARY KEY,
    model         TEXT NOT NULL,
    is_correction INTEGER NOT NULL,
    answered_ms   INTEGER NOT NULL
);

CREATE TABLE judge_spend (
    model  TEXT NOT NULL,
    at_ms  INTEGER NOT NULL,
    tokens INTEGER NOT NULL
);
CREATE INDEX ix_judge_spend_model ON judge_spend (model, at_ms);
