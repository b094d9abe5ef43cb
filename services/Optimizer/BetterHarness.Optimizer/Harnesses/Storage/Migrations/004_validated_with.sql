-- Provenance: the model an optimisation validated a version with, and whether that model is of the simulated kind.
-- Set once, when the optimisation that produced the version finishes; NULL for versions no optimisation validated.
ALTER TABLE harness_versions ADD COLUMN validated_model TEXT;
ALTER TABLE harness_versions ADD COLUMN validated_simulated INTEGER;
