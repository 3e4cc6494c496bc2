"""One changed byte in an audit row or a signed record is detected; signatures bind signer and version."""

import json

import pytest
import sqlcipher3

from wingdesk.crypto import signing
from wingdesk.domain.errors import StateError


def raw_connection(session):
    return session.ctx.repo.conn


def countersigned_day(login):
    off = login("off1")
    off.logs.add_entry("GENERAL", {"text": "Quiet night on the landing"})
    off.logs.add_entry("ROLL_COUNT", {"roll_kind": "FORMAL", "expected": 5, "counted": 5})
    off.logs.submit_day()
    sup = login("sup")
    day = sup.logs.review_queue()[0].day
    sup.logs.countersign(day)
    return sup, day


def test_countersignature_verifies(login):
    sup, day = countersigned_day(login)
    assert [c.valid for c in sup.logs.verify_day(day)] == [True]


def test_record_edited_with_raw_sql_is_detected(login):
    sup, day = countersigned_day(login)
    conn = raw_connection(sup)
    conn.execute("DROP TRIGGER records_append_only_u")  # an insider with the key can drop the guard...
    conn.execute("UPDATE records SET body = replace(body, 'Quiet', 'Qu1et') WHERE kind = 'log_entry'")
    checks = sup.logs.verify_day(day)  # ...but not forge the signature over the old bytes
    assert [(c.valid, c.reason) for c in checks] == [(False, "records_changed")]


def test_swapped_signer_or_changed_payload_is_rejected(login):
    sup, day = countersigned_day(login)
    sig = sup.ctx.repo.countersignatures(sup.wing, day)[0]
    payload = json.loads(sig.payload)
    signer_key = sup.ctx.repo.get_user(sig.signer_id).public_key
    assert signing.verify(signer_key, signing.COUNTERSIGN_PREFIX, payload, sig.signature)
    other_key = sup.ctx.repo.find_user("gov").public_key
    assert not signing.verify(other_key, signing.COUNTERSIGN_PREFIX, payload, sig.signature)
    for field, value in (("day", "2001-01-01"), ("signer_id", "someone"), ("signed_utc", "2001-01-01T00:00:00Z")):
        assert not signing.verify(signer_key, signing.COUNTERSIGN_PREFIX, {**payload, field: value}, sig.signature)
    moved = {**payload, "entries": payload["entries"][:1]}
    assert not signing.verify(signer_key, signing.COUNTERSIGN_PREFIX, moved, sig.signature)


def test_audit_row_changed_by_one_byte_names_the_entry(login):
    sup, _ = countersigned_day(login)
    conn = raw_connection(sup)
    conn.execute("DROP TRIGGER audit_append_only_u")
    target = conn.execute("SELECT seq, object FROM audit ORDER BY seq LIMIT 1 OFFSET 5").fetchone()
    conn.execute("UPDATE audit SET object = ? WHERE seq = ?", (target[1][:-1] + "X", target[0]))
    gov = login("gov")
    report = gov.audit.verify_chain()
    assert report.first_bad_seq == target[0] and not report.intact


def test_deleted_audit_row_is_detected(login):
    sup, _ = countersigned_day(login)
    conn = raw_connection(sup)
    conn.execute("DROP TRIGGER audit_append_only_d")
    conn.execute("DELETE FROM audit WHERE seq = 3")
    assert login("gov").audit.verify_chain().first_bad_seq == 3


def test_append_only_triggers_refuse_edits(login):
    off = login("off1")
    off.logs.add_entry("GENERAL", {"text": "Entry"})
    obs = off.observations.record(off.prisoners.page()[0].id, "ROUTINE_CHANGE", "NEUTRAL", "Slept in")
    off.observations.amend(obs.id, "Until 09:00")
    conn = raw_connection(off)
    for sql in ("UPDATE records SET body = '{}'", "DELETE FROM records", "UPDATE audit SET actor = 'x'",
                "DELETE FROM amendments"):
        with pytest.raises(sqlcipher3.IntegrityError):
            conn.execute(sql)


def test_supervisor_cannot_countersign_own_entries(login):
    sup = login("sup")
    sup.logs.add_entry("GENERAL", {"text": "Supervisor visit, all calm"})
    off = login("off1")
    off.logs.submit_day()
    with pytest.raises(StateError) as info:
        sup.logs.countersign(sup.logs.review_queue()[0].day)
    assert info.value.code == "countersign_own_entries"


def test_submitted_day_refuses_new_entries_and_keeps_originals(login):
    off = login("off1")
    entry = off.logs.add_entry("GENERAL", {"text": "Original words"})
    off.logs.submit_day()
    with pytest.raises(StateError):
        off.logs.add_entry("GENERAL", {"text": "Late addition"})
    sup = login("sup")
    sup.logs.return_entry(entry.day, entry.id, "Which landing?")
    off.logs.annotate_entry(entry.id, "Landing B2")
    view = off.logs.day(entry.day)
    shown = next(e for e in view.entries if e.id == entry.id)
    assert shown.body["text"] == "Original words"
    assert [a.kind for a in shown.amendments] == ["comment", "annotation"]


def test_full_disk_is_a_clear_error_and_loses_nothing(login):
    from wingdesk.domain.errors import StoreError
    from wingdesk.i18n.messages import describe

    off = login("off1")
    prisoner = off.prisoners.page()[0]
    kept = off.observations.record(prisoner.id, "NEEDS_REQUEST", "NEUTRAL", "Asked for writing paper")
    conn = raw_connection(off)
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")  # the disk is now full for this database
    with pytest.raises(StoreError) as info:
        for n in range(200):
            off.observations.record(prisoner.id, "NEEDS_REQUEST", "NEUTRAL", "Long text " * 300 + str(n))
    assert info.value.code == "disk_full" and "disk is full" in describe(info.value)
    conn.execute("PRAGMA max_page_count = 1073741823")
    assert off.observations.get(kept.id).body["what_seen_heard"] == "Asked for writing paper"
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    gov = login("gov")
    assert gov.audit.verify_chain().intact  # no half-written audit entry
    off.observations.record(prisoner.id, "NEEDS_REQUEST", "NEUTRAL", "Works again after space was freed")
