-- WingDesk schema v39: the prison/wing hierarchy HQ published (issue 17 item 3, docs/publishing.md): the official
-- names of the prisons and wings, capacities, special units and which PC serves which wing. Every revision is kept
-- and never changes; a revision older than the newest installed is refused at install. Each row keeps HQ's
-- signature: a row is in force only while that signature verifies under the HQ key this wing enrolled with.
CREATE TABLE hierarchy_revisions (
    revision INTEGER PRIMARY KEY CHECK (revision >= 1),
    document TEXT NOT NULL,             -- canonical JSON of the document as validated
    content_sha256 TEXT NOT NULL,       -- of those canonical bytes
    hq_key_id TEXT NOT NULL,            -- the HQ key that signed it, when, and the signature (evidence)
    signed_at TEXT NOT NULL,
    signature BLOB NOT NULL,
    installed_at TEXT NOT NULL,
    installed_by TEXT NOT NULL
);
CREATE TRIGGER hierarchy_revisions_append_only_u BEFORE UPDATE ON hierarchy_revisions BEGIN
    SELECT RAISE(ABORT, 'installed hierarchy revisions never change');
END;
CREATE TRIGGER hierarchy_revisions_append_only_d BEFORE DELETE ON hierarchy_revisions BEGIN
    SELECT RAISE(ABORT, 'installed hierarchy revisions are kept');
END;
