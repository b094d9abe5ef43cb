-- Span chunks and GenAI events are stored compressed (PayloadCodec: zstd, applied before the bytes reach either
-- engine). encoding says how a row's payload is encoded: 0 = protobuf as received, 1 = zstd frame of it. Rows written
-- before this migration keep the default 0 and are read as they always were; nothing is rewritten (adding a column
-- with a constant default is O(1) in SQLite and PostgreSQL alike).
ALTER TABLE span_chunks ADD COLUMN encoding INTEGER NOT NULL DEFAULT 0;
ALTER TABLE log_events ADD COLUMN encoding INTEGER NOT NULL DEFAULT 0;
