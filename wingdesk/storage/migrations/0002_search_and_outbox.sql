-- WingDesk schema v2: full-text search over readable records, the sync outbox, local settings.
CREATE VIRTUAL TABLE records_fts USING fts5 (text, content = '', tokenize = 'unicode61 remove_diacritics 2');

INSERT INTO records_fts (rowid, text)
    SELECT seq, (SELECT group_concat(value, ' ') FROM json_each(records.body) WHERE type = 'text')
    FROM records WHERE kind IN ('observation', 'log_entry', 'contact', 'alert');

CREATE TABLE outbox (
    record_seq INTEGER PRIMARY KEY REFERENCES records (seq),
    bundle_seq INTEGER,
    acknowledged_at TEXT
);
INSERT INTO outbox (record_seq) SELECT seq FROM records;

CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO settings (key, value) VALUES ('idle_lock_seconds', '300');
