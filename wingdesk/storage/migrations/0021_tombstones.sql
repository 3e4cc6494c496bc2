-- WingDesk schema v21: an administrator's hard delete (domain.md §0 rule 1, §3 rule 6; services.deletion). The
-- record's versions, amendments and search rows go; a tombstone stays: the statement the administrator signed
-- (ids, hashes, original author, who deleted it, when and why; never the record's text), kept for good.
CREATE TABLE tombstones (
    seq INTEGER PRIMARY KEY,
    record_id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    statement TEXT NOT NULL,
    content_sha256 TEXT NOT NULL,
    signer_id TEXT NOT NULL REFERENCES users (id),
    signature BLOB NOT NULL
);
CREATE TRIGGER tombstones_append_only_u BEFORE UPDATE ON tombstones BEGIN
    SELECT RAISE(ABORT, 'tombstones are append-only');
END;
CREATE TRIGGER tombstones_append_only_d BEFORE DELETE ON tombstones BEGIN
    SELECT RAISE(ABORT, 'tombstones are append-only');
END;

-- Records and amendments stay append-only, except those of a record with a tombstone (written first, in the
-- same transaction as the delete).
DROP TRIGGER records_append_only_d;
CREATE TRIGGER records_append_only_d BEFORE DELETE ON records
    WHEN NOT EXISTS (SELECT 1 FROM tombstones WHERE record_id = OLD.id) BEGIN
    SELECT RAISE(ABORT, 'records are append-only');
END;
DROP TRIGGER amendments_append_only_d;
CREATE TRIGGER amendments_append_only_d BEFORE DELETE ON amendments
    WHEN NOT EXISTS (SELECT 1 FROM tombstones WHERE record_id = OLD.record_id) BEGIN
    SELECT RAISE(ABORT, 'amendments are append-only');
END;

-- The search index can now forget one record's rows (contentless_delete, SQLite 3.43): rebuilt by the program.
DROP TABLE records_fts;
CREATE VIRTUAL TABLE records_fts USING fts5 (text, content = '', contentless_delete = 1,
                                            tokenize = 'unicode61 remove_diacritics 2');
INSERT OR REPLACE INTO meta (key, value) VALUES ('search_index', 'rebuild');
