-- WingDesk schema v9: every record version and amendment carries its author's Ed25519 signature (from the author's
-- own key slot); every audit entry names whose key signed it. Rows written before this version have no author
-- signature: `unsigned_through_*` in meta marks where signing began, and `wingdesk verify` proves those older rows
-- through the signed audit chain instead (docs/sync-bundle.md, author signatures).
ALTER TABLE records ADD COLUMN author_sig BLOB;
ALTER TABLE amendments ADD COLUMN author_sig BLOB;
ALTER TABLE audit ADD COLUMN signer TEXT;
INSERT INTO meta (key, value) SELECT 'unsigned_through_record_seq', CAST(coalesce(max(seq), 0) AS TEXT) FROM records;
INSERT INTO meta (key, value) SELECT 'unsigned_through_amendment_seq', CAST(coalesce(max(seq), 0) AS TEXT)
    FROM amendments;
-- The audit head (last seq and entry hash), written with every entry: a chain cut short no longer matches it.
INSERT INTO meta (key, value) SELECT 'audit_head',
    coalesce((SELECT seq || ':' || entry_hash FROM audit ORDER BY seq DESC LIMIT 1), '0:' || printf('%064d', 0));
-- The audit head each sealed bundle carried (what HQ holds of this wing's chain).
ALTER TABLE sync_bundles ADD COLUMN audit_seq INTEGER;
ALTER TABLE sync_bundles ADD COLUMN audit_hash TEXT;
-- Every signing key an account has had, announced by the administrator who added or reset it (signed with their
-- own key): the wing keeps old keys to verify old signatures, and HQ learns keys made after enrolment from them.
CREATE TABLE user_key_announcements (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL REFERENCES users (id),
    role TEXT NOT NULL,
    public_key BLOB NOT NULL,
    announced_at TEXT NOT NULL,
    admin_id TEXT NOT NULL REFERENCES users (id),
    admin_sig BLOB NOT NULL
);
CREATE TRIGGER user_key_announcements_to_outbox AFTER INSERT ON user_key_announcements BEGIN
    INSERT INTO outbox_extra (kind, item_seq) VALUES ('user_key', NEW.seq);
END;
