-- Retention (docs/storage.md). A trace past its age loses its spans, events, signals, feedback and row; what stays is
-- this line, so the API can answer 410 Gone ("aged out") instead of 404 ("never seen"). About 60 bytes a trace.
CREATE TABLE expired_traces (
    trace_id   TEXT    PRIMARY KEY,
    agent      TEXT,
    expired_ms INTEGER NOT NULL
);

-- Traces another service needs kept past their age (TracePinsChanged from curation: a pending candidate or an accepted
-- case). One row per (trace, holder); the newest fact per pair wins by at_ms, whatever order messages arrive in. A
-- trace is kept while any of its rows has pinned = 1.
CREATE TABLE trace_pins (
    trace_id TEXT    NOT NULL,
    holder   TEXT    NOT NULL,
    pinned   INTEGER NOT NULL,
    at_ms    INTEGER NOT NULL,
    PRIMARY KEY (trace_id, holder)
);
