-- The generic transactional outbox (ServiceDefaults' MessageOutbox): contract messages a service stored in
-- the same transaction as its state, published afterwards. message_type is the contract's full type name;
-- payload its JSON. Applied to each service database that uses it.
CREATE TABLE outbox_messages (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    message_type TEXT    NOT NULL,
    payload      TEXT    NOT NULL,
    created_ms   INTEGER NOT NULL,
    sent_ms      INTEGER
);
CREATE INDEX outbox_messages_pending ON outbox_messages (id) WHERE sent_ms IS NULL;
CREATE INDEX outbox_messages_sent ON outbox_messages (sent_ms) WHERE sent_ms IS NOT NULL;
