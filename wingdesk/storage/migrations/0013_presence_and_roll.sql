-- WingDesk schema v13: where each prisoner is (movements out and back, paired) and roll discrepancies closed by
-- a resolution. Both are kept in step with the wing log entries that cause them (services.movements): a MOVEMENT
-- OUT opens a row, the matching IN closes it; a ROLL_RESOLUTION entry closes its roll count's discrepancy.
CREATE TABLE movements (
    out_entry_id TEXT PRIMARY KEY,
    prisoner_id TEXT NOT NULL REFERENCES prisoners (id),
    destination TEXT NOT NULL,
    out_at TEXT NOT NULL,
    expected_back TEXT,
    in_entry_id TEXT,
    in_at TEXT
);
-- At most one open movement per prisoner: a prisoner is in one place.
CREATE UNIQUE INDEX movements_open ON movements (prisoner_id) WHERE in_entry_id IS NULL;
CREATE INDEX movements_due ON movements (expected_back) WHERE in_entry_id IS NULL;

CREATE TABLE roll_resolutions (
    roll_entry_id TEXT PRIMARY KEY,
    resolution_entry_id TEXT NOT NULL,
    resolved_at TEXT NOT NULL
);

-- When a transfer out or a release ended the prisoner's presence on the wing (the record stays).
ALTER TABLE prisoners ADD COLUMN left_at TEXT;

-- A prisoner whose latest movement before this version was an OUT (not a transfer or release) is out now: their
-- IN, when it comes, finds the OUT it answers.
INSERT INTO movements (out_entry_id, prisoner_id, destination, out_at)
    SELECT r.id, r.prisoner_id, json_extract(r.body, '$.destination'), r.occurred_at
    FROM record_heads h JOIN records r ON r.seq = h.seq
    WHERE r.kind = 'log_entry' AND r.subtype = 'MOVEMENT' AND r.prisoner_id IS NOT NULL
      AND json_extract(r.body, '$.direction') = 'OUT'
      AND json_extract(r.body, '$.destination') NOT IN ('TRANSFER', 'RELEASE')
      AND r.seq = (SELECT max(m.seq) FROM records m WHERE m.kind = 'log_entry' AND m.subtype = 'MOVEMENT'
                   AND m.prisoner_id = r.prisoner_id);
