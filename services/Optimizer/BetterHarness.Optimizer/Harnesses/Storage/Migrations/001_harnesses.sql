-- Harness versions: immutable documents, numbered per agent from 1; each keeps its parent, author and reason.
CREATE TABLE harness_versions (
    agent          TEXT    NOT NULL,
    version        INTEGER NOT NULL,
    parent_version INTEGER,
    author         TEXT    NOT NULL,
    reason         TEXT    NOT NULL,
    document_json  TEXT    NOT NULL,
    content_hash   TEXT    NOT NULL,
    created_at     TEXT    NOT NULL,
    PRIMARY KEY (agent, version)
);

-- One current (approved) version per agent: what GET /api/harness/current serves.
CREATE TABLE harness_current (
    agent      TEXT    PRIMARY KEY,
    version    INTEGER NOT NULL,
    changed_at TEXT    NOT NULL,
    changed_by TEXT    NOT NULL,
    FOREIGN KEY (agent, version) REFERENCES harness_versions (agent, version)
);
