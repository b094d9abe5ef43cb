-- Harness versions as ingest learned them from the optimizer (HarnessVersionCreated): what a trace of each version
-- shows (instructions, tool definitions) and its content fingerprint. Ingest's own copy: it never reads the
-- optimizer's store.
CREATE TABLE harness_versions (
    agent        TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    fingerprint  TEXT    NOT NULL,
    instructions TEXT    NOT NULL,
    tools_json   TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    PRIMARY KEY (agent, version)
);

-- Each completed trace's harness attribution, stored with its evaluation: the version (null = unknown), how it was
-- known (attribute | content | unknown; null until evaluated), the near-match similarity, and the trace's content
-- fingerprint (so a version learned later claims the unknown traces with exactly its content).
ALTER TABLE traces ADD COLUMN harness_version INTEGER;
ALTER TABLE traces ADD COLUMN harness_attribution TEXT;
ALTER TABLE traces ADD COLUMN harness_similarity REAL;
ALTER TABLE traces ADD COLUMN harness_fingerprint TEXT;
-- Production figures per version need duration and tokens, and must leave BetterHarness's own eval runs out.
ALTER TABLE traces ADD COLUMN end_ns INTEGER;
ALTER TABLE traces ADD COLUMN tokens INTEGER;
ALTER TABLE traces ADD COLUMN eval_run INTEGER NOT NULL DEFAULT 0;
CREATE INDEX traces_agent_completed ON traces (agent_name, completed_ms);
CREATE INDEX traces_service_completed ON traces (service_name, completed_ms);
CREATE INDEX traces_harness_fingerprint ON traces (harness_fingerprint) WHERE harness_attribution = 'unknown';
