"""An administrator's hard delete (domain.md §0 rule 1, §3 rule 6, scenario 8): only ADM, only with a reason; the
record's text leaves the database and a tombstone signed by the administrator stays, checked by `wingdesk verify`."""

import pytest

from tests.integration.conftest import ADMIN_PW, first_prisoner
from tests.integration.test_cli import wingdesk
from wingdesk.domain.daily_log import DayState
from wingdesk.domain.errors import AccessDenied, NotFound, StateError, ValidationError

SECRET = "Wrongly recorded about the cellmate zyxwvut"


def _written(login):
    off = login("off1")
    prisoner = first_prisoner(off)
    entry = off.logs.add_entry("GENERAL", {"text": SECRET}, prisoner_id=prisoner.id)
    off.logs.correct_entry(entry.id, "Correction: zyxwvut was in B1-02")
    return off, entry


def _rows(session, record_id):
    conn = session.ctx.repo.conn
    return (conn.execute("SELECT count(*) FROM records WHERE id = ?", (record_id,)).fetchone()[0],
            conn.execute("SELECT count(*) FROM amendments WHERE record_id = ?", (record_id,)).fetchone()[0],
            conn.execute("SELECT count(*) FROM records_fts WHERE records_fts MATCH 'zyxwvut'").fetchone()[0])


@pytest.mark.parametrize("who", ["off1", "sup", "gov", "sec"])
def test_only_an_administrator_may_delete(login, who):
    _off, entry = _written(login)
    other = login(who)
    with pytest.raises(AccessDenied):
        other.deletion.delete_record(entry.id, "Court order 12/2026")
    assert _rows(other, entry.id)[:2] == (1, 1)
    denied = [e for e in login("gov").audit.page(0, 10_000) if e.action == "access_denied" and e.actor == other.user.id]
    assert denied and denied[-1].object.startswith("delete:record")


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_a_delete_without_reason_is_refused(login, reason):
    _off, entry = _written(login)
    admin = login("admin")
    with pytest.raises(ValidationError):
        admin.deletion.delete_record(entry.id, reason)
    assert _rows(admin, entry.id)[:2] == (1, 1)
    assert admin.ctx.repo.tombstone_count() == 0


def test_an_unknown_record_is_refused(login):
    admin = login("admin")
    with pytest.raises(NotFound):
        admin.deletion.delete_record("no-such-record", "Court order 12/2026")


def test_delete_leaves_a_signed_tombstone_and_no_text(login):
    off, entry = _written(login)
    admin = login("admin")
    stored = admin.ctx.repo.get_record(entry.id)
    assert _rows(admin, entry.id) == (1, 1, 1)  # the text is indexed for search before the delete
    stone = admin.deletion.delete_record(entry.id, "Written about the wrong person")
    assert _rows(admin, entry.id) == (0, 0, 0)
    assert off.logs.day().entries == [] or all(e.id != entry.id for e in off.logs.day().entries)
    assert stone.record_id == entry.id and stone.kind == "log_entry" and stone.author_id == off.user.id
    assert stone.prisoner_id == entry.prisoner_id and stone.deleted_by == admin.user.id
    assert stone.content_sha256 == entry.content_sha256() and stone.author_sig == stored.author_sig is not None
    assert stone.reason == "Written about the wrong person"
    assert admin.ctx.keyring.verify_signed(admin.ctx.keyring.public_key(), "tombstone", stone.statement(),
                                           stone.signature)
    gov = login("gov")
    audit = [e for e in gov.audit.page(0, 10_000) if e.action == "hard_delete"]
    assert len(audit) == 1 and audit[0].actor == admin.user.id and audit[0].object == f"log_entry:{entry.id}"
    report = gov.audit.verify_everything(every_signature=True)
    assert report.intact, report
    assert report.counts["tombstones"] == 1
    with pytest.raises(NotFound):
        admin.deletion.delete_record(entry.id, "again")


@pytest.mark.parametrize("column, value", [
    ("statement", None),  # the reason rewritten in the stored statement
    ("signature", b"\x00" * 64),
])
def test_a_raw_edit_of_a_tombstone_is_found(login, column, value):
    _off, entry = _written(login)
    admin = login("admin")
    admin.deletion.delete_record(entry.id, "Written about the wrong person")
    conn = admin.ctx.repo.conn
    conn.execute("DROP TRIGGER IF EXISTS tombstones_append_only_u")
    if column == "statement":
        text = conn.execute("SELECT statement FROM tombstones").fetchone()[0]
        conn.execute("UPDATE tombstones SET statement = ?", (text.replace("wrong person", "right person"),))
    else:
        conn.execute("UPDATE tombstones SET signature = ?", (value,))
    conn.commit()
    report = login("gov").audit.verify_everything()
    assert not report.intact and report.bad_item == f"tombstone:{entry.id}"
    assert report.reason == ("content_changed" if column == "statement" else "bad_signature")


def test_a_tombstone_removed_by_hand_is_found(login):
    _off, entry = _written(login)
    admin = login("admin")
    admin.deletion.delete_record(entry.id, "Written about the wrong person")
    conn = admin.ctx.repo.conn
    conn.execute("DROP TRIGGER IF EXISTS tombstones_append_only_d")
    conn.execute("DELETE FROM tombstones")
    conn.commit()
    report = login("gov").audit.verify_everything()
    assert not report.intact and report.reason == "tombstone_missing"


def test_records_cannot_be_deleted_without_a_tombstone(login):
    _off, entry = _written(login)
    conn = login("gov").ctx.repo.conn
    with pytest.raises(Exception, match="append-only"):
        conn.execute("DELETE FROM records WHERE id = ?", (entry.id,))


def test_a_countersigned_day_with_a_deleted_entry_still_verifies(login):
    off, entry = _written(login)
    off.logs.add_entry("GENERAL", {"text": "Quiet night on the landing"})
    day = off.logs.day().day.day
    off.logs.submit_day(day)
    sup = login("sup")
    sup.logs.countersign(day)
    admin = login("admin")
    admin.deletion.delete_record(entry.id, "Court order 12/2026")
    checks = sup.logs.verify_day(day)
    assert [(c.valid, c.deleted) for c in checks] == [(True, 1)]
    report = login("gov").audit.verify_everything(every_signature=True)
    assert report.intact, report
    assert report.counts["deleted_countersigned_entries"] == 1
    assert sup.logs.day(day).day.state is DayState.COUNTERSIGNED


def test_a_wing_with_a_tombstone_does_not_send_to_hq(login, tmp_path):
    _off, entry = _written(login)
    admin = login("admin")
    admin.deletion.delete_record(entry.id, "Court order 12/2026")
    sup = login("sup")
    with pytest.raises(StateError) as refused:
        sup.sync.export(tmp_path)
    assert refused.value.code == "tombstone_not_sent"


def test_wingdesk_verify_reports_the_tombstones(wing, login):
    _off, entry = _written(login)
    admin = login("admin")
    admin.deletion.delete_record(entry.id, "Court order 12/2026")
    admin.lock()
    ok = wingdesk(wing.directory, "--user", "admin", "--password-stdin", "verify", "--every-signature",
                  stdin=ADMIN_PW + "\n")
    assert ok.returncode == 0, ok.stderr
    assert "deleted by an administrator: 1" in ok.stdout
    assert "zyxwvut" not in ok.stdout + ok.stderr and "Court order" not in ok.stdout + ok.stderr


def test_a_tombstone_signed_by_someone_not_an_administrator_is_found(login):
    """An officer with the raw database key forges a hard delete with their own key, tombstone and audit entry."""
    from dataclasses import replace

    from wingdesk.domain.records import iso, utc_now
    from wingdesk.domain.tombstones import Tombstone
    from wingdesk.services.integrity import canonical_sha256

    off, entry = _written(login)
    stored = off.ctx.repo.get_record(entry.id)
    versions, notes = off.ctx.repo.record_hashes(entry.id)
    stone = Tombstone(entry.id, "log_entry", entry.prisoner_id, off.user.id, off.user.display_name,
                      stored.content_sha256(), stored.author_sig, tuple(versions), tuple(notes), off.user.id,
                      off.user.display_name, iso(utc_now()), "Forged")
    stone = replace(stone, signature=off.ctx.keyring.sign_tombstone(stone.statement()))
    digest = canonical_sha256(stone.statement())
    with off.ctx.repo.transaction():
        off.ctx.repo.bury_record(stone, digest)
        off.audit_trail.append(off.user.id, "hard_delete", f"log_entry:{entry.id}", digest)
    report = login("gov").audit.verify_everything()
    assert not report.intact and report.bad_item == f"tombstone:{entry.id}" and report.reason == "not_administrator"


def test_a_tombstone_without_its_audit_entry_is_found(login):
    """An administrator with the raw database key deletes quietly: a tombstone signed with their own key, the rows
    gone, but no `hard_delete` entry in the audit chain."""
    from dataclasses import replace

    from wingdesk.domain.records import iso, utc_now
    from wingdesk.domain.tombstones import Tombstone
    from wingdesk.services.integrity import canonical_sha256

    off, entry = _written(login)
    admin = login("admin")
    stored = admin.ctx.repo.get_record(entry.id)
    versions, notes = admin.ctx.repo.record_hashes(entry.id)
    stone = Tombstone(entry.id, "log_entry", entry.prisoner_id, off.user.id, off.user.display_name,
                      stored.content_sha256(), stored.author_sig, tuple(versions), tuple(notes), admin.user.id,
                      admin.user.display_name, iso(utc_now()), "Quiet")
    stone = replace(stone, signature=admin.ctx.keyring.sign_tombstone(stone.statement()))
    with admin.ctx.repo.transaction():
        admin.ctx.repo.bury_record(stone, canonical_sha256(stone.statement()))
    report = login("gov").audit.verify_everything(every_signature=True)
    assert not report.intact and report.bad_item == f"tombstone:{entry.id}" and report.reason == "not_in_audit"


@pytest.mark.parametrize("action, obj", [("user_add", "user:{me}:admin"), ("wing_created", "wing:B")])
def test_a_tombstone_by_an_account_made_administrator_by_hand_is_found(login, action, obj):
    """An officer with the raw database key writes 'admin' into their own account's role and appends an account
    entry saying so, then deletes through the service: only the wing's creator and the administrators they added
    (as the audit chain says, not the users table) are administrators."""
    off, entry = _written(login)
    conn = off.ctx.repo.conn
    for (trigger,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'users'"
                                   ).fetchall():
        conn.execute(f"DROP TRIGGER {trigger}")
    conn.execute("UPDATE users SET role = 'admin' WHERE id = ?", (off.user.id,))
    conn.commit()
    with off.ctx.repo.transaction():  # and an account entry of their own making, signed with their own key
        off.audit_trail.append(off.user.id, action, obj.format(me=off.user.id))
    off.lock()
    raised = login("off1")
    raised.deletion.delete_record(entry.id, "Forged")
    report = login("gov").audit.verify_everything(every_signature=True)
    assert not report.intact and report.bad_item == f"tombstone:{entry.id}" and report.reason == "not_administrator"
