-- Optimisation runs, their journal (finished eval work, proposals, decided iterations), transcripts, audit.
CREATE TABLE optimizations (
    id TEXT PRIMARY KEY,
    agent TEXT NOT NULL,
    status TEXT NOT NULL,              -- queued, running, awaiting_review, approved, rejected, failed
    created_at TEXT NOT NULL,
    started_at TEXT,
    finished_at TEXT,
    requested_by TEXT NOT NULL,
    request_json TEXT NOT NULL,        -- snapshotId, maxIterations, trials, model
    base_version INTEGER,              -- harness version the run started from
    harness_version INTEGER,           -- version awaiting review
    report_json TEXT,
    progress TEXT,                     -- last progress line
    error TEXT,
    decided_by TEXT,
    decided_at TEXT,
    decision_reason TEXT
);
CREATE INDEX ix_optimizations_created ON optimizations (created_at DESC);
CREATE INDEX ix_optimizations_status ON optimizations (status);

CREATE TABLE optimization_case_results (
    optimization_id TEXT NOT NULL,
    eval_key TEXT NOT NULL,            -- split:harness content hash
    case_id TEXT NOT NULL,
    result_json TEXT NOT NULL,
    PRIMARY KEY (optimization_id, eval_key, case_id)
);

CREATE TABLE optimization_proposals (
    optimization_id TEXT NOT NULL,
    iteration INTEGER NOT NULL,
    proposal_json TEXT NOT NULL,
    PRIMARY KEY (optimization_id, iteration)
);

CREATE TABLE optimization_iterations (
    optimization_id TEXT NOT NULL,
    iteration INTEGER NOT NULL,
    record_json TEXT NOT NULL,
    PRIMARY KEY (optimization_id, iteration)
);

CREATE TABLE optimization_transcripts (
    id TEXT PRIMARY KEY,
    optimization_id TEXT NOT NULL,
    transcript_json TEXT NOT NULL
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    role TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    detail TEXT
);
CREATE INDEX ix_audit_subject ON audit_log (subject);
