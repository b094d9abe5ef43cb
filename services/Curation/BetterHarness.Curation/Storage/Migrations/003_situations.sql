-- The situation each case came from, for the split: a case joins the group of the stored case it shares a conversation,
-- a failure cluster with an expected action, or a near-duplicate conversation with (Domain/Splits/SituationGrouping), and
-- takes that group's side. vector is the MiniLM unit vector (384 float32, little-endian) of the case's user turns at
-- acceptance; it also measures the holdout's leak (GET /api/evals/composition). Rows are never updated: a case keeps its group.
CREATE TABLE case_situations (
    case_id      TEXT PRIMARY KEY,
    agent        TEXT NOT NULL,
    category     TEXT NOT NULL,
    group_id     TEXT NOT NULL,
    link         TEXT NOT NULL,              -- new | conversation | action | similar | backfill
    linked_case  TEXT,
    similarity   REAL,
    sources_json TEXT NOT NULL,
    action_key   TEXT,
    vector       BLOB NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX ix_case_situations_agent ON case_situations (agent);
CREATE INDEX ix_case_situations_group ON case_situations (group_id);
