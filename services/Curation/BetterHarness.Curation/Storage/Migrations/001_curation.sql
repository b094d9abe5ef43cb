-- The curation service's store: the review queue (candidates from mining, their fetched content, leases and
-- votes), the eval store (cases, every revision, snapshots), the audit log and the outbox. Portable SQL.

-- One row per candidate mining proposed. case_json is the candidate as mining served it (public schema);
-- NULL until fetched. fetch_needed = 1 while mining holds a newer state than case_json.
CREATE TABLE queue_items (
    candidate_id     TEXT PRIMARY KEY,
    status           TEXT NOT NULL,              -- pending | accepted | rejected | superseded
    agent            TEXT,
    summary          TEXT NOT NULL,
    cluster_id       TEXT,
    support_count    INTEGER NOT NULL,
    detector_score   REAL,
    case_json        TEXT,
    oracle_json      TEXT,
    fetch_needed     INTEGER NOT NULL,
    fetch_attempts   INTEGER NOT NULL,
    next_fetch_ms    INTEGER NOT NULL,
    fetch_error      TEXT,
    superseded_by    TEXT,
    reason           TEXT,
    case_id          TEXT,
    decided_by       TEXT,
    lease_holder     TEXT,
    lease_expires_ms INTEGER,
    proposed_at      TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX ix_queue_status ON queue_items (status, proposed_at);
CREATE INDEX ix_queue_fetch ON queue_items (fetch_needed, next_fetch_ms);

CREATE TABLE queue_tags (
    candidate_id TEXT NOT NULL REFERENCES queue_items (candidate_id) ON DELETE CASCADE,
    tag          TEXT NOT NULL,
    PRIMARY KEY (candidate_id, tag)
);
CREATE INDEX ix_queue_tags_tag ON queue_tags (tag);

-- Which candidate each source trace's newest proposal fed: a newer revision moving a trace to another
-- candidate sends the old one back to mining to be re-read (it may be gone: superseded).
CREATE TABLE queue_sources (
    trace_id     TEXT PRIMARY KEY,
    revision     INTEGER NOT NULL,
    candidate_id TEXT NOT NULL
);

-- Reviewers' accepts (N-reviewer mode) and skips.
CREATE TABLE review_votes (
    candidate_id TEXT NOT NULL REFERENCES queue_items (candidate_id) ON DELETE CASCADE,
    actor        TEXT NOT NULL,
    vote         TEXT NOT NULL,                  -- accept | skip
    at           TEXT NOT NULL,
    PRIMARY KEY (candidate_id, actor, vote)
);

-- The eval store: one row per case with its current revision's filterable fields.
CREATE TABLE cases (
    id                  TEXT PRIMARY KEY,
    agent               TEXT NOT NULL,
    category            TEXT NOT NULL,
    split               TEXT NOT NULL,           -- optimization | holdout; never changes once assigned
    must_pass           INTEGER NOT NULL,
    status              TEXT NOT NULL,           -- active | retired
    revision            INTEGER NOT NULL,
    source_candidate_id TEXT,
    auto_accepted       INTEGER NOT NULL,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);
CREATE INDEX ix_cases_agent ON cases (agent, status, category);
CREATE INDEX ix_cases_source ON cases (source_candidate_id);

CREATE TABLE case_tags (
    case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    tag     TEXT NOT NULL,
    PRIMARY KEY (case_id, tag)
);

-- Every revision ever stored, as the full document (public schema + curation fields); never updated.
CREATE TABLE case_revisions (
    case_id  TEXT NOT NULL REFERENCES cases (id),
    revision INTEGER NOT NULL,
    doc_json TEXT NOT NULL,
    action   TEXT NOT NULL,                      -- accept | edit | retire | import
    actor    TEXT NOT NULL,
    reason   TEXT,
    at       TEXT NOT NULL,
    PRIMARY KEY (case_id, revision)
);

-- Immutable snapshots of an agent's active set: which revision of which case.
CREATE TABLE snapshots (
    id          TEXT PRIMARY KEY,
    agent       TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    action      TEXT NOT NULL,
    actor       TEXT NOT NULL,
    case_count  INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    UNIQUE (agent, seq)
);

CREATE TABLE snapshot_cases (
    snapshot_id TEXT NOT NULL REFERENCES snapshots (id),
    case_id     TEXT NOT NULL,
    revision    INTEGER NOT NULL,
    PRIMARY KEY (snapshot_id, case_id)
);

-- Who did what to which case or candidate, and when.
CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    actor   TEXT NOT NULL,
    role    TEXT NOT NULL,
    action  TEXT NOT NULL,
    subject TEXT NOT NULL,
    detail  TEXT
);
CREATE INDEX ix_audit_subject ON audit_log (subject);

-- Store first, then publish: facts written with the change they describe.
CREATE TABLE curation_outbox (
    id           INTEGER PRIMARY KEY,
    message_type TEXT NOT NULL,
    payload      TEXT NOT NULL,
    created_ms   INTEGER NOT NULL,
    sent_ms      INTEGER
);
CREATE INDEX ix_curation_outbox_pending ON curation_outbox (sent_ms);
