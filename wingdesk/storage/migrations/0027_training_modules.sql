-- WingDesk schema v27: installed training modules (issue 18, docs/training.md). Every version is kept and never
-- changes; the highest installed is the one in force, and a version older than it is refused at install.
CREATE TABLE training_modules (
    module_id TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    package TEXT NOT NULL,              -- canonical JSON of the package as validated (pictures embedded)
    content_sha256 TEXT NOT NULL,       -- of those canonical bytes
    source TEXT NOT NULL CHECK (source IN ('shipped', 'hq')),
    hq_key_id TEXT,                     -- 'hq': the HQ key that signed it, when, and the signature (evidence)
    signed_at TEXT,
    signature BLOB,
    installed_at TEXT NOT NULL,
    installed_by TEXT NOT NULL,
    PRIMARY KEY (module_id, version)
);
CREATE TRIGGER training_modules_append_only_u BEFORE UPDATE ON training_modules BEGIN
    SELECT RAISE(ABORT, 'installed modules never change');
END;
CREATE TRIGGER training_modules_append_only_d BEFORE DELETE ON training_modules BEGIN
    SELECT RAISE(ABORT, 'installed modules are kept');
END;
