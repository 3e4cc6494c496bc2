-- WingDesk schema v1: users, prisoners, append-only records and amendments, days, audit chain.
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    discipline TEXT,
    public_key BLOB NOT NULL,
    grant_recipient TEXT NOT NULL,
    created_at TEXT NOT NULL,
    removed_at TEXT
);

CREATE TABLE prisoners (
    id TEXT PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    wing TEXT NOT NULL,
    given_name TEXT NOT NULL,
    family_name TEXT NOT NULL,
    name_cyrillic TEXT,
    date_of_birth TEXT,
    sex TEXT NOT NULL,
    legal_status TEXT NOT NULL,
    first_time INTEGER NOT NULL DEFAULT 0,
    cell TEXT,
    admission_date TEXT,
    expected_release TEXT,
    veo_status TEXT NOT NULL DEFAULT 'NONE',
    interpreter_needed INTEGER NOT NULL DEFAULT 0,
    languages TEXT,
    status TEXT NOT NULL DEFAULT 'IN_CUSTODY',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX prisoners_by_name ON prisoners (family_name COLLATE NOCASE, given_name COLLATE NOCASE);
CREATE INDEX prisoners_by_cell ON prisoners (cell);

CREATE TABLE records (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    kind TEXT NOT NULL,
    subtype TEXT,
    wing TEXT NOT NULL,
    prisoner_id TEXT REFERENCES prisoners (id),
    author_id TEXT NOT NULL REFERENCES users (id),
    author_name TEXT NOT NULL,
    author_role TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    sensitivity TEXT NOT NULL,
    day TEXT,
    shift_id TEXT,
    status TEXT NOT NULL,
    body TEXT NOT NULL,
    content_sha256 TEXT NOT NULL,
    UNIQUE (id, revision)
);
CREATE INDEX records_timeline ON records (prisoner_id, occurred_at);
CREATE INDEX records_day ON records (day, kind);
CREATE INDEX records_author ON records (kind, author_id, occurred_at);
CREATE INDEX records_kind_time ON records (kind, occurred_at);

-- Latest revision of each record: the only mutable pointer; the revisions themselves never change.
CREATE TABLE record_heads (id TEXT PRIMARY KEY, seq INTEGER NOT NULL REFERENCES records (seq));

CREATE TABLE amendments (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    record_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    author_id TEXT NOT NULL REFERENCES users (id),
    author_name TEXT NOT NULL,
    at TEXT NOT NULL,
    text TEXT NOT NULL,
    content_sha256 TEXT NOT NULL
);
CREATE INDEX amendments_by_record ON amendments (record_id, at);

CREATE TABLE shifts (
    id TEXT PRIMARY KEY,
    wing TEXT NOT NULL,
    day TEXT NOT NULL,
    shift TEXT NOT NULL,
    officer_id TEXT NOT NULL REFERENCES users (id),
    started_at TEXT NOT NULL,
    handover_record_id TEXT,
    accepted_at TEXT
);
CREATE INDEX shifts_by_day ON shifts (day);

CREATE TABLE days (
    wing TEXT NOT NULL,
    day TEXT NOT NULL,
    state TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (wing, day)
);

CREATE TABLE day_events (
    seq INTEGER PRIMARY KEY,
    wing TEXT NOT NULL,
    day TEXT NOT NULL,
    event TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    at TEXT NOT NULL,
    entry_id TEXT,
    comment_id TEXT
);

CREATE TABLE countersignatures (
    id TEXT PRIMARY KEY,
    wing TEXT NOT NULL,
    day TEXT NOT NULL,
    signer_id TEXT NOT NULL REFERENCES users (id),
    payload TEXT NOT NULL,
    signature BLOB NOT NULL,
    signed_at TEXT NOT NULL
);

CREATE TABLE clinical_keys (prisoner_id TEXT PRIMARY KEY, wrapped BLOB NOT NULL);
-- The clinical key waits here (under the database key only) until the first treatment user takes it.
CREATE TABLE clinical_bootstrap (id INTEGER PRIMARY KEY CHECK (id = 1), clinical BLOB NOT NULL);
-- Later treatment users receive the clinical key sealed (age X25519) to their own grant key.
CREATE TABLE clinical_grants (user_id TEXT PRIMARY KEY REFERENCES users (id), sealed BLOB, requested_at TEXT NOT NULL);

CREATE TABLE audit (
    seq INTEGER PRIMARY KEY,
    time TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    object TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    entry_hash TEXT NOT NULL,
    signature BLOB
);

CREATE TRIGGER records_append_only_u BEFORE UPDATE ON records BEGIN
    SELECT RAISE(ABORT, 'records are append-only');
END;
CREATE TRIGGER records_append_only_d BEFORE DELETE ON records BEGIN
    SELECT RAISE(ABORT, 'records are append-only');
END;
CREATE TRIGGER amendments_append_only_u BEFORE UPDATE ON amendments BEGIN
    SELECT RAISE(ABORT, 'amendments are append-only');
END;
CREATE TRIGGER amendments_append_only_d BEFORE DELETE ON amendments BEGIN
    SELECT RAISE(ABORT, 'amendments are append-only');
END;
CREATE TRIGGER audit_append_only_u BEFORE UPDATE ON audit BEGIN
    SELECT RAISE(ABORT, 'audit is append-only');
END;
CREATE TRIGGER audit_append_only_d BEFORE DELETE ON audit BEGIN
    SELECT RAISE(ABORT, 'audit is append-only');
END;
