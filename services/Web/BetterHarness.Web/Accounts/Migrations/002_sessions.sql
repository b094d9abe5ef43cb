-- Server-side sessions: the cookie carries a random session id, this table its SHA-256. Signing out, removing the
-- account, or changing its role, password or disabled flag deletes its rows, which ends those sessions at once.
-- user_created_at ties a session to one incarnation of the account: a name removed and added again starts afresh.
CREATE TABLE sessions (
    id_hash         TEXT PRIMARY KEY,
    user_name       TEXT NOT NULL COLLATE NOCASE,
    user_created_at TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    last_seen_ms    INTEGER NOT NULL
);
CREATE INDEX ix_sessions_user ON sessions (user_name);
