-- WingDesk schema v26: each HQ recovery of this wing (issue 22 item 3). A grant id is kept once used, so the same
-- grant file never creates a second administrator (a replay is refused); the row also feeds every user's inbox
-- notice that an administrator was created by HQ recovery. grant_doc is the HQ-signed grant as it came: its SHA-256 is
-- the content hash of the `wing_recovered` audit entry, and `wingdesk verify` takes the new account for an
-- administrator only through it (services.recovered_admins).
CREATE TABLE wing_recoveries (
    grant_id TEXT PRIMARY KEY,
    device_id TEXT NOT NULL,
    generation INTEGER NOT NULL,
    recovered_at TEXT NOT NULL,
    admin_id TEXT NOT NULL,
    approvers TEXT NOT NULL,
    grant_doc BLOB NOT NULL
);
