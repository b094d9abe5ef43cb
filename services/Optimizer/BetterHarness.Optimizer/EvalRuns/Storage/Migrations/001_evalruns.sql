-- Eval runs: a harness version on a set of cases with a model, k trials per case.
CREATE TABLE eval_runs (
    id              TEXT    PRIMARY KEY,
    agent           TEXT    NOT NULL,
    harness_version INTEGER NOT NULL,
    snapshot_id     TEXT,
    filter_json     TEXT    NOT NULL,
    model           TEXT    NOT NULL,
    simulated       INTEGER NOT NULL,
    trials          INTEGER NOT NULL,
    status          TEXT    NOT NULL,   -- queued | running | completed | failed
    error           TEXT,
    case_count      INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT    NOT NULL,
    started_at      TEXT,
    finished_at     TEXT
);
CREATE INDEX eval_runs_created ON eval_runs (created_at DESC);
CREATE INDEX eval_runs_status ON eval_runs (status);

-- The cases a run runs, frozen when it starts, so a resumed run runs exactly the same ones.
CREATE TABLE eval_run_cases (
    run_id     TEXT    NOT NULL REFERENCES eval_runs (id),
    position   INTEGER NOT NULL,
    case_id    TEXT    NOT NULL,
    split      TEXT,
    category   TEXT    NOT NULL,
    cluster_id TEXT,
    must_pass  INTEGER NOT NULL,
    case_json  TEXT    NOT NULL,
    PRIMARY KEY (run_id, case_id)
);

-- One row per finished (case, trial): the unit a resumed run never redoes.
CREATE TABLE eval_run_trials (
    run_id          TEXT    NOT NULL REFERENCES eval_runs (id),
    case_id         TEXT    NOT NULL,
    trial           INTEGER NOT NULL,
    passed          INTEGER NOT NULL,
    graders_json    TEXT    NOT NULL,
    transcript_json TEXT    NOT NULL,
    input_tokens    INTEGER NOT NULL,
    output_tokens   INTEGER NOT NULL,
    duration_ms     REAL    NOT NULL,
    model_ms        REAL    NOT NULL,
    finished_at     TEXT    NOT NULL,
    PRIMARY KEY (run_id, case_id, trial)
);
