-- The failure analyst's answers (only when BetterHarness:Clustering:Analyst:Model is set). One row per question
-- asked: cache_key = hash of model + prompt, so an identical failure, a redelivery or a restart never asks twice.
-- Tokens are what the provider reported (estimated = 1: characters / 4 when it reported none); the day's sum is the budget.
CREATE TABLE analyses (
    cache_key       TEXT    PRIMARY KEY,
    model           TEXT    NOT NULL,
    statement       TEXT    NOT NULL,
    input_tokens    INTEGER NOT NULL,
    output_tokens   INTEGER NOT NULL,
    estimated       INTEGER NOT NULL,
    created_ms      INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX analyses_by_model_day ON analyses (model, created_ms);

-- Which answer a signature has, per model, and the hash of the text it is clustered with ("root cause: …" + the
-- signature; that text is a row of signatures, so it is embedded once like any other).
CREATE TABLE signature_analyses (
    signature_hash  TEXT    NOT NULL,
    model           TEXT    NOT NULL,
    cache_key       TEXT    NOT NULL REFERENCES analyses (cache_key),
    analysed_hash   TEXT    NOT NULL,
    PRIMARY KEY (signature_hash, model)
) WITHOUT ROWID;
