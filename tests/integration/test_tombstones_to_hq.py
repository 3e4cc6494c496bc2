"""An administrator's hard delete travels to HQ (docs/security.md §5): the next bundle carries the signed tombstone,
HQ deletes its copy of the record and keeps the tombstone, and the wing goes on syncing. A tombstone not signed by
an administrator of that wing, edited, or replayed for another record quarantines its bundle and deletes nothing."""

import json
from dataclasses import replace

import pytest

from tests.hq.conftest import PG_URL, _pg_url
from tests.integration.conftest import first_prisoner
from tests.integration.sync_helpers import enrol
from tests.integration.test_forged_authors import export_all
from wingdesk.crypto.secrets import random_key
from wingdesk.domain.tombstones import Tombstone, tombstone_fields, tombstone_line_id
from wingdesk.hq.ingest import HqContext, ingest
from wingdesk.hq.keystore import HqKeys
from wingdesk.hq.reports import device_statuses
from wingdesk.hq.store import open_store
from wingdesk.storage import migrations
from wingdesk.storage.database import open_database
from wingdesk.sync import keys, usb
from wingdesk.sync.audit_head import FIELD as AUDIT_HEAD_FIELD
from wingdesk.sync.bundle import seal_bundle
from wingdesk.sync.header import KIND_WING_TO_HQ, parse_header_bytes, split_frame
from wingdesk.sync.receipts import verify_receipt
from wingdesk.sync.wing_records import extra_line
from wingdesk.sync.wing_sync import WingSync

CANARY = "canary qxjvzwk in cell B1-07"
REASON = "Court order 12/2026"


@pytest.fixture(params=["sqlite", "postgres"])
def hq(request, tmp_path):
    """HQ on each database (PostgreSQL only where WINGDESK_TEST_PG names one, as in tests/hq)."""
    url = None
    if request.param == "postgres":
        if not PG_URL:
            pytest.skip("WINGDESK_TEST_PG is not set")
        import uuid

        import psycopg

        schema = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
        request.addfinalizer(lambda: _drop(schema))
        url = _pg_url(schema)
    store = open_store(tmp_path / "hq", url)
    yield HqContext(store, HqKeys("prod", "HQ test", "2025-01-01T00:00:00Z", keys.generate_key_pairs()))
    store.close()


def _drop(schema):
    import psycopg

    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def enrolled(wing, login, hq):
    wing.sync_factory = WingSync
    enrol(login("sup"), hq)
    return login("off1")


def _written(off):
    entry = off.logs.add_entry("GENERAL", {"text": CANARY}, prisoner_id=first_prisoner(off).id)
    off.logs.correct_entry(entry.id, f"Correction: {CANARY} was B1-02")
    return entry


def _hq_tables(hq):
    """Every row of every HQ table, as text (bytes decoded leniently), table by table."""
    with hq.store.transaction(write=False) as repo:
        if hq.store.postgres:
            names = [r[0] for r in repo._rows("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")]
        else:
            names = [r[0] for r in repo._rows("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {name: repr([tuple(bytes(v).decode("utf-8", "replace") if isinstance(v, bytes | memoryview) else v
                                  for v in row) for row in repo._rows(f"SELECT * FROM {name}")]) for name in names}


def _holding(hq, text):
    return sorted(name for name, rows in _hq_tables(hq).items() if text in rows)


def _last_reason(hq):
    return device_statuses(hq.store)[0].last_quarantine_reason


def _rows(hq, sql, params=()):
    with hq.store.transaction(write=False) as repo:
        return repo._rows(sql, params)


def test_a_hard_delete_reaches_hq_and_the_wing_syncs_again(enrolled, login, hq, tmp_path):
    entry = _written(enrolled)
    sup = login("sup")
    assert set(export_all(sup, hq, tmp_path / "one").values()) == {"accepted"}
    assert _holding(hq, CANARY) == ["records"]  # the entry and its correction, as HQ got them
    login("admin").deletion.delete_record(entry.id, REASON)
    outcomes = export_all(sup, hq, tmp_path / "two")
    assert set(outcomes.values()) <= {"accepted", "duplicate"} and "accepted" in outcomes.values()
    assert _holding(hq, CANARY) == []
    assert _rows(hq, "SELECT count(*) FROM records WHERE record_id = ?", (entry.id,))[0][0] == 0
    assert _rows(hq, "SELECT count(*) FROM bundles WHERE raw = ?", (b"",))[0][0] == 1  # the bundle that carried it
    kept = _rows(hq, "SELECT record_id, signer_id, statement FROM tombstones")
    assert [(r[0], r[1]) for r in kept] == [(entry.id, login("admin").user.id)]
    assert json.loads(kept[0][2])["reason"] == REASON
    audited = _rows(hq, "SELECT detail FROM audit WHERE action = 'record_deleted_by_administrator'")
    assert len(audited) == 1 and json.loads(audited[0][0])["lines_deleted"] == 2
    assert REASON not in audited[0][0]
    enrolled.logs.add_entry("GENERAL", {"text": "Quiet night on the landing"})
    assert "accepted" in export_all(sup, hq, tmp_path / "three").values()  # the wing syncs as before
    assert login("gov").audit.verify_everything(every_signature=True).intact


def test_a_tombstone_is_sent_once(enrolled, login, hq, tmp_path):
    entry = _written(enrolled)
    login("admin").deletion.delete_record(entry.id, REASON)
    sup = login("sup")
    assert [kind for kind, _seq, _f in sup.ctx.repo.unsealed_extras(100)].count("tombstone") == 1

    def sent():
        return sup.ctx.repo.conn.execute("SELECT bundle_seq FROM outbox_extra WHERE kind = 'tombstone'").fetchall()

    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        sup.sync.export(tmp_path / folder)
        assert sup.ctx.repo.unsealed_extras(100) == []
        assert sent() == [(1,)]  # in the first bundle sealed after the delete, and in no other
        enrolled.logs.add_entry("GENERAL", {"text": "Later"})


def test_a_record_hq_never_received_is_not_stored_when_its_bundle_comes_later(enrolled, login, hq, tmp_path):
    """The record's bundle is lost on the way; the wing sends it again after the delete, after the tombstone."""
    entry = _written(enrolled)
    sup = login("sup")
    (tmp_path / "lost").mkdir()
    sup.sync.export(tmp_path / "lost")  # sealed as bundle 1, never reaches HQ
    login("admin").deletion.delete_record(entry.id, REASON)
    stick = tmp_path / "again"
    stick.mkdir()
    sup.sync.export(stick)  # bundles 1 and 2, neither acknowledged
    data = [usb.read_bundle_file(p) for p in usb.list_bundles(usb.outbox_dir(stick))]
    with_tombstone = [d for d in data if _bundle_seq(d) == 2][0]
    with_record = [d for d in data if _bundle_seq(d) == 1][0]
    assert ingest(hq, with_tombstone).outcome == "accepted"  # HQ keeps the tombstone of a record it never had
    assert _rows(hq, "SELECT record_id FROM tombstones") == [(entry.id,)]
    assert ingest(hq, with_record).outcome == "accepted"
    assert _holding(hq, CANARY) == []
    assert _rows(hq, "SELECT count(*) FROM records WHERE record_id = ?", (entry.id,))[0][0] == 0
    assert _rows(hq, "SELECT raw FROM bundles WHERE seq = 1")[0][0] in (b"", memoryview(b""))


def _bundle_seq(data):
    return parse_header_bytes(split_frame(data).header_bytes).seq


def test_a_countersigned_day_with_a_deleted_entry_still_holds_at_hq(enrolled, login, hq, tmp_path):
    entry = _written(enrolled)
    sup = login("sup")
    export_all(sup, hq, tmp_path / "one")  # the entry reaches HQ before the day is countersigned
    day = enrolled.logs.day().day.day
    enrolled.logs.submit_day(day)
    sup.logs.countersign(day)
    login("admin").deletion.delete_record(entry.id, REASON)
    outcomes = export_all(sup, hq, tmp_path / "two")  # countersignature and tombstone in one bundle
    assert "accepted" in outcomes.values() and "quarantined" not in outcomes.values()
    assert _holding(hq, CANARY) == []


# --- attacks: each forged bundle follows the wing's genuine one, and changes nothing at HQ ------------------------

def _genuine(enrolled, login, hq, tmp_path):
    """The entry at HQ; an administrator's genuine tombstone of it on the wing (not sent); the next seq and prev."""
    entry = _written(enrolled)
    sup = login("sup")
    export_all(sup, hq, tmp_path / "one")
    stone = login("admin").deletion.delete_record(entry.id, REASON)
    seq, prev = sup.ctx.repo.last_sealed_bundle()
    return entry, stone, seq + 1, prev


def _line(session, stone: Tombstone, **changes):
    device_id = session.ctx.repo.get_sync_device().device_id
    fields = tombstone_fields(stone.record_id, stone.statement(), stone.deleted_by, stone.signature) | changes
    return extra_line("tombstone", fields, device_id, "1790000000000.000000-0000")


def _forge(session, hq, line, seq, prev):
    """A bundle sealed with the device key anyone holding the database key can read, carrying the wing's audit head
    as the wing would sign it (the officer's own signature): only the line is forged."""
    device = session.ctx.repo.get_sync_device()
    head = WingSync(session.ctx.repo)._audit_head(
        device, lambda statement: (session.user.id, session.ctx.keyring.sign_audit_head(statement)))
    data = seal_bundle(KIND_WING_TO_HQ, device.device_id, seq, prev, [line], device.sign_private,
                       device.hq_enc_public, device.env, manifest_extra={AUDIT_HEAD_FIELD: head.as_field()})
    return ingest(hq, data)


def _refused(enrolled, hq, line, seq, prev, reason):
    before = _hq_tables(hq)["records"]
    result = _forge(enrolled, hq, line, seq, prev)
    assert result.outcome == "quarantined"
    assert verify_receipt(result.receipt, hq.keys.current.sign_public).reason == reason
    assert _hq_tables(hq)["records"] == before and CANARY in before  # nothing deleted
    assert _rows(hq, "SELECT count(*) FROM tombstones")[0][0] == 0


def test_a_tombstone_signed_by_an_officer_is_refused(enrolled, login, hq, tmp_path):
    entry, stone, seq, prev = _genuine(enrolled, login, hq, tmp_path)
    forged = replace(stone, deleted_by=enrolled.user.id, deleted_by_name=enrolled.user.display_name)
    forged = replace(forged, signature=enrolled.ctx.keyring.sign_tombstone(forged.statement()))
    _refused(enrolled, hq, _line(enrolled, forged), seq, prev, "tombstone_not_admin")


def test_a_tombstone_in_the_administrator_s_name_signed_by_an_officer_is_refused(enrolled, login, hq, tmp_path):
    entry, stone, seq, prev = _genuine(enrolled, login, hq, tmp_path)
    forged = replace(stone, signature=enrolled.ctx.keyring.sign_tombstone(stone.statement()))
    _refused(enrolled, hq, _line(enrolled, forged), seq, prev, "tombstone_bad_signature")


def test_a_tombstone_whose_statement_was_edited_is_refused(enrolled, login, hq, tmp_path):
    entry, stone, seq, prev = _genuine(enrolled, login, hq, tmp_path)
    _refused(enrolled, hq, _line(enrolled, replace(stone, reason="Asked by the officer")), seq, prev,
             "tombstone_bad_signature")


def test_a_tombstone_replayed_for_another_record_is_refused(enrolled, login, hq, tmp_path):
    entry, stone, seq, prev = _genuine(enrolled, login, hq, tmp_path)
    other = enrolled.logs.add_entry("GENERAL", {"text": "Another entry"})
    _refused(enrolled, hq, _line(enrolled, stone, id=tombstone_line_id(other.id), record_id=other.id), seq, prev,
             "tombstone_mismatch")
    _refused(enrolled, hq, _line(enrolled, replace(stone, record_id=other.id)), seq, prev, "tombstone_bad_signature")


def test_a_tombstone_of_other_versions_than_hq_holds_is_refused(enrolled, login, hq, tmp_path):
    """The administrator's genuine signature over a statement whose hashes are not those of the record HQ holds."""
    entry, stone, seq, prev = _genuine(enrolled, login, hq, tmp_path)
    admin = login("admin")
    other = replace(stone, revisions=((1, "0" * 64),))
    other = replace(other, signature=admin.ctx.keyring.sign_tombstone(other.statement()))
    _refused(enrolled, hq, _line(enrolled, other), seq, prev, "tombstone_versions_differ")


def test_the_genuine_tombstone_forged_into_a_bundle_by_hand_is_taken(enrolled, login, hq, tmp_path):
    """The control for the attacks above: the same path with the administrator's own line deletes HQ's copy."""
    entry, stone, seq, prev = _genuine(enrolled, login, hq, tmp_path)
    result = _forge(enrolled, hq, _line(enrolled, stone), seq, prev)
    assert result.outcome == "accepted", _last_reason(hq)
    assert _holding(hq, CANARY) == []


def test_a_tombstone_written_before_schema_25_is_sent_too(tmp_path):
    db = open_database(tmp_path / "w.db", random_key(), create=True)
    migrations.migrate(db.conn, target=21)
    db.conn.execute("INSERT INTO users (id, username, display_name, role, public_key, grant_recipient, created_at) "
                    "VALUES ('a1', 'admin', 'Admin', 'admin', x'00', 'age1x', '2026-01-01T00:00:00Z')")
    db.conn.execute("INSERT INTO tombstones (record_id, kind, statement, content_sha256, signer_id, signature) "
                    "VALUES ('r1', 'log_entry', '{}', 'x', 'a1', x'00')")
    assert migrations.migrate(db.conn) == migrations.latest_version()
    assert db.conn.execute("SELECT kind, item_seq, bundle_seq FROM outbox_extra WHERE kind = 'tombstone'"
                           ).fetchall() == [("tombstone", 1, None)]
    db.conn.execute("INSERT INTO tombstones (record_id, kind, statement, content_sha256, signer_id, signature) "
                    "VALUES ('r2', 'log_entry', '{}', 'x', 'a1', x'00')")
    assert db.conn.execute("SELECT count(*) FROM outbox_extra WHERE kind = 'tombstone'").fetchone()[0] == 2
    db.close()
