-- One row per failed trace, upserted on (trace_id, revision): a redelivered digest changes nothing, a
-- higher revision replaces the row. cluster_id NULL = not close enough to any cluster yet (unassigned
-- until the next re-clustering). Counts, sizes and trends are computed from these rows, never kept as
-- counters, so nothing can be double-counted.
CREATE TABLE failures (
    trace_id        TEXT    PRIMARY KEY,
    revision        INTEGER NOT NULL,
    signature_hash  TEXT    NOT NULL,
    service_name    TEXT,
    agent_name      TEXT,
    kinds           TEXT    NOT NULL,
    error_types     TEXT    NOT NULL,
    occurred_ms     INTEGER NOT NULL,
    received_ms     INTEGER NOT NULL,
    cluster_id      TEXT,
    similarity      REAL,
    assigned_ms     INTEGER,
    assigned_by     TEXT
) WITHOUT ROWID;
CREATE INDEX failures_by_cluster ON failures (cluster_id, occurred_ms);
CREATE INDEX failures_by_received ON failures (received_ms);

-- Distinct masked signatures and their MiniLM embeddings: each text is embedded once, restarts included.
CREATE TABLE signatures (
    hash            TEXT    PRIMARY KEY,
    text            TEXT    NOT NULL,
    dominant_kind   TEXT    NOT NULL,
    embedding       BLOB
) WITHOUT ROWID;

-- Current and retired clusters. centroid lives in the feature space named by features.
CREATE TABLE clusters (
    id                  TEXT    PRIMARY KEY,
    label               TEXT    NOT NULL,
    dominant_kind       TEXT    NOT NULL,
    terms               TEXT    NOT NULL,
    representatives     TEXT    NOT NULL,
    features            TEXT    NOT NULL,
    centroid            BLOB    NOT NULL,
    created_ms          INTEGER NOT NULL,
    updated_ms          INTEGER NOT NULL,
    retired_ms          INTEGER,
    last_spike_bucket   INTEGER
) WITHOUT ROWID;

-- Identity history: emerged, split, merged, retired.
CREATE TABLE cluster_events (
    id          INTEGER PRIMARY KEY,
    at_ms       INTEGER NOT NULL,
    kind        TEXT    NOT NULL,
    cluster_id  TEXT    NOT NULL,
    related     TEXT    NOT NULL
);
CREATE INDEX cluster_events_by_cluster ON cluster_events (cluster_id, at_ms);

-- One row per re-clustering: what it saw and decided (k and its silhouette).
CREATE TABLE recluster_runs (
    id              INTEGER PRIMARY KEY,
    started_ms      INTEGER NOT NULL,
    finished_ms     INTEGER NOT NULL,
    failures        INTEGER NOT NULL,
    signatures      INTEGER NOT NULL,
    k               INTEGER NOT NULL,
    silhouette      REAL    NOT NULL,
    features        TEXT    NOT NULL,
    summary         TEXT    NOT NULL
);
