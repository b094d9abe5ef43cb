-- The detector version each agent's recent conversations were last re-scored with: an agent whose active version differs
-- is due (a crash mid-pass re-drives it). Portable SQL (SQLite / PostgreSQL).
CREATE TABLE detector_rescores (
    agent       TEXT PRIMARY KEY,
    version     INTEGER NOT NULL,
    rescored_at TEXT NOT NULL,
    scored      INTEGER NOT NULL,
    proposed    INTEGER NOT NULL,
    withdrawn   INTEGER NOT NULL
);
