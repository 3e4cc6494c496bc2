-- WingDesk schema v10: a clinical key per treatment discipline (docs/security.md). Prisoner keys are per
-- discipline and epoch, wrapped under the discipline's current key; a removal marks the discipline for rotation,
-- done by the next member of it who signs in (only they hold the key). Schema-8 notes (one wing-wide clinical
-- key) are re-sealed per discipline by the first treatment user to sign in after this upgrade; until then the
-- meta key 'clinical_legacy' is set and the old wrapped keys stay in clinical_keys.
CREATE TABLE discipline_keys (
    discipline TEXT PRIMARY KEY,
    generation INTEGER NOT NULL CHECK (generation >= 1),
    rotation_pending INTEGER NOT NULL DEFAULT 0 CHECK (rotation_pending IN (0, 1))
) STRICT;
CREATE TABLE discipline_prisoner_keys (
    discipline TEXT NOT NULL,
    prisoner_id TEXT NOT NULL,
    epoch INTEGER NOT NULL,
    wrapped BLOB NOT NULL,
    PRIMARY KEY (discipline, prisoner_id, epoch)
) STRICT;
-- A schema-8 sealed field re-sealed under its discipline's prisoner key; the record keeps its original text (its
-- content hash, countersignatures and HQ's copy stay as they were), found here by that text's SHA-256.
CREATE TABLE legacy_sealed_fields (legacy_sha256 TEXT PRIMARY KEY, token TEXT NOT NULL) STRICT;
INSERT INTO meta (key, value) SELECT 'clinical_legacy', '1' WHERE EXISTS (SELECT 1 FROM clinical_keys);
-- The bootstrap key sat under the database key alone; no treatment user existed yet, so no note can need it.
DELETE FROM clinical_bootstrap;
