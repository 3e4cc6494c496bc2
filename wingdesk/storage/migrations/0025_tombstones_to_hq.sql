-- WingDesk schema v25: an administrator's hard delete travels to HQ (docs/sync-bundle.md, `tombstone` line;
-- docs/security.md §5). Each tombstone goes once, in the next sealed bundle, like an amendment: HQ then deletes
-- its copy of the record. Tombstones written before this version are sent too.
INSERT INTO outbox_extra (kind, item_seq) SELECT 'tombstone', seq FROM tombstones;
CREATE TRIGGER tombstones_to_outbox AFTER INSERT ON tombstones BEGIN
    INSERT INTO outbox_extra (kind, item_seq) VALUES ('tombstone', NEW.seq);
END;
