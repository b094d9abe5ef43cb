-- Tokens of analyst calls that stored no answer (a provider error, a timeout, an empty reply): the provider may still
-- bill them, so the day's budget counts them too. The provider's usage when it answered, else the worst case (the
-- prompt's estimate plus the answer cap).
CREATE TABLE analyst_spend (
    id          INTEGER PRIMARY KEY,
    model       TEXT    NOT NULL,
    tokens      INTEGER NOT NULL,
    created_ms  INTEGER NOT NULL
);
CREATE INDEX analyst_spend_by_model_day ON analyst_spend (model, created_ms);
