-- WingDesk schema v32: transfer packages between prisons through HQ (issue 19 item 1; domain.md §4 "Transfers",
-- §5 scenario 13). One row per package: OUT when this wing's governor sealed it (the prisoner's file stays here,
-- read-only), IN when HQ delivered one sealed to this device. The transfer id is the primary key, so a package
-- delivered twice (a replayed HQ bundle, the same file on a stick) is refused, never applied twice.
CREATE TABLE transfers (
    transfer_id TEXT PRIMARY KEY,
    direction TEXT NOT NULL CHECK (direction IN ('OUT', 'IN')),
    prisoner_id TEXT,                  -- OUT: the prisoner sent; IN: the roster row made on acceptance
    other_device TEXT NOT NULL,        -- OUT: the receiving device; IN: the sending device
    governor_key TEXT NOT NULL,        -- hex Ed25519 key of the governor who sealed it (IN: vouched for by HQ)
    package_sha256 TEXT NOT NULL,
    envelope BLOB,                     -- IN: the package as delivered, still sealed to this device's key
    state TEXT NOT NULL CHECK (state IN ('SENT', 'ACKNOWLEDGED', 'RECEIVED', 'ACCEPTED')),
    at TEXT NOT NULL,
    done_at TEXT                       -- OUT: when the receipt came back; IN: when the governor accepted it
);
CREATE INDEX transfers_by_prisoner ON transfers (prisoner_id, direction);

-- The other prisons' PCs a package may be sealed to, as HQ last sent them in its signed reference data: the
-- device id, the wing's name and the device's age X25519 key.
CREATE TABLE transfer_peers (
    device_id TEXT PRIMARY KEY,
    wing_name TEXT NOT NULL,
    recipient TEXT NOT NULL,
    ref_seq INTEGER NOT NULL
);
