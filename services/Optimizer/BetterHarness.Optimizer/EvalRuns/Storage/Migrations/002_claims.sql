-- Which optimizer replica runs an eval run, and until when its lease holds (Claims/IRunClaims.cs). NULL: nobody.
ALTER TABLE eval_runs ADD COLUMN claimed_by TEXT;
ALTER TABLE eval_runs ADD COLUMN claimed_until_ms INTEGER;
