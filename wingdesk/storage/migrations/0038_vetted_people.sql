-- WingDesk schema v38: the vetted outside people HQ listed for this wing (issue 17 item 3): religious counsellors,
-- volunteers, NGO workers and peer mentors, the prisons they may visit, their vetting dates and the decision's
-- reference. Every revision HQ sent is kept (a renewal or a withdrawal is a new revision, never an update); the
-- current state of a person is their highest revision.
CREATE TABLE vetted_people (
    person_id TEXT NOT NULL,
    rev INTEGER NOT NULL CHECK (rev >= 1),
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('religious_counsellor', 'volunteer', 'ngo_worker', 'peer_mentor')),
    organisation TEXT NOT NULL,
    agency_id TEXT NOT NULL,            -- '' or one of the agencies HQ listed
    wings TEXT,                         -- NULL: every prison; else a JSON list of the wing names listed
    vetted_from TEXT NOT NULL,          -- YYYY-MM-DD
    vetted_until TEXT NOT NULL,         -- YYYY-MM-DD, the last day the vetting holds
    decision_ref TEXT NOT NULL,
    active INTEGER NOT NULL CHECK (active IN (0, 1)),
    reason TEXT NOT NULL,               -- why the vetting was withdrawn ('' while active)
    ref_seq INTEGER NOT NULL,           -- the HQ bundle that brought this revision
    received_at TEXT NOT NULL,
    PRIMARY KEY (person_id, rev)
);
