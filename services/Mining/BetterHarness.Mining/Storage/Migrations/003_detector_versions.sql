-- Each training pass of an agent's adapted correction detector: the model (weights as JSON), how it and the shipped model
-- scored on the agent's labels (grouped cross-validation), and whether it became active. Version 0 is the shipped model.
CREATE TABLE detector_versions (
    agent        TEXT NOT NULL,
    version      INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    labels       INTEGER NOT NULL,
    positives    INTEGER NOT NULL,
    model_json   TEXT NOT NULL,
    adapted_json TEXT NOT NULL,
    shipped_json TEXT NOT NULL,
    better       INTEGER NOT NULL,
    reason       TEXT NOT NULL,
    PRIMARY KEY (agent, version)
);

-- Which version scores an agent's turns (0 = shipped), whether an admin pinned it, and the labels last trained on.
CREATE TABLE detector_state (
    agent          TEXT PRIMARY KEY,
    active_version INTEGER NOT NULL,
    pinned_by      TEXT,
    trained_labels INTEGER NOT NULL,
    updated_at     TEXT NOT NULL
);
