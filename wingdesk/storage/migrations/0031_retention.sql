-- WingDesk schema v31: retention review (issue 19 item 5; services.retention). The governor reviews a prisoner's
-- records whose retention ran out and either erases them (each leaves a signed tombstone, schema v21) or keeps them
-- longer; both need a reason. One row per decision, kept for good.
CREATE TABLE retention_decisions (
    seq INTEGER PRIMARY KEY,
    prisoner_id TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('erase', 'extend')),
    kept_until TEXT,
    reason TEXT NOT NULL,
    records INTEGER NOT NULL,
    schedule_version TEXT NOT NULL,
    decided_by TEXT NOT NULL REFERENCES users (id),
    decided_at TEXT NOT NULL,
    CHECK ((decision = 'extend') = (kept_until IS NOT NULL))
);
CREATE INDEX retention_decisions_prisoner ON retention_decisions (prisoner_id, decision, kept_until);
CREATE TRIGGER retention_decisions_append_only_u BEFORE UPDATE ON retention_decisions BEGIN
    SELECT RAISE(ABORT, 'retention decisions are append-only');
END;
CREATE TRIGGER retention_decisions_append_only_d BEFORE DELETE ON retention_decisions BEGIN
    SELECT RAISE(ABORT, 'retention decisions are append-only');
END;
