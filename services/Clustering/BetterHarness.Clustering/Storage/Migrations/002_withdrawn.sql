-- Traces whose newer revision is no longer failed or corrected (e.g. positive feedback superseded the
-- failure): their failure row is deleted and the revision that withdrew it kept here, so an older,
-- redelivered digest of the same trace cannot bring the failure back.
CREATE TABLE withdrawn_traces (
    trace_id     TEXT    PRIMARY KEY,
    revision     INTEGER NOT NULL,
    withdrawn_ms INTEGER NOT NULL
) WITHOUT ROWID;
