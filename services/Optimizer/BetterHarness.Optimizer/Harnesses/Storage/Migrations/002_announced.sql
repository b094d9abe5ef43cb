-- Whether ingest was told about the version (HarnessVersionCreated through the outbox). Versions stored before
-- this column existed are announced once when the service starts (HarnessAnnouncer).
ALTER TABLE harness_versions ADD COLUMN announced INTEGER NOT NULL DEFAULT 0;
