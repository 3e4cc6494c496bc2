"""HQ store schema, written once and rendered for SQLite (STRICT) or PostgreSQL."""

from __future__ import annotations

SCHEMA_VERSION = 2  # 2: research_records (hq.research_migrate upgrades a store of version 1)

_TABLES = """
CREATE TABLE IF NOT EXISTS meta (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
){strict};
CREATE TABLE IF NOT EXISTS devices (
    device_id TEXT PRIMARY KEY,
    wing_name TEXT NOT NULL,
    sign_public {blob} NOT NULL UNIQUE,
    enc_public {blob} NOT NULL,
    enrolled_at TEXT NOT NULL,
    revoked_after_seq {int},
    revoked_at TEXT,
    hcs {int} NOT NULL DEFAULT 0,
    hcs_hash TEXT NOT NULL DEFAULT '',
    max_seq {int} NOT NULL DEFAULT 0,
    last_contact TEXT,
    receipt_seq {int} NOT NULL DEFAULT 0,
    ref_seq {int} NOT NULL DEFAULT 0,
    ref_hash TEXT NOT NULL DEFAULT ''
){strict};
CREATE TABLE IF NOT EXISTS bundles (
    bundle_id TEXT PRIMARY KEY,
    bundle_hash TEXT NOT NULL UNIQUE,
    device_id TEXT NOT NULL REFERENCES devices(device_id),
    seq {int} NOT NULL,
    prev_hash TEXT NOT NULL,
    received_at TEXT NOT NULL,
    record_count {int} NOT NULL,
    clock_skew_s {int},
    raw {blob} NOT NULL,
    receipt {blob} NOT NULL,
    receipt_seq {int} NOT NULL,
    UNIQUE (device_id, seq)
){strict};
CREATE TABLE IF NOT EXISTS records (
    record_id TEXT NOT NULL,
    rev {int} NOT NULL,
    kind TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    device_id TEXT NOT NULL,
    bundle_id TEXT NOT NULL REFERENCES bundles(bundle_id),
    body TEXT NOT NULL,
    PRIMARY KEY (record_id, rev)
){strict};
-- no query reads records by bundle, but the deferred foreign key does: when a bundle row is written after its
-- records, SQLite looks its children up by bundle_id (without this index: a scan of all records, per bundle)
CREATE INDEX IF NOT EXISTS records_bundle ON records(bundle_id);
CREATE TABLE IF NOT EXISTS quarantined_bundles (
    bundle_hash TEXT PRIMARY KEY,
    bundle_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    seq {int} NOT NULL,
    reason TEXT NOT NULL,
    received_at TEXT NOT NULL,
    raw {blob} NOT NULL,
    receipt {blob},
    receipt_seq {int} NOT NULL
){strict};
CREATE INDEX IF NOT EXISTS quarantined_bundles_device ON quarantined_bundles(device_id);
CREATE TABLE IF NOT EXISTS quarantined_records (
    id {serial},
    record_id TEXT NOT NULL,
    rev {int} NOT NULL,
    content_hash TEXT NOT NULL,
    device_id TEXT NOT NULL,
    bundle_id TEXT NOT NULL,
    body TEXT NOT NULL,
    reason TEXT NOT NULL,
    received_at TEXT NOT NULL
){strict};
CREATE INDEX IF NOT EXISTS quarantined_records_device ON quarantined_records(device_id);
CREATE TABLE IF NOT EXISTS reference_items (
    record_id TEXT NOT NULL,
    rev {int} NOT NULL,
    device_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (record_id, rev)
){strict};
CREATE TABLE IF NOT EXISTS outbox_bundles (
    device_id TEXT NOT NULL REFERENCES devices(device_id),
    ref_seq {int} NOT NULL,
    bundle_id TEXT NOT NULL UNIQUE,
    bundle_hash TEXT NOT NULL,
    raw {blob} NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (device_id, ref_seq)
){strict};
CREATE TABLE IF NOT EXISTS user_keys (
    device_id TEXT NOT NULL REFERENCES devices(device_id),
    user_id TEXT NOT NULL,
    role TEXT NOT NULL,
    public_key {blob} NOT NULL,
    added_at TEXT NOT NULL,
    source TEXT NOT NULL,
    PRIMARY KEY (device_id, user_id, public_key)
){strict};
CREATE TABLE IF NOT EXISTS audit_heads (
    device_id TEXT NOT NULL REFERENCES devices(device_id),
    bundle_seq {int} NOT NULL,
    audit_seq {int} NOT NULL,
    entry_hash TEXT NOT NULL,
    at_previous TEXT NOT NULL,
    signer TEXT NOT NULL,
    signature {blob} NOT NULL,
    PRIMARY KEY (device_id, bundle_seq)
){strict};
-- an administrator's hard delete on a wing (hq.tombstones): the signed statement, kept for good, and what HQ held of
-- the record is deleted. tombstoned_items: the record's id and its amendments' ids, whose lines HQ never stores again
CREATE TABLE IF NOT EXISTS tombstones (
    device_id TEXT NOT NULL REFERENCES devices(device_id),
    record_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    statement TEXT NOT NULL,
    statement_sha256 TEXT NOT NULL,
    signer_id TEXT NOT NULL,
    signature {blob} NOT NULL,
    bundle_id TEXT NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (device_id, record_id)
){strict};
CREATE TABLE IF NOT EXISTS tombstoned_items (
    device_id TEXT NOT NULL REFERENCES devices(device_id),
    item_id TEXT NOT NULL,
    record_id TEXT NOT NULL,
    PRIMARY KEY (device_id, item_id)
){strict};
CREATE TABLE IF NOT EXISTS hq_admins (
    admin_id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    public_key {blob} NOT NULL UNIQUE,
    added_at TEXT NOT NULL
){strict};
CREATE TABLE IF NOT EXISTS recovery_grants (
    grant_id TEXT PRIMARY KEY,
    device_id TEXT NOT NULL REFERENCES devices(device_id),
    generation {int} NOT NULL,
    issued_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    approvals TEXT NOT NULL
){strict};
-- research data pseudonymised at ingest (issue 17 item 4, hq.research_derive, hq.research_sql,
-- docs/research-data.md): coded facts only, one row per fact. row_key and subject are keyed HMAC-SHA256 under the
-- research key HQ alone holds. No name, prison number, record id or free text, and months, not dates.
-- research_records: one row per record with facts (its row key as 16 bytes, the revision kept), numbered in the
-- order first stored, and its facts carry that number (and their own, 1, 2, ... within it). Each record costs one
-- entry in an index of random keys (not one per fact: benchmarks/research.py), and its facts are appended in the
-- order of their key (on SQLite the table itself, WITHOUT ROWID: no second index at all)
CREATE TABLE IF NOT EXISTS research_records (
    record_no {int} PRIMARY KEY,
    row_key {blob} NOT NULL UNIQUE,
    rev {int} NOT NULL
){strict};
CREATE TABLE IF NOT EXISTS research_facts (
    row_key TEXT NOT NULL,
    rev {int} NOT NULL,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    subject_type TEXT NOT NULL,
    prison TEXT NOT NULL,
    wing TEXT NOT NULL,
    month TEXT NOT NULL,
    measure TEXT NOT NULL,
    part TEXT NOT NULL,
    value TEXT NOT NULL,
    number {int},
    record_no {int} NOT NULL,
    fact_no {int} NOT NULL,
    PRIMARY KEY (record_no, fact_no)
){clustered};
-- a new PC from HQ (issue 22 item 4, hq.successors): the dead device a successor replaced. The old device is then
-- revoked at its last acknowledged bundle (retired), and an upload it signs is refused as retired
CREATE TABLE IF NOT EXISTS device_successors (
    old_device_id TEXT PRIMARY KEY REFERENCES devices(device_id),
    new_device_id TEXT NOT NULL UNIQUE REFERENCES devices(device_id),
    replaced_at TEXT NOT NULL
){strict};
-- exchange between prison services (issue 17 item 6, hq.exchange_store, docs/exchange.md): services whose
-- exchange key an operator registered with its fingerprint (one key in force per name), instruments and modules
-- this HQ signed or adopted (as signed files), and files received from other services, held until an hq_admin
-- adopts them, with their provenance
CREATE TABLE IF NOT EXISTS exchange_services (
    service_id TEXT PRIMARY KEY,
    service TEXT NOT NULL,
    env TEXT NOT NULL,
    sign_key_id TEXT NOT NULL UNIQUE,
    sign_public {blob} NOT NULL UNIQUE,
    enc_public {blob} NOT NULL,
    fingerprint TEXT NOT NULL,
    trusted_at TEXT NOT NULL,
    withdrawn_at TEXT
){strict};
CREATE TABLE IF NOT EXISTS exchange_library (
    kind TEXT NOT NULL,
    item_id TEXT NOT NULL,
    version {int} NOT NULL,
    content_sha256 TEXT NOT NULL,
    signed_file {blob} NOT NULL,
    source TEXT NOT NULL,
    kept_at TEXT NOT NULL,
    PRIMARY KEY (kind, item_id, version)
){strict};
CREATE TABLE IF NOT EXISTS exchange_received (
    exchange_id TEXT PRIMARY KEY,
    file_sha256 TEXT NOT NULL UNIQUE,
    service_id TEXT NOT NULL REFERENCES exchange_services(service_id),
    service TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    kind TEXT NOT NULL,
    item_id TEXT NOT NULL,
    version {int} NOT NULL,
    content_sha256 TEXT NOT NULL,
    signed_file {blob} NOT NULL,
    sent_at TEXT NOT NULL,
    received_at TEXT NOT NULL,
    adopted_at TEXT,
    adopted_by TEXT,
    UNIQUE (service_id, kind, item_id, version)
){strict};
-- what the console published to the wings (issue 17 item 3, hq.publishing): one row per id and version, the signed
-- file itself being the reference item `record_id` (rev = version). ref_seqs: each device's ref_seq when queued
CREATE TABLE IF NOT EXISTS publications (
    kind TEXT NOT NULL,
    item_id TEXT NOT NULL,
    version {int} NOT NULL,
    title TEXT NOT NULL, -- JSON: language -> title
    sha256 TEXT NOT NULL,
    record_id TEXT NOT NULL,
    published_at TEXT NOT NULL,
    published_by TEXT NOT NULL,
    ref_seqs TEXT NOT NULL,
    PRIMARY KEY (kind, item_id, version)
){strict};
-- graded intelligence reports for HQ security (issue 17 item 5, hq.intelligence_index): one row per report at its
-- newest revision HQ holds, kept at ingest so the console lists and filters them without reading record bodies,
-- `shown` 0 when that revision should not have left the wing (not graded, or C-coded and not released)
CREATE TABLE IF NOT EXISTS intel_reports (
    record_id TEXT PRIMARY KEY,
    rev {int} NOT NULL,
    device_id TEXT NOT NULL,
    wing TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    month TEXT NOT NULL,
    subject TEXT NOT NULL,
    source_evaluation TEXT NOT NULL,
    assessment TEXT NOT NULL,
    handling_code TEXT NOT NULL,
    linked_count {int} NOT NULL,
    shown {int} NOT NULL
){strict};
-- the list is newest first with any mix of filters. Each index holds every filter column, so the rows a filter
-- skips are never read: in date order for no filter or a coded one, by month, by prison (benchmarks/hq_security.md)
CREATE INDEX IF NOT EXISTS intel_reports_when ON intel_reports(occurred_at, record_id, shown, device_id, month,
    source_evaluation, assessment, handling_code);
CREATE INDEX IF NOT EXISTS intel_reports_month ON intel_reports(month, occurred_at, record_id, shown, device_id,
    source_evaluation, assessment, handling_code);
CREATE INDEX IF NOT EXISTS intel_reports_device ON intel_reports(device_id, occurred_at, record_id, shown, month,
    source_evaluation, assessment, handling_code);
-- the people a report links (its subject and linked prisoners), for the association view
CREATE TABLE IF NOT EXISTS intel_links (
    record_id TEXT NOT NULL,
    prisoner_id TEXT NOT NULL,
    PRIMARY KEY (record_id, prisoner_id)
){strict};
CREATE INDEX IF NOT EXISTS intel_links_prisoner ON intel_links(prisoner_id);
-- the prison number each wing's record lines give a prisoner id (a report links prisoners by the wing's ids)
CREATE TABLE IF NOT EXISTS prisoner_numbers (
    prisoner_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    number TEXT NOT NULL,
    PRIMARY KEY (prisoner_id, device_id)
){strict};
CREATE TABLE IF NOT EXISTS audit (
    id {serial},
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    device_id TEXT NOT NULL,
    bundle_id TEXT NOT NULL,
    detail TEXT NOT NULL
){strict};
"""

SQLITE_TYPES = {"blob": "BLOB", "int": "INTEGER", "serial": "INTEGER PRIMARY KEY", "strict": " STRICT",
                "clustered": " STRICT, WITHOUT ROWID"}
POSTGRES_TYPES = {
    "blob": "BYTEA",
    "int": "BIGINT",
    "serial": "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
    "strict": "",
    "clustered": "",
}


# the dashboard's charts (hq.research_charts.CHARTS) as (measure, x-axis column, series column): on PostgreSQL, the
# store for many wings, each has a partial index holding what its count reads (an index-only scan of that
# measure's facts, not a scan of every fact). SQLite (one small HQ) scans, and so saves their cost at ingest
DASHBOARD = (("level", "month", "value"), ("needs", "prison", "part"), ("steps", "part", "value"),
             ("special_group", "prison", "value"), ("polarity", "month", "value"))
_POSTGRES_ONLY = [
    "CREATE SEQUENCE IF NOT EXISTS research_record_no",  # research_records.record_no, taken a bundle at a time
    *(f"CREATE INDEX IF NOT EXISTS research_facts_{measure} ON research_facts({x}, {series}, subject) "
      f"WHERE measure = '{measure}' AND subject <> ''" for measure, x, series in DASHBOARD),
    # facts about no one count their record (hq.research_sql.research_counts): none of the charts' measures has
    # any today, so these stay empty and cost ingest nothing
    *(f"CREATE INDEX IF NOT EXISTS research_facts_{measure}_records ON research_facts({x}, {series}, row_key) "
      f"WHERE measure = '{measure}' AND subject = ''" for measure, x, series in DASHBOARD),
]


def statements(types: dict[str, str]) -> list[str]:
    """The DDL statements for one dialect."""
    tables = [part.strip() for part in _TABLES.format(**types).split(";") if part.strip()]
    return tables + (_POSTGRES_ONLY if types == POSTGRES_TYPES else [])
