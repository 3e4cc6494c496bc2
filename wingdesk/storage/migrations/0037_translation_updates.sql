-- WingDesk schema v37: HQ's translation updates (issue 17 item 3, docs/publishing.md). Every version is kept and
-- never changes; the highest installed version of a language is the one in force (layered over the shipped .mo).
CREATE TABLE translation_updates (
    language TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    document TEXT NOT NULL,             -- canonical JSON of the document HQ signed
    content_sha256 TEXT NOT NULL,       -- of those canonical bytes
    hq_key_id TEXT NOT NULL,            -- the HQ key that signed it, when, and the signature (evidence)
    signed_at TEXT NOT NULL,
    signature BLOB NOT NULL,
    installed_at TEXT NOT NULL,
    installed_by TEXT NOT NULL,
    PRIMARY KEY (language, version)
);
CREATE TRIGGER translation_updates_append_only_u BEFORE UPDATE ON translation_updates BEGIN
    SELECT RAISE(ABORT, 'installed translation updates never change');
END;
CREATE TRIGGER translation_updates_append_only_d BEFORE DELETE ON translation_updates BEGIN
    SELECT RAISE(ABORT, 'installed translation updates are kept');
END;
