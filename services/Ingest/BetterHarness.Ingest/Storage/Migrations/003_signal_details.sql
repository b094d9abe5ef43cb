-- The stored evaluation is what every read shows (GET /api/traces/{id} and the list alike), so a signal keeps
-- all it has: the error type and the detector's score too.
ALTER TABLE signals ADD COLUMN error_type TEXT;
ALTER TABLE signals ADD COLUMN score REAL;
