-- The curation outbox joins the generic one (ServiceDefaults' MessageOutbox, table outbox_messages, created by
-- CurationDatabase.Open before this runs), as the other services use. Pending facts stay pending and keep their
-- order; sent ones keep their sent time, so the in-memory redrive window still finds them.
INSERT INTO outbox_messages (message_type, payload, created_ms, sent_ms)
    SELECT message_type, payload, created_ms, sent_ms FROM curation_outbox ORDER BY id;
DROP TABLE curation_outbox;
