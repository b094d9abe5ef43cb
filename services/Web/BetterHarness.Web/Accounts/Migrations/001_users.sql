-- People who sign in to the web UI. Machines use API keys (configuration), not rows here.
-- stamp changes whenever the role, the password or the disabled flag changes: sessions carrying an older stamp end.
CREATE TABLE users (
    name           TEXT PRIMARY KEY COLLATE NOCASE,
    role           TEXT NOT NULL CHECK (role IN ('viewer', 'curator', 'admin')),
    password_hash  TEXT NOT NULL,
    disabled       INTEGER NOT NULL DEFAULT 0,
    stamp          INTEGER NOT NULL DEFAULT 1,
    created_at     TEXT NOT NULL,
    last_signin_at TEXT
);
