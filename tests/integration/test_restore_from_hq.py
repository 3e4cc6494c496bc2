"""`restore-from-hq` with real wings (issue 22 item 4): a new PC, created and enrolled in the ordinary way, takes on
from HQ's successor package the records the dead PC had acknowledged; `wingdesk verify` holds; the authors become
accounts without a passphrase until an administrator resets them; the new PC's next record is its own seq 1 at HQ.
Refused (one sentence, nothing changed): the same package twice, a changed one, one for another PC. An insider's
record inserted by hand is not accepted as imported."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import UTC, datetime

import pytest

from tests.integration.conftest import ACCOUNTS
from tests.integration.sync_helpers import enrol
from tests.integration.test_restore_sync import _hq_file_back, _observe, _send
from tests.integration.test_successor_from_hq import _acknowledged, _enrolled
from wingdesk.crypto.kdf import floor_params
from wingdesk.domain.errors import AuthError, ValidationError
from wingdesk.domain.roles import Role
from wingdesk.hq.ingest import ingest
from wingdesk.hq.successors import replace_device
from wingdesk.services.integrity import canonical_sha256
from wingdesk.services.successor import username_for
from wingdesk.services.sync_types import SyncFailed
from wingdesk.storage.backend import LocalWing
from wingdesk.sync import usb
from wingdesk.sync.wing_sync import WingSync

NEW_ADMIN, NEW_PW = "ana", "new admin passphrase for tests"
OFF1_PW = "officer one passphrase on the new PC"


def _fresh(folder, hq) -> tuple[LocalWing, str]:
    """The replacement PC: a new wing of the same name, its own administrator, enrolled with HQ."""
    wing = LocalWing(folder, kdf=floor_params(), sync_factory=WingSync)
    wing.create("B-Wing", "Test Prison", NEW_ADMIN, "Ana Admin", NEW_PW)
    admin = wing.sign_in(NEW_ADMIN, NEW_PW)
    try:
        return wing, enrol(admin, hq)
    finally:
        admin.lock()


def _rows(wing, sql, params=()):
    admin = wing.sign_in(NEW_ADMIN, NEW_PW)
    try:
        return admin.ctx.repo.query(sql, params)
    finally:
        admin.lock()


def _state(wing):
    """Everything a refused import must leave as it was."""
    return [_rows(wing, f"SELECT count(*) FROM {table}")[0][0]
            for table in ("records", "prisoners", "users", "successor_imports", "successor_user_keys", "outbox")] + [
        _rows(wing, "SELECT count(*) FROM audit WHERE action IN ('successor_imported', 'user_add_from_hq')")[0][0]]


def _restore(wing, data):
    admin = wing.sign_in(NEW_ADMIN, NEW_PW)
    try:
        return admin.successor.restore_from_hq(data)
    finally:
        admin.lock()


def _verify(wing, every=True):
    admin = wing.sign_in(NEW_ADMIN, NEW_PW)
    try:
        return admin.audit.verify_everything(every_signature=every)
    finally:
        admin.lock()


def _countersign_submitted_day(wing):
    sup = wing.sign_in("sup", ACCOUNTS["sup"][2])
    try:
        sup.logs.countersign(sup.logs.review_queue()[0].day)
    finally:
        sup.lock()


@pytest.fixture
def dead_and_new(wing_template, hq, tmp_path):
    """The dead PC with two acknowledged observations (and one HQ never got), and the new PC with HQ's package."""
    shutil.copytree(wing_template, tmp_path / "dead")
    dead, dead_id = _enrolled(tmp_path / "dead", hq)
    stick = tmp_path / "stick"
    for text in ("first shift", "second shift"):
        _observe(dead, text)
    off = dead.sign_in("off1", ACCOUNTS["off1"][2])
    try:  # an amendment, and a day's log the supervisor countersigns
        seen = off.observations.recent(limit=1)[0]
        off.observations.amend(seen.id, "correction: it was the second workshop")
        off.logs.add_entry("GENERAL", {"text": "Quiet night on the landing"})
        off.logs.submit_day()
    finally:
        off.lock()
    _countersign_submitted_day(dead)
    psy = dead.sign_in("psy", ACCOUNTS["psy"][2])
    try:  # a treatment note: sealed under the dead PC's psychology key, which HQ never held
        psy.treatment.add_note(psy.prisoners.page()[0].id, "session notes only psychology reads")
    finally:
        psy.lock()
    assert {r.outcome for r in _send(dead, hq, stick)} == {"accepted"}
    _hq_file_back(dead, hq, stick, dead_id)
    _observe(dead, "written after the last bundle: never reached HQ")
    new, new_id = _fresh(tmp_path / "new", hq)
    data = replace_device(hq.store, hq.keys, dead_id, new_id, datetime.now(UTC))
    return dead, new, new_id, data


@pytest.mark.timeout(240)
def test_the_new_pc_shows_what_the_dead_one_had_acknowledged_and_verify_holds(dead_and_new, hq, tmp_path):
    dead, new, new_id, data = dead_and_new
    acknowledged = _acknowledged(dead)
    done = _restore(new, data)
    assert done.records == len(acknowledged) and done.prisoners == 5 and done.unnamed == 0
    assert (done.amendments, done.countersignatures) == (1, 1)
    assert set(_rows(new, "SELECT id, revision, content_sha256 FROM records")) == acknowledged
    assert _rows(new, "SELECT count(*) FROM outbox")[0][0] == 0  # HQ acknowledged them already: never sent again
    assert _rows(new, "SELECT count(*) FROM outbox_extra")[0][0] == 0
    names = sorted(_rows(new, "SELECT number, family_name, given_name FROM prisoners"))
    assert names == [(f"T-{i:03d}", f"Family{i}", f"Given{i}") for i in range(5)]
    report = _verify(new)
    assert report.intact, report
    assert report.counts["record_versions"] == len(acknowledged) and report.counts["successor_packages"] == 1
    assert (report.counts["amendments"], report.counts["countersignatures"]) == (1, 1)

    # the dead PC's officer is an account without a passphrase: it cannot sign in until an administrator resets it
    sup = dead.sign_in("sup", ACCOUNTS["sup"][2])
    try:
        off1_id = sup.ctx.repo.find_user("off1").id
    finally:
        sup.lock()
    off1 = username_for(off1_id)
    assert _rows(new, "SELECT display_name, role, grant_recipient FROM users WHERE id = ?", (off1_id,)) == [
        ("Omar Officer", "officer", "")]
    with pytest.raises(AuthError):
        new.sign_in(off1, OFF1_PW)
    admin = new.sign_in(NEW_ADMIN, NEW_PW)
    try:
        admin.users.reset_password(off1, OFF1_PW)
    finally:
        admin.lock()
    officer = new.sign_in(off1, OFF1_PW)
    try:  # the officer sees the dead PC's records of the prisoner, and writes the new PC's first one
        prisoner = officer.prisoners.page()[0]
        timeline = officer.prisoners.timeline(prisoner.id)
        texts = [r.body.get("what_seen_heard") for r in timeline]
        assert "first shift" in texts and "second shift" in texts
        assert [a.text for r in timeline for a in r.amendments] == ["correction: it was the second workshop"]
        assert "written after the last bundle: never reached HQ" not in texts
        officer.observations.record(prisoner.id, "POSITIVE_ENGAGEMENT", "POSITIVE", "first shift on the new PC")
    finally:
        officer.lock()
    assert _verify(new).intact  # the reset gave off1 a new key; the old one still verifies the imported records

    psy_id = next(r[0] for r in _rows(new, "SELECT author_id FROM records WHERE kind = 'progress_note'"))
    assert _rows(new, "SELECT role, discipline FROM users WHERE id = ?", (psy_id,)) == [("treatment", "PSY")]
    admin = new.sign_in(NEW_ADMIN, NEW_PW)
    try:
        admin.users.reset_password(username_for(psy_id), "the psychologist's passphrase on the new PC")
    finally:
        admin.lock()
    psy = new.sign_in(username_for(psy_id), "the psychologist's passphrase on the new PC")
    try:  # the note is there, its text sealed under a key that died with the old PC: shown as unreadable, no crash
        notes = psy.treatment.notes(psy.prisoners.page()[0].id, reason="continuity of care")
        assert len(notes) == 1 and "session notes only psychology reads" not in str(notes[0].body)
    finally:
        psy.lock()

    stick = tmp_path / "stick2"
    stick.mkdir()
    admin = new.sign_in(NEW_ADMIN, NEW_PW)
    try:
        admin.sync.export(stick)
    finally:
        admin.lock()
    results = [ingest(hq, usb.read_bundle_file(p)) for p in usb.list_bundles(usb.outbox_dir(stick))]
    assert [(r.outcome, r.seq) for r in results] == [("accepted", 1)]
    with hq.store.transaction(write=False) as repo:
        assert repo.count_quarantined(new_id) == (0, 0)
        sent = repo._rows("SELECT count(*) FROM records WHERE device_id = ? AND kind = 'observation'", (new_id,))
    assert sent[0][0] == 1  # only the new record travelled: the imported ones were not sent again


def test_the_same_package_twice_a_changed_one_or_another_pcs_is_refused_and_changes_nothing(
        dead_and_new, hq, tmp_path):
    _dead, new, _new_id, data = dead_and_new
    before = _state(new)
    changed = bytearray(data)
    changed[len(changed) // 2] ^= 0x01
    with pytest.raises(SyncFailed):
        _restore(new, bytes(changed))
    other, _ = _fresh(tmp_path / "other", hq)  # another enrolled PC of the same wing: the package is not for it
    with pytest.raises(SyncFailed):
        _restore(other, data)
    assert _state(new) == before == [0, 0, 1, 0, 0, 0, 0]
    _restore(new, data)
    after = _state(new)
    with pytest.raises(ValidationError) as refused:
        _restore(new, data)
    assert refused.value.code == "successor_already_imported"
    assert _state(new) == after and after[:4] == [9, 5, 9, 1]


def test_an_insiders_record_is_not_accepted_as_imported(dead_and_new):
    """Attack: an insider with the database key inserts a record in an imported author's name (its content hash
    right), or an account that is not an administrator binds a package of its own: verify names the record."""
    _dead, new, _new_id, data = dead_and_new
    _restore(new, data)
    admin = new.sign_in(NEW_ADMIN, NEW_PW)
    try:
        repo = admin.ctx.repo
        row = repo.query("SELECT id, kind, revision, wing, prisoner_id, author_id, author_name, author_role, "
                         "occurred_at, recorded_at, sensitivity, day, shift_id, body FROM records "
                         "WHERE kind = 'observation' LIMIT 1")[0]
        content = dict(zip(("id", "kind", "revision", "wing", "prisoner_id", "author_id", "author_name",
                            "author_role", "occurred_at", "recorded_at", "sensitivity", "day", "shift_id", "body"),
                           row, strict=True))
        content["id"] = "0190a000-0000-7000-8000-00000000beef"
        body = {**json.loads(content["body"]), "text": "never written by its author"}
        content["body"] = body
        fields = {k: v for k, v in content.items() if k != "author_name"}
        digest = canonical_sha256(fields)
        text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        repo.execute("INSERT INTO records (id, revision, kind, wing, prisoner_id, author_id, author_name, "
                     "author_role, occurred_at, recorded_at, sensitivity, day, shift_id, status, body, "
                     "content_sha256) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,'ACTIVE',?,?)",
                     (content["id"], 1, "observation", content["wing"], content["prisoner_id"],
                      content["author_id"], content["author_name"], content["author_role"], content["occurred_at"],
                      content["recorded_at"], content["sensitivity"], content["day"], content["shift_id"], text,
                      digest))
    finally:
        admin.lock()
    report = _verify(new, every=False)
    assert (report.bad_item, report.reason) == (f"record:{content['id']}:1", "not_in_audit")


def test_an_import_bound_by_an_account_that_is_not_an_administrator_does_not_count(dead_and_new, tmp_path):
    _dead, new, _new_id, data = dead_and_new
    _restore(new, data)
    admin = new.sign_in(NEW_ADMIN, NEW_PW)
    try:
        admin.users.add_user("olaf", "Olaf Officer", Role.OFFICER, "olaf's own passphrase here")
    finally:
        admin.lock()
    officer = new.sign_in("olaf", "olaf's own passphrase here")
    try:  # an insider's own signed entry binding the same package again
        officer.audit_trail.append(officer.user.id, "successor_imported", "device:x", hashlib.sha256(data).hexdigest())
    finally:
        officer.lock()
    report = _verify(new, every=False)
    assert report.reason == "not_administrator" and report.bad_item.startswith("audit:")


def test_a_supervisor_cannot_write_a_package(dead_and_new):
    _dead, new, _new_id, data = dead_and_new
    admin = new.sign_in(NEW_ADMIN, NEW_PW)
    try:
        admin.users.add_user("sue", "Sue Supervisor", Role.SUPERVISOR, "sue's own passphrase here")
    finally:
        admin.lock()
    sup = new.sign_in("sue", "sue's own passphrase here")
    try:
        with pytest.raises(Exception) as refused:
            sup.successor.restore_from_hq(data)
        assert refused.value.code == "access_denied"
    finally:
        sup.lock()



def test_a_prison_number_already_here_under_another_id_is_refused_and_changes_nothing(dead_and_new):
    """The records name the dead PC's prisoner id (it is in their content hash): a roster row of the same number
    under another id on the new PC cannot be theirs."""
    _dead, new, _new_id, data = dead_and_new
    admin = new.sign_in(NEW_ADMIN, NEW_PW)
    try:
        admin.users.add_user("sue", "Sue Supervisor", Role.SUPERVISOR, "sue's own passphrase here")
    finally:
        admin.lock()
    sup = new.sign_in("sue", "sue's own passphrase here")
    try:
        sup.prisoners.admit("T-003", "Given3", "Family3", "F", "CONVICTED")
    finally:
        sup.lock()
    before = _state(new)
    with pytest.raises(ValidationError) as refused:
        _restore(new, data)
    assert refused.value.code == "successor_conflict"
    assert _state(new) == before


def test_an_insiders_amendment_is_not_accepted_as_imported(dead_and_new):
    """The same attack on amendments: a correction inserted by hand in an imported author's name."""
    _dead, new, _new_id, data = dead_and_new
    _restore(new, data)
    admin = new.sign_in(NEW_ADMIN, NEW_PW)
    try:
        repo = admin.ctx.repo
        record_id, author, name = repo.query("SELECT record_id, author_id, author_name FROM amendments")[0]
        fields = {"id": "0190a000-0000-7000-8000-00000000cafe", "record_id": record_id, "kind": "amendment",
                  "author_id": author, "at": "2026-12-01T10:00:00Z", "text": "a correction nobody wrote"}
        repo.execute("INSERT INTO amendments (id, record_id, kind, author_id, author_name, at, text, content_sha256) "
                     "VALUES (?,?,?,?,?,?,?,?)", (fields["id"], record_id, "amendment", author, name, fields["at"],
                                                  fields["text"], canonical_sha256(fields)))
    finally:
        admin.lock()
    report = _verify(new, every=False)
    assert (report.bad_item, report.reason) == (f"amendment:{fields['id']}", "not_in_audit")


def test_a_roster_row_hq_sent_before_the_package_takes_the_dead_pcs_id(dead_and_new):
    """HQ's roster reached the new PC first (a row under a new id, nothing written about it): the row takes the
    dead PC's id, so the records find their prisoner; the restore goes through and verify holds."""
    from wingdesk.domain.people import Prisoner
    from wingdesk.domain.records import new_id

    _dead, new, _new_id, data = dead_and_new
    admin = new.sign_in(NEW_ADMIN, NEW_PW)
    try:
        with admin.ctx.repo.transaction():  # as sync.wing_reference.apply_roster adds a prisoner HQ admitted
            admin.ctx.repo.add_prisoner(Prisoner(new_id(), "T-002", "B-Wing", "Given2", "Family2", "M", "CONVICTED"),
                                        "2026-12-01T08:00:00Z")
    finally:
        admin.lock()
    done = _restore(new, data)
    assert done.prisoners == 4  # the fifth was already here
    rows = _rows(new, "SELECT count(*) FROM records r JOIN prisoners p ON p.id = r.prisoner_id WHERE p.number = ?",
                 ("T-002",))
    assert rows[0][0] >= 1 and _rows(new, "SELECT count(*) FROM prisoners")[0][0] == 5
    assert _verify(new).intact


def test_a_package_whose_authors_hq_did_not_send_is_refused_and_changes_nothing(dead_and_new, hq):
    """HQ-signed, for this PC, but without the authors' keys: the records would have no author here."""
    from dataclasses import replace

    from wingdesk.sync.successor_package import open_package, seal_package

    _dead, new, new_id, data = dead_and_new
    admin = new.sign_in(NEW_ADMIN, NEW_PW)
    try:
        device = admin.ctx.repo.get_sync_device()
    finally:
        admin.lock()
    with hq.store.transaction(write=False) as repo:
        device_row = repo.get_device(new_id)
    package = open_package(data, device.hq_sign_public, device.enc_private, new_id, device_row.wing_name, hq.env)
    without_users = seal_package(replace(package, users=[]), hq.keys.current.sign_private, device_row.enc_public,
                                 hq.env)
    before = _state(new)
    with pytest.raises(ValidationError) as refused:
        _restore(new, without_users)
    assert refused.value.code == "successor_invalid" and _state(new) == before
    done = _restore(new, data)  # the whole package still goes in afterwards
    assert done.records == _state(new)[0]


@pytest.mark.timeout(240)
def test_a_record_deleted_on_the_dead_pc_stays_accounted_for_and_its_countersigned_day_verifies(
        wing_template, hq, tmp_path):
    """The dead PC's administrator deleted a log entry of a countersigned day after HQ had it; the tombstone went to
    HQ, which deleted its copy. On the new PC the tombstone comes back with the package (kept out of the outbox: HQ
    has it), so the deletion stays on record there and the day's countersignature, which lists the deleted entry,
    still verifies. Without it `verify` named the countersignature `records_changed`."""
    dead_id, kept, wrong, stone = _dead_pc_with_a_deletion(wing_template, hq, tmp_path, countersigned=True)
    with hq.store.transaction(write=False) as repo:
        assert repo._rows("SELECT count(*) FROM records WHERE record_id = ?", (wrong.id,))[0][0] == 0
    new, new_id = _fresh(tmp_path / "new", hq)
    data = replace_device(hq.store, hq.keys, dead_id, new_id, datetime.now(UTC))

    done = _restore(new, data)
    assert done.tombstones == 1 and done.countersignatures == 1
    ids = {r[0] for r in _rows(new, "SELECT id FROM records")}
    assert kept.id in ids and wrong.id not in ids
    assert _rows(new, "SELECT record_id, signer_id, signature FROM tombstones") == [
        (wrong.id, stone.deleted_by, stone.signature)]
    assert _rows(new, "SELECT count(*) FROM outbox_extra")[0][0] == 0  # HQ holds it: never sent again
    report = _verify(new)
    assert report.intact, report
    assert report.counts["tombstones"] == 1 and report.counts["deleted_countersigned_entries"] == 1


def test_a_tombstone_in_a_package_must_be_a_statement_its_line_names(dead_and_new, hq):
    """A tombstone line that buries a record the package also brings, or whose statement names another record than
    the line does, refuses the whole package (HQ-signed or not): nothing changes."""
    from wingdesk.domain.tombstones import tombstone_fields
    from wingdesk.sync.payload import record_content_hash
    from wingdesk.sync.successor_package import SuccessorPackage, open_package, seal_package

    _dead, new, new_id, data = dead_and_new
    admin = new.sign_in(NEW_ADMIN, NEW_PW)
    try:
        device = admin.ctx.sync._enrolled()
        opened = open_package(data, device.hq_sign_public, device.enc_private, new_id, "B-Wing", device.env)
    finally:
        admin.lock()
    record = next(line["body"]["record"] for line in opened.records if line["kind"] == "observation")
    signer = next(user_id for user_id, role, _key in opened.users if role == "admin")
    statement = {"record_id": record["id"], "kind": record["kind"], "prisoner_id": record["prisoner_id"],
                 "author_id": record["author_id"], "author_name": "Omar Officer", "content_sha256": "0" * 64,
                 "author_sig": "", "revisions": [], "amendments": [], "deleted_by": signer,
                 "deleted_by_name": "Ada Admin", "deleted_at": "2026-11-02T08:00:00Z", "reason": "forged"}
    with hq.store.transaction(write=False) as repo:
        enc_public = repo.get_device(new_id).enc_public
    before = _state(new)
    for body in (tombstone_fields(record["id"], statement, signer, b"\x01" * 64),  # buries a record it brings
                 {**tombstone_fields(record["id"], statement, signer, b"\x01" * 64),
                  "record_id": "00000000-0000-4000-8000-000000000000"}):  # names another record than its statement
        line = {"record_id": body["id"], "rev": 1, "kind": "tombstone", "content_hash": record_content_hash(body),
                "body": body}
        forged = seal_package(SuccessorPackage(new_id, opened.predecessor_id, "B-Wing", opened.hcs, opened.hcs_hash,
                                               opened.audit_seq, opened.audit_hash, opened.users,
                                               [*opened.records, line], opened.prisoners),
                              hq.keys.current.sign_private, enc_public, hq.keys.env)
        with pytest.raises(ValidationError) as refused:
            _restore(new, forged)
        assert refused.value.code == "successor_invalid"
        assert _state(new) == before


def _signed_in_as_from_hq(dead, new, name):
    """A session on the new PC for the dead PC's account `name`, once the new PC's administrator gave it a
    passphrase (it came from HQ without one)."""
    sup = dead.sign_in("sup", ACCOUNTS["sup"][2])
    try:
        username = username_for(sup.ctx.repo.find_user(name).id)
    finally:
        sup.lock()
    admin = new.sign_in(NEW_ADMIN, NEW_PW)
    try:
        admin.users.reset_password(username, OFF1_PW)
    finally:
        admin.lock()
    return new.sign_in(username, OFF1_PW)


def test_a_day_countersigned_on_the_dead_pc_stays_sealed_on_the_new_one(dead_and_new):
    """HQ holds the day's countersignature, so the day was countersigned and sealed on the dead PC: on the new PC it
    is SEALED too, and its entries can be neither corrected nor added to (scenario 7). Without the day's row the new
    PC took the day for an open one and let an officer correct a countersigned entry."""
    from wingdesk.domain.daily_log import DayState
    from wingdesk.domain.errors import StateError

    dead, new, _new_id, data = dead_and_new
    done = _restore(new, data)
    assert done.countersignatures == 1
    (day,) = [r[0] for r in _rows(new, "SELECT day FROM countersignatures")]
    assert _rows(new, "SELECT state FROM days WHERE day = ?", (day,)) == [(str(DayState.SEALED),)]
    events = [r[0] for r in _rows(new, "SELECT event FROM day_events WHERE day = ? ORDER BY seq", (day,))]
    assert events == ["countersign", "seal"]
    officer = _signed_in_as_from_hq(dead, new, "off1")
    try:
        (entry_id,) = [r[0] for r in officer.ctx.repo.query(
            "SELECT id FROM records WHERE kind = 'log_entry' AND day = ?", (day,))]
        with pytest.raises(StateError) as refused:
            officer.logs.correct_entry(entry_id, "changed after the countersignature")
        assert refused.value.code == "day_sealed"
    finally:
        officer.lock()
    assert _verify(new).intact


def _presence(session):
    """Where the wing's prisoners are, as the roll and the movements page show it."""
    roll = session.movements.roll()
    return ((roll.on_roll, roll.out, roll.expected),
            sorted((o.prisoner.number, o.movement.destination, o.movement.expected_back)
                   for o in session.movements.out_now()),
            sorted(tuple(r) for r in session.ctx.repo.query("SELECT number, status, cell FROM prisoners")),
            [r.id for r in session.movements.open_discrepancies()])


@pytest.mark.timeout(240)
def test_the_new_pc_knows_who_is_out_as_the_dead_one_did(wing_template, hq, tmp_path):
    """Movements out and back, a release, a cell change and a resolved roll discrepancy on the dead PC, acknowledged
    by HQ: the new PC's roll, its list of who is out (and when they are due back), the prisoners' statuses and cells
    and the open discrepancies are the dead PC's. Without the movements replayed the new PC counted a prisoner at
    court as on the wing and showed a resolved discrepancy as open."""
    from datetime import timedelta

    from wingdesk.domain.records import iso

    shutil.copytree(wing_template, tmp_path / "dead")
    dead, dead_id = _enrolled(tmp_path / "dead", hq)
    off = dead.sign_in("off1", ACCOUNTS["off1"][2])
    try:
        first, second, third = off.prisoners.page()[:3]
        back = iso(datetime.now(UTC).replace(microsecond=0) + timedelta(hours=6))
        off.logs.add_entry("MOVEMENT", {"destination": "HOSPITAL", "direction": "OUT"}, prisoner_id=second.id)
        off.logs.add_entry("MOVEMENT", {"destination": "HOSPITAL", "direction": "IN"}, prisoner_id=second.id)
        off.logs.add_entry("MOVEMENT", {"destination": "RELEASE", "direction": "OUT"}, prisoner_id=third.id)
        off.logs.add_entry("CELL_CHANGE", {"from_cell": second.cell or "", "to_cell": "C3-07", "reason": "Own request",
                                            "authorised_by": "Sara Supervisor"},
                           prisoner_id=second.id)
        roll = off.logs.add_entry("ROLL_COUNT", {"roll_kind": "FORMAL", "counted": 3})
        off.movements.resolve_discrepancy(roll.id, datetime.now(UTC), "Healthcare", "Omar Officer")
        off.logs.add_entry("MOVEMENT", {"destination": "COURT", "direction": "OUT", "expected_back": back},
                           prisoner_id=first.id)
        before = _presence(off)
    finally:
        off.lock()
    assert before[0][1] == {"COURT": 1} and before[3] == [] and ("C3-07" in {row[2] for row in before[2]})
    assert {r.outcome for r in _send(dead, hq, tmp_path / "stick")} == {"accepted"}
    new, new_id = _fresh(tmp_path / "new", hq)
    _restore(new, replace_device(hq.store, hq.keys, dead_id, new_id, datetime.now(UTC)))
    sup = _signed_in_as_from_hq(dead, new, "sup")
    try:
        assert _presence(sup) == before
    finally:
        sup.lock()
    assert _verify(new).intact


def _dead_pc_with_a_deletion(wing_template, hq, tmp_path, countersigned=False):
    """A dead PC with two log entries HQ acknowledged (their day countersigned if asked), one deleted by its
    administrator after, the tombstone sent to HQ and HQ's receipt filed back: (dead PC's id, the kept entry, the
    deleted entry, its tombstone)."""
    from tests.integration.conftest import ADMIN_PW

    shutil.copytree(wing_template, tmp_path / "dead")
    dead, dead_id = _enrolled(tmp_path / "dead", hq)
    stick = tmp_path / "stick"
    off = dead.sign_in("off1", ACCOUNTS["off1"][2])
    try:
        kept = off.logs.add_entry("GENERAL", {"text": "Quiet night on the landing"})
        wrong = off.logs.add_entry("GENERAL", {"text": "Written about the wrong landing"})
        if countersigned:
            off.logs.submit_day()
    finally:
        off.lock()
    if countersigned:
        _countersign_submitted_day(dead)
    assert {r.outcome for r in _send(dead, hq, stick)} == {"accepted"}
    admin = dead.sign_in("admin", ADMIN_PW)
    try:
        stone = admin.deletion.delete_record(wrong.id, "Written about the wrong landing: court order 12/2026")
    finally:
        admin.lock()
    outcomes = [r.outcome for r in _send(dead, hq, stick)]  # the first bundle again (not yet acknowledged), and
    assert "accepted" in outcomes and set(outcomes) <= {"accepted", "duplicate"}  # the tombstone's
    _hq_file_back(dead, hq, stick, dead_id)
    return dead_id, kept, wrong, stone


def _rebuilt_with_a_deletion(wing_template, hq, tmp_path):
    """`_dead_pc_with_a_deletion` and the new PC rebuilt from HQ: (new PC, the kept entry, the deleted entry)."""
    dead_id, kept, wrong, _stone = _dead_pc_with_a_deletion(wing_template, hq, tmp_path)
    new, new_id = _fresh(tmp_path / "new", hq)
    assert _restore(new, replace_device(hq.store, hq.keys, dead_id, new_id, datetime.now(UTC))).tombstones == 1
    assert _verify(new).intact
    return new, kept, wrong


def _raw(wing, *statements):
    """An insider with the database key (a valid account and file access) runs SQL of their own."""
    admin = wing.sign_in(NEW_ADMIN, NEW_PW)
    try:
        for sql, params in statements:
            admin.ctx.repo.execute(sql, params)
    finally:
        admin.lock()


@pytest.mark.timeout(240)
def test_a_tombstone_or_a_record_hq_brought_taken_out_by_hand_is_named(wing_template, hq, tmp_path):
    """What the package brought stands in for the dead PC's audit entries: a tombstone an insider deletes from the
    new PC (to hide that something was deleted) or a record version they delete is named by `verify`
    (`successor_item_missing`), as a local tombstone taken out is. Both went unnoticed before."""
    new, kept, wrong = _rebuilt_with_a_deletion(wing_template, hq, tmp_path)
    shutil.copytree(tmp_path / "new", tmp_path / "copy")
    _raw(new, ("DROP TRIGGER tombstones_append_only_d", ()), ("DELETE FROM tombstones WHERE record_id = ?",
                                                               (wrong.id,)))
    report = _verify(new, every=False)
    assert (report.intact, report.reason) == (False, "successor_item_missing")
    copy = LocalWing(tmp_path / "copy", kdf=floor_params(), sync_factory=WingSync)
    triggers = [r[0] for r in _rows(copy, "SELECT name FROM sqlite_master WHERE type = 'trigger' AND "
                                          "tbl_name = 'records'")]
    _raw(copy, ("PRAGMA foreign_keys = OFF", ()), *((f'DROP TRIGGER "{name}"', ()) for name in triggers),
         ("DELETE FROM record_heads WHERE id = ?", (kept.id,)), ("DELETE FROM records WHERE id = ?", (kept.id,)))
    report = _verify(copy, every=False)
    assert (report.intact, report.reason) == (False, "successor_item_missing")


@pytest.mark.timeout(240)
def test_a_record_hq_brought_that_the_new_pcs_administrator_deletes_still_verifies(wing_template, hq, tmp_path):
    """Deleting, on the new PC, a record the package brought is an ordinary hard delete: its tombstone lists the
    version, so `verify` holds."""
    new, kept, _wrong = _rebuilt_with_a_deletion(wing_template, hq, tmp_path)
    admin = new.sign_in(NEW_ADMIN, NEW_PW)
    try:
        admin.deletion.delete_record(kept.id, "court order 13/2026")
    finally:
        admin.lock()
    report = _verify(new)
    assert report.intact, report
