-- WingDesk schema v14: each user's inbox acknowledgements, and a small index for urgent observations.

-- One row per item a user acknowledged (services.inbox): the item's stable key, never record text. Kept for good:
-- an acknowledged item does not come back, and the audit log holds who acknowledged what and when.
CREATE TABLE inbox_acks (
    user_id TEXT NOT NULL REFERENCES users(id),
    item_key TEXT NOT NULL,
    acknowledged_at TEXT NOT NULL,
    PRIMARY KEY (user_id, item_key)
) WITHOUT ROWID;
CREATE TRIGGER inbox_acks_append_only_u BEFORE UPDATE ON inbox_acks BEGIN
    SELECT RAISE(ABORT, 'inbox acknowledgements are append-only');
END;
CREATE TRIGGER inbox_acks_append_only_d BEFORE DELETE ON inbox_acks BEGIN
    SELECT RAISE(ABORT, 'inbox acknowledgements are append-only');
END;

-- Urgent (threat to life) observations reach supervisor and security at once: the inbox asks for them every
-- half minute, so they are found through this partial index instead of reading every recent observation.
CREATE INDEX records_urgent_observations ON records (occurred_at)
    WHERE kind = 'observation' AND json_extract(body, '$.urgent') = 1;
