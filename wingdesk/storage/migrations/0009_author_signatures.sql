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
