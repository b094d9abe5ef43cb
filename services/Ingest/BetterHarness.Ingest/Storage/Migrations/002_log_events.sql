-- GenAI events that arrived as OTLP log records (the OTel GenAI instrumentations send message content this
-- way), kept as LogRecord protobuf bytes to join their span when the trace is read — whichever of the two
-- arrived first. One row per record; record_key is a hash of the record's bytes, so a retried export inserts
-- nothing. Log records that are not GenAI events of a trace are counted at ingest and not stored.
CREATE TABLE log_events (
    trace_id   BLOB    NOT NULL,  -- 16 bytes
    record_key BLOB    NOT NULL,  -- 16 bytes
    span_id    BLOB,              -- 8 bytes; null when the record names only its trace
    origin_id  INTEGER NOT NULL,  -- resource + scope, shared with spans (origins)
    payload    BLOB    NOT NULL
);
CREATE UNIQUE INDEX log_events_key ON log_events (trace_id, record_key);
