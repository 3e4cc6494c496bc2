-- WingDesk schema v12: the chain of HQ bundles this wing applied, and hybrid logical clocks on records.

-- Every HQ->wing bundle applied here (docs/sync-bundle.md §8.1). `superseded` = 1: from HQ history a later fork
-- (HQ restored from a backup) replaced; kept as evidence and so that history cannot come back.
CREATE TABLE sync_hq_chain (
    bundle_hash TEXT PRIMARY KEY,
    ref_seq INTEGER NOT NULL,
    prev_hash TEXT NOT NULL,
    applied_at TEXT NOT NULL,
    superseded INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sync_hq_chain_live ON sync_hq_chain (superseded, ref_seq);
INSERT INTO sync_hq_chain (bundle_hash, ref_seq, prev_hash, applied_at)
    SELECT ref_hash, ref_seq, '', coalesce(ref_issued_at, '') FROM sync_device WHERE ref_seq > 0 AND ref_hash != '';
-- The last time HQ's reference data went back (a fork of its chain): from which head, to which ref_seq, when.
ALTER TABLE sync_device ADD COLUMN hq_rollback_from INTEGER;
ALTER TABLE sync_device ADD COLUMN hq_rollback_to INTEGER;
ALTER TABLE sync_device ADD COLUMN hq_rollback_at TEXT;

-- The HLC a record revision got when it was written (not when it was sealed). Earlier revisions get one from
-- their recorded_at (wall milliseconds, counter 0): the order they were shown in until now.
ALTER TABLE records ADD COLUMN hlc TEXT NOT NULL DEFAULT '';
DROP TRIGGER records_append_only_u;
UPDATE records SET hlc = printf('%013d.000000',
    CAST(round((julianday(recorded_at) - 2440587.5) * 86400000.0) AS INTEGER));
CREATE TRIGGER records_append_only_u BEFORE UPDATE ON records BEGIN
    SELECT RAISE(ABORT, 'records are append-only');
END;
CREATE INDEX records_day_hlc ON records (day, kind, hlc);
CREATE INDEX records_prisoner_hlc ON records (prisoner_id, hlc);

-- One clock per wing PC: the last HLC handed out (records, bundles, merges of HQ's clock), the latest wall time
-- this PC's clock showed, and since when it has been seen behind that (NULL: not behind).
CREATE TABLE wing_clock (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    hlc TEXT NOT NULL,
    last_seen_ms INTEGER NOT NULL,
    behind_since_ms INTEGER
);
INSERT INTO wing_clock (id, hlc, last_seen_ms)
    SELECT 1, coalesce(max(hlc), ''), coalesce(max(CAST(substr(hlc, 1, 13) AS INTEGER)), 0) FROM records;
UPDATE wing_clock SET hlc = (SELECT hlc FROM sync_device WHERE id = 1)
    WHERE (SELECT hlc FROM sync_device WHERE id = 1) > hlc;
