-- WingDesk schema v3: the wing side of sync with HQ. Device keys live here, inside the encrypted database.
CREATE TABLE sync_device (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    device_id TEXT NOT NULL,
    env TEXT NOT NULL,
    sign_private BLOB NOT NULL,
    enc_private BLOB NOT NULL,
    hq_name TEXT NOT NULL,
    hq_sign_public BLOB NOT NULL,
    hq_enc_public BLOB NOT NULL,
    hq_fingerprint TEXT NOT NULL,
    enrolment_state TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    ref_seq INTEGER NOT NULL DEFAULT 0,
    ref_hash TEXT NOT NULL DEFAULT '',
    ref_issued_at TEXT,
    ref_stale INTEGER NOT NULL DEFAULT 0,
    hlc TEXT NOT NULL DEFAULT ''
);

-- Sealed wing->HQ bundles. `bytes` is set to NULL once a verified receipt acknowledges the bundle.
CREATE TABLE sync_bundles (
    seq INTEGER PRIMARY KEY,
    bundle_id TEXT NOT NULL UNIQUE,
    bundle_hash TEXT NOT NULL UNIQUE,
    prev_hash TEXT NOT NULL,
    record_count INTEGER NOT NULL,
    byte_count INTEGER NOT NULL,
    bytes BLOB,
    created_at TEXT NOT NULL,
    acknowledged_at TEXT
);

-- Verified HQ receipts, kept verbatim as evidence.
CREATE TABLE sync_receipts (
    seq INTEGER PRIMARY KEY,
    bundle_id TEXT NOT NULL,
    bundle_seq INTEGER NOT NULL,
    receipt_seq INTEGER NOT NULL,
    status TEXT NOT NULL,
    hcs INTEGER NOT NULL,
    received_at TEXT NOT NULL,
    via TEXT NOT NULL,
    raw BLOB NOT NULL,
    UNIQUE (bundle_id, receipt_seq)
);

-- HQ reference items (roster, user, revocation) applied once each, by (record_id, rev).
CREATE TABLE sync_applied_items (
    record_id TEXT NOT NULL,
    rev INTEGER NOT NULL,
    kind TEXT NOT NULL,
    ref_seq INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    PRIMARY KEY (record_id, rev)
);

-- Accounts HQ announced that have no key slot here yet: an administrator activates them with a passphrase.
CREATE TABLE sync_hq_accounts (
    user_id TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    discipline TEXT,
    revoked INTEGER NOT NULL DEFAULT 0,
    ref_seq INTEGER NOT NULL
);

CREATE INDEX outbox_pending ON outbox (bundle_seq, acknowledged_at);
