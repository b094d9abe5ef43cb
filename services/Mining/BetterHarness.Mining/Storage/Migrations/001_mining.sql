-- Candidate eval cases. case_json is the public schema (docs/eval-case-schema.md) without the source
-- list, which lives in candidate_sources so a merge is one insert. Portable SQL (SQLite / PostgreSQL).
CREATE TABLE candidates (
    id            TEXT PRIMARY KEY,
    status        TEXT NOT NULL,
    tag_key       TEXT NOT NULL,
    cluster_id    TEXT,
    support_count INTEGER NOT NULL,
    summary       TEXT NOT NULL,
    case_json     TEXT NOT NULL,
    fingerprint   BLOB,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX ix_candidates_tag_key ON candidates (tag_key);
CREATE INDEX ix_candidates_created ON candidates (created_at);

CREATE TABLE candidate_tags (
    candidate_id TEXT NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    tag          TEXT NOT NULL,
    PRIMARY KEY (candidate_id, tag)
);
CREATE INDEX ix_candidate_tags_tag ON candidate_tags (tag);

-- One row per source trace: a trace feeds at most one candidate (its latest revision's).
CREATE TABLE candidate_sources (
    trace_id        TEXT PRIMARY KEY,
    revision        INTEGER NOT NULL,
    candidate_id    TEXT NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    span_id         TEXT,
    conversation_id TEXT,
    reason          TEXT NOT NULL,
    added_at        TEXT NOT NULL
);
CREATE INDEX ix_candidate_sources_candidate ON candidate_sources (candidate_id);

-- Every digest revision mined, with or without a candidate: the idempotency key for redelivery.
CREATE TABLE mined_traces (
    trace_id     TEXT PRIMARY KEY,
    revision     INTEGER NOT NULL,
    candidate_id TEXT,
    merged       INTEGER NOT NULL,
    mined_at     TEXT NOT NULL
);

-- Cluster assignments from the clustering service (TracesClustered), possibly before or after mining.
CREATE TABLE trace_clusters (
    trace_id   TEXT PRIMARY KEY,
    cluster_id TEXT NOT NULL,
    revision   INTEGER NOT NULL
);
