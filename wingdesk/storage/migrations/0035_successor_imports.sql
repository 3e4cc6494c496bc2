-- WingDesk schema v33: a new PC rebuilt from HQ (issue 22 item 4; docs/security.md §6a). Each successor package an
-- administrator wrote into this database, kept as it came (HQ-signed, sealed to this PC): its SHA-256 is the content
-- hash of the `successor_imported` audit entry that administrator signed, and `wingdesk verify` accepts a record
-- version that no audit entry of its author binds only when its content hash is in that package and it names the
-- same author (services.integrity). One package per dead PC; the same package never twice.
CREATE TABLE successor_imports (
    package_sha256 TEXT PRIMARY KEY,
    predecessor_id TEXT NOT NULL UNIQUE,
    imported_at TEXT NOT NULL,
    admin_id TEXT NOT NULL REFERENCES users (id),
    record_count INTEGER NOT NULL,
    package BLOB NOT NULL
);
-- The dead PC's users' signing keys as HQ held them (the package's `successor_user` lines): they verify the imported
-- records' author signatures after an administrator has given the account a new passphrase (and so a new key).
CREATE TABLE successor_user_keys (
    user_id TEXT NOT NULL REFERENCES users (id),
    public_key BLOB NOT NULL,
    package_sha256 TEXT NOT NULL REFERENCES successor_imports (package_sha256),
    PRIMARY KEY (user_id, public_key)
);
