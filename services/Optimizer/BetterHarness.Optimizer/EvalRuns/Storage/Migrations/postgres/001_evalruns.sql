-- The eval-run store on PostgreSQL: the schema SQLite reaches with 001_evalruns.sql (see there for what each column
-- means), in PostgreSQL's types. Text that is compared or sorted uses the "C" collation (byte order, as SQLite).
CREATE TABLE eval_runs (
    id              TEXT COLLATE "C" PRIMARY KEY,
    agent           TEXT COLLATE "C" NOT NULL,
    harness_version BIGINT NOT NULL,
    snapshot_id     TEXT,
    filter_json     TEXT   NOT NULL,
    model           TEXT   NOT NULL,
    simulated       BIGINT NOT NULL,
    trials          BIGINT NOT NULL,
    status          TEXT COLLATE "C" NOT NULL,
    error           TEXT,
    case_count      BIGINT NOT NULL DEFAULT 0,
    created_at      TEXT COLLATE "C" NOT NULL,
    started_at      TEXT,
    finished_at     TEXT
);
CREATE INDEX eval_runs_created ON eval_runs (created_at DESC);
CREATE INDEX eval_runs_status ON eval_runs (status);

CREATE TABLE eval_run_cases (
    run_id     TEXT COLLATE "C" NOT NULL REFERENCES eval_runs (id),
    position   BIGINT NOT NULL,
    case_id    TEXT COLLATE "C" NOT NULL,
    split      TEXT,
    category   TEXT   NOT NULL,
    cluster_id TEXT,
    must_pass  BIGINT NOT NULL,
    case_json  TEXT   NOT NULL,
    PRIMARY KEY (run_id, case_id)
);

CREATE TABLE eval_run_trials (
    run_id          TEXT COLLATE "C" NOT NULL REFERENCES eval_runs (id),
    case_id         TEXT COLLATE "C" NOT NULL,
    trial           BIGINT NOT NULL,
    passed          BIGINT NOT NULL,
    graders_json    TEXT   NOT NULL,
    transcript_json TEXT   NOT NULL,
    input_tokens    BIGINT NOT NULL,
    output_tokens   BIGINT NOT NULL,
    duration_ms     DOUBLE PRECISION NOT NULL,
    model_ms        DOUBLE PRECISION NOT NULL,
    finished_at     TEXT   NOT NULL,
    PRIMARY KEY (run_id, case_id, trial)
);
