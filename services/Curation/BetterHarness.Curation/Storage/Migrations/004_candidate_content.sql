-- Candidates arrive whole in EvalCandidateProposed (nothing is read back from mining any more): content_at is the
-- proposal time of the content in case_json, so a redelivered older proposal never overwrites a newer one.
-- The fetch_* and next_fetch_ms columns of 001 are no longer used. Portable SQL.
ALTER TABLE queue_items ADD COLUMN content_at TEXT;
