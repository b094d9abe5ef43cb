-- What an accept decided, kept on the queue item so the same request sent again (a client that saw a 502 after the
-- commit and retries) answers with the same case, revision and snapshot instead of a conflict: decision_key is a digest
-- of the curator's edits, case_revision the revision the accept wrote, snapshot_id the snapshot the action took.
-- revises_case_id: a newer revision of an accepted case's source trace is proposed as a revision of that case (accepting
-- it adds a revision; the case keeps its id and split) instead of as a second case. Portable SQL.
ALTER TABLE queue_items ADD COLUMN decision_key TEXT;
ALTER TABLE queue_items ADD COLUMN case_revision INTEGER;
ALTER TABLE queue_items ADD COLUMN snapshot_id TEXT;
ALTER TABLE queue_items ADD COLUMN revises_case_id TEXT;
-- Items accepted before: the revision their accept wrote is the case's first accept revision.
UPDATE queue_items SET case_revision = (SELECT MIN(r.revision) FROM case_revisions r WHERE r.case_id = queue_items.case_id AND r.action = 'accept')
WHERE status = 'accepted' AND case_id IS NOT NULL;
