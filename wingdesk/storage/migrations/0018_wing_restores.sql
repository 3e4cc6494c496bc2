-- WingDesk schema v18: each time this wing was restored from a backup (issue 22), and where its bundles go on.
-- A restored wing must not re-use a bundle sequence number HQ has already seen from this device: until it knows
-- HQ's last acknowledged bundle (continue_seq, continue_hash; from an HQ-signed receipt or typed in from HQ's status)
-- it seals nothing, and its next bundle continues after that one and declares the restore
-- (declared_in_bundle), so that HQ records a restore, not a fork.
CREATE TABLE wing_restores (
    seq INTEGER PRIMARY KEY,
    backup_id TEXT NOT NULL,
    backup_created_at TEXT NOT NULL,
    restored_at TEXT NOT NULL,
    restored_by TEXT NOT NULL,
    backup_audit_seq INTEGER NOT NULL,
    backup_audit_hash TEXT NOT NULL,
    backup_bundle_seq INTEGER NOT NULL,
    continue_seq INTEGER,
    continue_hash TEXT,
    learned_via TEXT,
    declared_in_bundle INTEGER
);
