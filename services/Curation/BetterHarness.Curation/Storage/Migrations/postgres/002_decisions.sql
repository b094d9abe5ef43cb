-- SQLite's 005_decisions.sql on PostgreSQL: what an accept decided (see there), and the case a newer revision revises.
ALTER TABLE queue_items ADD COLUMN decision_key TEXT;
ALTER TABLE queue_items ADD COLUMN case_revision BIGINT;
ALTER TABLE queue_items ADD COLUMN snapshot_id TEXT;
ALTER TABLE queue_items ADD COLUMN revises_case_id TEXT;
