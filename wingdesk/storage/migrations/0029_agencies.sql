-- WingDesk schema v29: agencies a handover may be sealed to (issue 19 item 2), as HQ last sent them with its signed
-- reference data. One row per agency: a later revision from HQ replaces it (a removed agency stays, inactive, so
-- the handovers sealed to it still name it).
CREATE TABLE agencies (
    agency_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    agency_type TEXT NOT NULL CHECK (agency_type IN ('probation', 'social_work', 'prevention', 'ngo')),
    recipient TEXT NOT NULL,            -- the agency's age X25519 public key (age1...)
    active INTEGER NOT NULL CHECK (active IN (0, 1)),
    rev INTEGER NOT NULL CHECK (rev >= 1),
    ref_seq INTEGER NOT NULL            -- the HQ bundle that brought this revision
);
