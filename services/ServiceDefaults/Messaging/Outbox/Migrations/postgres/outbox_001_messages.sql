-- The generic transactional outbox on PostgreSQL (see ../outbox_001_messages.sql). Several replicas' dispatchers
-- share the table: each claims a batch (FOR UPDATE SKIP LOCKED) for claimed_by until claimed_until_ms, so no two
-- publish the same row; a dispatcher that died lets its claims lapse and another takes them over.
CREATE TABLE outbox_messages (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_type     TEXT   NOT NULL,
    payload          TEXT   NOT NULL,
    created_ms       BIGINT NOT NULL,
    sent_ms          BIGINT,
    claimed_by       UUID,
    claimed_until_ms BIGINT
);
CREATE INDEX outbox_messages_pending ON outbox_messages (id) WHERE sent_ms IS NULL;
CREATE INDEX outbox_messages_sent ON outbox_messages (sent_ms) WHERE sent_ms IS NOT NULL;
