-- WingDesk schema v34: a transfer package may also travel as a file on a USB stick (issue 19 item 1, "or on its own
-- file by USB"). The receiving governor opens the file; it is checked as HQ would check it, against the governor
-- keys HQ lists for the sending PC, since no HQ vouches for it on the way. The package stays one row per transfer
-- id (the primary key), so the same package arriving by stick and later through HQ is applied once.
ALTER TABLE transfers ADD COLUMN via TEXT NOT NULL DEFAULT 'HQ' CHECK (via IN ('HQ', 'FILE'));

-- The hex Ed25519 keys HQ holds for the governors of that PC, separated by spaces ('' from an HQ that sent none).
ALTER TABLE transfer_peers ADD COLUMN governor_keys TEXT NOT NULL DEFAULT '';
