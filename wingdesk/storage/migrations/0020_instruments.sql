-- WingDesk schema v20: installed assessment instruments (docs/instruments.md). Every version is kept for good: an
-- assessment made with version 1 shows version 1 after version 2 arrives. A version, once installed, never changes.
CREATE TABLE instruments (
    instrument_id TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    definition TEXT NOT NULL,           -- canonical JSON of the definition as validated
    content_sha256 TEXT NOT NULL,       -- of those canonical bytes
    source TEXT NOT NULL CHECK (source IN ('shipped', 'hq')),
    hq_key_id TEXT,                     -- 'hq': the HQ key that signed it, when, and the signature (evidence)
    signed_at TEXT,
    signature BLOB,
    installed_at TEXT NOT NULL,
    installed_by TEXT NOT NULL,
    PRIMARY KEY (instrument_id, version)
);
CREATE TRIGGER instruments_append_only_u BEFORE UPDATE ON instruments BEGIN
    SELECT RAISE(ABORT, 'installed instruments never change');
END;
CREATE TRIGGER instruments_append_only_d BEFORE DELETE ON instruments BEGIN
    SELECT RAISE(ABORT, 'installed instruments are kept');
END;
