-- The service's audit log: who did what to which subject (see BetterHarness.ServiceDefaults.Security.AuditLog).
CREATE TABLE IF NOT EXISTS audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    role TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    detail TEXT
);
CREATE INDEX IF NOT EXISTS ix_audit_subject ON audit_log (subject);
