"""Retention and erasure (issue 19 item 5): the governor's queue shows only records whose retention ran out; only
the governor erases or keeps them longer, each with a reason; an erasure leaves a signed tombstone naming the rule,
destroys the prisoner's clinical keys, and leaves the erased text in no file of the wing folder and no table."""

import json
from datetime import date

import pytest

from wingdesk.domain.errors import AccessDenied, NotFound, StateError, ValidationError
from wingdesk.domain.records import iso, utc_now
from wingdesk.domain.tombstones import Tombstone, tombstone_of
from wingdesk.services.integrity import canonical_sha256

CANARY = "canary rtnqzvx behind the gym"
NOTE_CANARY = "sealed canary plwkjhq in session"
REASON = "Retention ran out under the schedule; nothing pending"


def release(session, prisoner_id, on="2015-03-01T09:00:00Z", status="RELEASED"):
    """The prisoner left the wing long ago (as a RELEASE movement leaves them; the test sets the day)."""
    conn = session.ctx.repo.conn
    conn.execute("UPDATE prisoners SET status = ?, left_at = ? WHERE id = ?", (status, on, prisoner_id))


def written(login):
    """A released prisoner with a log entry and its correction, an observation and a sealed treatment note, each
    holding a canary; a second prisoner still in custody with an entry of their own."""
    off = login("off1")
    prisoners = off.prisoners.page()
    gone, staying = prisoners[0], prisoners[1]
    entry = off.logs.add_entry("GENERAL", {"text": CANARY}, prisoner_id=gone.id)
    off.logs.correct_entry(entry.id, f"Correction: {CANARY} was B1-02")
    off.observations.record(gone.id, "NEEDS_REQUEST", "CONCERN", f"Asked for work; {CANARY}")
    off.logs.add_entry("GENERAL", {"text": "Quiet on the landing"}, prisoner_id=staying.id)
    psy = login("psy")
    psy.treatment.add_note(gone.id, NOTE_CANARY)
    release(off, gone.id)
    off.lock()  # one user at a time on the wing PC: no other connection holds the WAL open
    psy.lock()
    return gone, staying, entry


def _tables_holding(conn, text):
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    found = []
    for name in names:
        for row in conn.execute(f'SELECT * FROM "{name}"'):
            if any(text in (v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v)) for v in row):
                found.append(name)
                break
    return sorted(found)


def _decrypted(conn, folder):
    """Every table of the database as decrypted with its key, exported to a plaintext file, as bytes."""
    plain = folder / "plain-export.db"
    conn.execute(f"ATTACH '{plain}' AS plain KEY ''")
    conn.execute("SELECT sqlcipher_export('plain')")
    conn.execute("DETACH plain")
    data = plain.read_bytes()
    plain.unlink()
    return data


def _files_holding(folder, needle):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes())


def test_the_queue_shows_only_records_whose_retention_ran_out(login):
    gone, staying, _entry = written(login)
    recent = login("off1").prisoners.page()[2]
    login("off1").logs.add_entry("GENERAL", {"text": "Left last month"}, prisoner_id=recent.id)
    release(login("off1"), recent.id, on=date.today().replace(day=1).isoformat() + "T09:00:00Z")
    queue = login("gov").retention.queue()
    assert [p.prisoner_id for p in queue] == [gone.id]  # in custody, or released last month: not due
    due = queue[0]
    assert due.number == gone.number and due.status == "RELEASED" and due.left_on == "2015-03-01"
    assert due.by_kind == {"admission": 1, "log_entry": 1, "observation": 1, "progress_note": 1}
    rules = {item.kind: item.rule_id for item in due.records}
    assert rules == {"admission": "admission", "log_entry": "wing_log", "observation": "observation",
                     "progress_note": "progress_note"}  # the admission: ten years after release, 2025
    assert all(item.due_on <= date.today() for item in due.records)


@pytest.mark.parametrize("who", ["off1", "sup", "psy", "sec", "admin"])
def test_only_the_governor_reviews_and_erases(login, who):
    gone, _staying, entry = written(login)
    other = login(who)
    with pytest.raises(AccessDenied):
        other.retention.erase(gone.id, REASON)
    with pytest.raises(AccessDenied):
        other.retention.extend(gone.id, "2031-01-01", REASON)
    with pytest.raises(AccessDenied):
        other.retention.queue()
    assert login("gov").ctx.repo.get_record(entry.id) is not None
    denied = [e for e in login("gov").audit.page(0, 10_000) if e.action == "access_denied" and e.actor == other.user.id]
    assert any(e.object == "delete:retention" for e in denied)


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_an_erasure_or_extension_without_reason_is_refused(login, reason):
    gone, _staying, entry = written(login)
    gov = login("gov")
    with pytest.raises(ValidationError):
        gov.retention.erase(gone.id, reason)
    with pytest.raises(ValidationError):
        gov.retention.extend(gone.id, "2031-01-01", reason)
    assert gov.ctx.repo.get_record(entry.id) is not None and gov.ctx.repo.tombstone_count() == 0
    assert [p.prisoner_id for p in gov.retention.queue()] == [gone.id]


def test_nothing_due_is_refused_and_changes_nothing(login):
    _gone, staying, _entry = written(login)
    gov = login("gov")
    with pytest.raises(StateError):
        gov.retention.erase(staying.id, REASON)
    with pytest.raises(NotFound):
        gov.retention.extend(staying.id, "2031-01-01", REASON)
    assert gov.ctx.repo.tombstone_count() == 0


def test_keeping_longer_takes_the_prisoner_off_the_queue_until_then(login):
    gone, _staying, _entry = written(login)
    gov = login("gov")
    with pytest.raises(ValidationError):
        gov.retention.extend(gone.id, "2001-01-01", "A claim is pending")  # not a later day
    gov.retention.extend(gone.id, "2099-01-01", "A claim is pending before the court")
    assert gov.retention.queue() == []
    with pytest.raises(StateError):
        gov.retention.erase(gone.id, REASON)
    assert any(e.action == "retention_extend" for e in gov.audit.page(0, 100))


def test_an_erasure_leaves_the_text_in_no_file_and_no_table(login, wing):
    gone, staying, entry = written(login)
    gov = login("gov")
    conn = gov.ctx.repo.conn
    assert _tables_holding(conn, CANARY) == ["amendments", "records"]  # the search index holds words only
    assert conn.execute("SELECT count(*) FROM records_fts WHERE records_fts MATCH 'rtnqzvx'").fetchone()[0] == 2
    assert conn.execute("SELECT count(*) FROM discipline_prisoner_keys WHERE prisoner_id = ?",
                        (gone.id,)).fetchone()[0] == 1
    assert b"rtnqzvx" in _decrypted(conn, wing.directory)  # what the check below would find
    result = gov.retention.erase(gone.id, REASON)
    assert (result.erased, result.keys_destroyed, result.wal_emptied) == (4, 1, True)
    wal = wing.directory / "wing.db-wal"
    assert not wal.exists() or wal.stat().st_size == 0  # emptied after the checkpoint
    assert _tables_holding(conn, CANARY) == [] and _tables_holding(conn, "rtnqzvx") == []
    assert conn.execute("SELECT count(*) FROM records_fts WHERE records_fts MATCH 'rtnqzvx'").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM records WHERE prisoner_id = ?", (gone.id,)).fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM discipline_prisoner_keys WHERE prisoner_id = ?",
                        (gone.id,)).fetchone()[0] == 0
    assert conn.execute("PRAGMA freelist_count").fetchone()[0] == 0  # vacuumed: no free page keeps old bytes
    assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    assert gov.ctx.repo.get_record(entry.id) is None
    plain = _decrypted(conn, wing.directory)  # the database decrypted with its key
    assert b"rtnqzvx" not in plain
    assert [r.prisoner_id for r in login("off1").logs.day().entries] == [staying.id]  # the other stays
    gov.lock()
    assert _files_holding(wing.directory, b"rtnqzvx") == [] and _files_holding(wing.directory, b"plwkjhq") == []


def test_each_erased_record_leaves_a_governor_signed_tombstone_naming_its_rule(login):
    gone, _staying, entry = written(login)
    gov = login("gov")
    gov.retention.erase(gone.id, REASON)
    rows = gov.ctx.repo.conn.execute("SELECT record_id, statement, signature FROM tombstones").fetchall()
    stones = {r[0]: tombstone_of(json.loads(r[1]), bytes(r[2])) for r in rows}
    assert len(stones) == 4 and stones[entry.id].rule == "wing_log"
    for stone in stones.values():
        assert stone.deleted_by == gov.user.id and stone.reason == REASON and stone.by_retention
        assert CANARY not in json.dumps(stone.statement())
        assert gov.ctx.keyring.verify_signed(gov.ctx.keyring.public_key(), "tombstone", stone.statement(),
                                             stone.signature)
    audit = [e for e in gov.audit.page(0, 10_000) if e.action.startswith(("hard_delete", "retention_"))]
    assert sorted(e.action for e in audit) == ["retention_delete"] * 4 + ["retention_erase"]
    report = gov.audit.verify_everything(every_signature=True)
    assert report.intact, report
    assert report.counts["tombstones"] == 4
    assert gov.retention.queue() == []


def _bury_as(session, record_id, rule):
    """What the service does, done by hand with the session's own key: tombstone, rows gone, audit entry."""
    repo = session.ctx.repo
    record, first = repo.get_record(record_id), repo.record_revisions(record_id)[0]
    versions, notes = repo.record_hashes(record_id)
    stone = Tombstone(record.id, str(record.kind), record.prisoner_id, first.author_id, first.author_name,
                      record.content_sha256(), record.author_sig, tuple(versions), tuple(notes), session.user.id,
                      session.user.display_name, iso(utc_now()), "Not needed any more", rule=rule)
    signed = Tombstone(**{**stone.__dict__, "signature": session.ctx.keyring.sign_tombstone(stone.statement())})
    digest = canonical_sha256(stone.statement())
    with repo.transaction():
        repo.bury_record(signed, digest)
        session.audit_trail.append(session.user.id, "retention_delete" if rule else "hard_delete",
                                   f"{record.kind}:{record.id}", digest)


@pytest.mark.parametrize("who, rule, holds", [("gov", "", False), ("gov", "wing_log", True),
                                              ("sup", "wing_log", False)])
def test_only_a_governor_naming_a_rule_or_an_administrator_may_bury(login, who, rule, holds):
    """The chain check: a governor's tombstone without a rule (a hard delete in all but name), or anyone else's
    naming one, does not verify, though signed with the signer's own key and bound into the chain."""
    _gone, _staying, entry = written(login)
    _bury_as(login(who), entry.id, rule)
    report = login("admin").audit.verify_everything(every_signature=True)
    if holds:
        assert report.intact, report
    else:
        assert not report.intact and report.bad_item == f"tombstone:{entry.id}"
        assert report.reason == "not_administrator"
