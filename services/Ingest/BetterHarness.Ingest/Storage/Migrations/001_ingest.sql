-- Spans as received, as OTLP protobuf, so nothing is lost (unknown attributes, events, links) and the
-- normaliser can be re-run on stored data after it improves. One row per (trace, request): the spans of
-- one trace that arrived in one request, serialised as a ScopeSpans message. Exporters batch the spans of
-- a trace together, so this is several times fewer rows (and index entries) than one row per span, which
-- is what lets a single SQLite writer keep up with OTLP rates.
-- Idempotency: chunk_key is a hash of the chunk's sorted span ids, so a retried request inserts nothing;
-- a span that arrives again in a differently composed batch is dropped when the trace is read (by span id).
CREATE TABLE span_chunks (
    trace_id   BLOB    NOT NULL,  -- 16 bytes
    chunk_key  BLOB    NOT NULL,  -- 16 bytes
    origin_id  INTEGER NOT NULL,
    span_count INTEGER NOT NULL,
    payload    BLOB    NOT NULL
);
CREATE UNIQUE INDEX span_chunks_key ON span_chunks (trace_id, chunk_key);

-- Resource + instrumentation scope of a span, stored once (a ResourceSpans message without spans).
CREATE TABLE origins (
    id      INTEGER PRIMARY KEY,
    payload BLOB NOT NULL UNIQUE
);

-- One row per trace. state: 0 = open, 1 = completed, 2 = amended (completed, then late spans or feedback
-- arrived; it is re-evaluated once quiet again and gets a higher revision).
CREATE TABLE traces (
    trace_id        TEXT    PRIMARY KEY,
    state           INTEGER NOT NULL DEFAULT 0,
    first_seen_ms   INTEGER NOT NULL,
    last_span_ms    INTEGER NOT NULL,
    root_ended      INTEGER NOT NULL DEFAULT 0,
    span_count      INTEGER NOT NULL DEFAULT 0,
    revision        INTEGER NOT NULL DEFAULT 0,
    -- bumped by every change (spans, feedback); an evaluation is saved only if it is unchanged
    version         INTEGER NOT NULL DEFAULT 0,
    completed_ms    INTEGER,
    start_ns        INTEGER,
    service_name    TEXT,
    agent_name      TEXT,
    conversation_id TEXT,
    failed          INTEGER NOT NULL DEFAULT 0,
    corrected       INTEGER NOT NULL DEFAULT 0,
    orphan_spans    INTEGER NOT NULL DEFAULT 0
    -- The normalised trace itself is not stored: it is derived from the spans (and re-derived on read),
    -- which keeps evaluation cheap and lets an improved normaliser apply to old traces.
);
-- The completion sweep's two questions, each a range scan: "root ended and quiet since T" and "older than T".
CREATE INDEX traces_quiet ON traces (state, root_ended, last_span_ms) WHERE state IN (0, 2);
CREATE INDEX traces_age ON traces (state, first_seen_ms) WHERE state IN (0, 2);
CREATE INDEX traces_completed ON traces (completed_ms);

CREATE TABLE signals (
    trace_id   TEXT NOT NULL,
    ordinal    INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    span_id    TEXT,
    evidence   TEXT NOT NULL,
    PRIMARY KEY (trace_id, ordinal)
) WITHOUT ROWID;
CREATE INDEX signals_kind ON signals (kind, trace_id);

-- Feedback from POST /v1/feedback; idempotent on feedback_id (client-supplied or derived from content).
CREATE TABLE feedback (
    feedback_id TEXT PRIMARY KEY,
    trace_id    TEXT NOT NULL,
    span_id     TEXT,
    score       REAL,
    label       TEXT,
    comment     TEXT,
    correction  TEXT,
    received_ms INTEGER NOT NULL
);
CREATE INDEX feedback_trace ON feedback (trace_id);

-- Transactional outbox: a digest is written with the trace's evaluation and published afterwards, so a
-- crash between the two re-publishes instead of losing it. Consumers upsert on (trace_id, revision).
CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    trace_id   TEXT NOT NULL,
    revision   INTEGER NOT NULL,
    payload    TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    sent_ms    INTEGER,
    UNIQUE (trace_id, revision)
);
CREATE INDEX outbox_pending ON outbox (id) WHERE sent_ms IS NULL;
