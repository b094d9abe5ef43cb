-- Which optimizer replica runs an optimisation, and until when its lease holds (Claims/IRunClaims.cs). NULL: nobody.
ALTER TABLE optimizations ADD COLUMN claimed_by TEXT;
ALTER TABLE optimizations ADD COLUMN claimed_until_ms BIGINT;
