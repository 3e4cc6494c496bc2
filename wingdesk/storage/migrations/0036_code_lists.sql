-- WingDesk schema v36: code lists HQ published (issue 17 item 3, docs/publishing.md): entries added to a built-in
-- list such as the plan step types. Every version is kept and never changes, so a code a later version retires or
-- leaves out still reads with its label; a version older than the newest installed is refused at install.
CREATE TABLE code_lists (
    list_name TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    document TEXT NOT NULL,             -- canonical JSON of the document as validated
    content_sha256 TEXT NOT NULL,       -- of those canonical bytes
    hq_key_id TEXT NOT NULL,            -- the HQ key that signed it, when, and the signature (evidence)
    signed_at TEXT NOT NULL,
    signature BLOB NOT NULL,
    installed_at TEXT NOT NULL,
    installed_by TEXT NOT NULL,
    PRIMARY KEY (list_name, version)
);
CREATE TRIGGER code_lists_append_only_u BEFORE UPDATE ON code_lists BEGIN
    SELECT RAISE(ABORT, 'installed code lists never change');
END;
CREATE TRIGGER code_lists_append_only_d BEFORE DELETE ON code_lists BEGIN
    SELECT RAISE(ABORT, 'installed code lists are kept');
END;
