-- WingDesk schema v17: one search key for names (wingdesk.domain.name_key), beside the v7 sort keys; the
-- records' search index is rebuilt from folded text (script, case and diacritics), filled by the program.
ALTER TABLE prisoners ADD COLUMN name_key TEXT;
DROP TABLE records_fts;
CREATE VIRTUAL TABLE records_fts USING fts5 (text, content = '', tokenize = 'unicode61 remove_diacritics 2');
INSERT OR REPLACE INTO meta (key, value) VALUES ('search_index', 'rebuild');
