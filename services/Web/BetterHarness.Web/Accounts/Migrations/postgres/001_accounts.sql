-- The web service's accounts on PostgreSQL: the schema SQLite reaches with 001_users.sql and 002_sessions.sql (see
-- there for what each column means). Account names compare without regard to case, as SQLite's COLLATE NOCASE did:
-- a nondeterministic ICU collation (Unicode case folding, not ASCII only).
CREATE COLLATION IF NOT EXISTS nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);

CREATE TABLE users (
    name           TEXT COLLATE nocase PRIMARY KEY,
    role           TEXT   NOT NULL CHECK (role IN ('viewer', 'curator', 'admin')),
    password_hash  TEXT   NOT NULL,
    disabled       BIGINT NOT NULL DEFAULT 0,
    stamp          BIGINT NOT NULL DEFAULT 1,
    created_at     TEXT   NOT NULL,
    last_signin_at TEXT
);

CREATE TABLE sessions (
    id_hash         TEXT COLLATE "C" PRIMARY KEY,
    user_name       TEXT COLLATE nocase NOT NULL,
    user_created_at TEXT   NOT NULL,
    created_at      TEXT   NOT NULL,
    last_seen_ms    BIGINT NOT NULL
);
CREATE INDEX ix_sessions_user ON sessions (user_name);
