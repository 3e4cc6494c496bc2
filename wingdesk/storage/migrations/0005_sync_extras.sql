-- WingDesk schema v5: amendments and countersignatures travel to HQ too (each once, in sealed bundles).
CREATE TABLE outbox_extra (
    kind TEXT NOT NULL,
    item_seq INTEGER NOT NULL,
    bundle_seq INTEGER,
    PRIMARY KEY (kind, item_seq)
);
INSERT INTO outbox_extra (kind, item_seq) SELECT 'amendment', seq FROM amendments;
INSERT INTO outbox_extra (kind, item_seq) SELECT 'countersignature', rowid FROM countersignatures;
CREATE TRIGGER amendments_to_outbox AFTER INSERT ON amendments BEGIN
    INSERT INTO outbox_extra (kind, item_seq) VALUES ('amendment', NEW.seq);
END;
CREATE TRIGGER countersignatures_to_outbox AFTER INSERT ON countersignatures BEGIN
    INSERT INTO outbox_extra (kind, item_seq) VALUES ('countersignature', NEW.rowid);
END;
