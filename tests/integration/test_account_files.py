"""The key-slot and sign-in files under bad luck: a failed step leaves no working key behind, a full disk says
so, a damaged file or database is reported as damage (never as a wrong password), and names typed at sign-in
that belong to no account are not written down."""

from __future__ import annotations

import errno
import json
import os

import pytest

from tests.integration.conftest import ACCOUNTS, ADMIN_PW
from wingdesk.config import files
from wingdesk.crypto import grants
from wingdesk.crypto.keyslots import SlotFile, open_slot
from wingdesk.domain.errors import AuthError, IntegrityError, StoreError, ValidationError
from wingdesk.domain.roles import Role
from wingdesk.storage.database import open_database

NEW_PW = "brand new officer passphrase"


def _slots(wing) -> SlotFile:
    return SlotFile.load(wing.directory / "slots.json")


def test_re_adding_a_removed_name_is_refused_and_leaves_no_slot(login, wing):
    admin = login("admin")
    admin.users.remove_user("off1")
    with pytest.raises(ValidationError) as error:  # the database keeps the removed name: IntegrityError before
        admin.users.add_user("off1", "Omar Again", Role.OFFICER, NEW_PW)
    assert error.value.code == "duplicate"
    assert _slots(wing).find("off1") is None


def test_names_equal_but_for_unicode_case_are_one_name(login):
    admin = login("admin")
    admin.users.add_user("straße", "Bert Baker", Role.OFFICER, NEW_PW)
    with pytest.raises(ValidationError):  # sign-in matches names by casefold: the second could never sign in
        admin.users.add_user("STRASSE", "Carl Cook", Role.OFFICER, "another officer passphrase")


def test_a_failed_add_takes_its_slot_and_data_key_grant_back_out(login, wing, monkeypatch):
    admin = login("admin")
    before = _slots(wing)

    def refuse(user):
        raise OSError(errno.EIO, "disk i/o error")

    monkeypatch.setattr(admin.users.ctx.repo, "add_user", refuse)
    with pytest.raises(OSError):
        admin.users.add_user("off9", "Ola Officer", Role.OFFICER, NEW_PW)
    after = _slots(wing)
    assert after.find("off9") is None and set(after.dek_grants) == set(before.dek_grants)
    assert {s.user_id for s in after.slots} == {s.user_id for s in before.slots}


def test_the_orphan_slot_that_was_left_opened_the_database(login, wing, monkeypatch):
    """Why the test above matters: a slot with a data-key grant is a working key to the records."""
    admin = login("admin")
    admin.users.add_user("off9", "Ola Officer", Role.OFFICER, NEW_PW)
    slots = _slots(wing)
    slot = slots.find("off9")
    secrets = open_slot(slots.db_uuid, slot, NEW_PW.encode())
    db = open_database(
        wing.directory / "wing.db", grants.open_with(secrets.grant_identity, slots.dek_grants[slot.user_id])
    )
    assert db.conn.execute("SELECT count(*) FROM prisoners").fetchone()[0] == 5
    db.close()


def _full_disk(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_passphrase_change_on_a_full_disk_changes_nothing(login, wing, monkeypatch):
    off = login("off1")
    old = ACCOUNTS["off1"][2]
    monkeypatch.setattr(files.os, "fdopen", _full_disk)
    with pytest.raises(StoreError) as error:
        off.users.change_own_password(old, NEW_PW)
    assert error.value.code == "disk_full"
    assert off.users.confirm_identity(old) and not off.users.confirm_identity(NEW_PW)
    monkeypatch.undo()
    off.lock()
    wing.sign_in("off1", old).lock()


def test_a_sign_in_on_a_full_disk_says_the_disk_is_full(wing, monkeypatch):
    monkeypatch.setattr(files.os, "fdopen", _full_disk)
    with pytest.raises(StoreError) as error:
        wing.sign_in("off1", "not the passphrase at all")
    assert error.value.code == "disk_full"


def test_a_name_no_account_has_is_not_written_down(wing):
    typed = ACCOUNTS["off1"][2]  # the passphrase, typed into the name box
    with pytest.raises(AuthError):
        wing.sign_in(typed, "x" * 20)
    assert typed not in (wing.directory / "logins.json").read_text()
    session = wing.sign_in("admin", ADMIN_PW)
    actors = [row[0] for row in session.users.ctx.repo.db.conn.execute("SELECT actor FROM audit")]
    session.lock()
    assert typed not in actors and "?" in actors


@pytest.mark.parametrize("damage", ["truncate", "page_one"])
def test_a_damaged_database_is_reported_as_such_and_locks_nobody_out(wing, damage):
    path = wing.directory / "wing.db"
    data = bytearray(path.read_bytes())
    if damage == "truncate":
        data = data[:8192]
    else:
        data[100] ^= 0xFF
    path.write_bytes(bytes(data))
    for _ in range(3):
        with pytest.raises(StoreError):
            wing.sign_in("admin", ADMIN_PW)
    assert (
        not (wing.directory / "logins.json").exists() or '"count"' not in (wing.directory / "logins.json").read_text()
    )
    with pytest.raises(AuthError) as error:  # a wrong passphrase is still one
        wing.sign_in("admin", "not the admin passphrase")
    assert error.value.code == "wrong_password"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("nonce", "00"),
        ("lanes", 0),
        ("memory_kib", 1e999),
        ("memory_kib", 2**40),
        ("iterations", 10**9),
        ("lanes", True),
    ],
)
def test_a_damaged_slot_file_is_damage_not_a_crash_or_a_hang(wing, field, value):
    path = wing.directory / "slots.json"
    doc = json.loads(path.read_text())
    slot = next(s for s in doc["slots"] if s["username"] == "admin")
    (slot if field == "nonce" else slot["kdf"])[field] = value
    path.write_text(json.dumps(doc))
    with pytest.raises(IntegrityError) as error:
        wing.sign_in("admin", ADMIN_PW)
    assert error.value.code == "slot_file_damaged"


def test_a_deeply_nested_slot_file_is_damage(wing):
    (wing.directory / "slots.json").write_text("[" * 200_000)
    with pytest.raises(IntegrityError):
        wing.sign_in("admin", ADMIN_PW)
    assert os.path.getsize(wing.directory / "slots.json") < 1024 * 1024


def test_dates_out_of_order_are_refused(login):
    """An alert that ends before it starts, an admission before birth or a release before admission."""
    sup = login("sup")
    prisoner = sup.prisoners.page()[0]
    with pytest.raises(ValidationError) as error:
        sup.alerts.raise_alert(prisoner.id, "SELF_HARM_RISK", "Watch at night", "2025-06-01", "2024-01-01")
    assert (error.value.code, error.value.params["field"]) == ("date_order", "active_to")
    sup.alerts.raise_alert(prisoner.id, "SELF_HARM_RISK", "Watch at night", "2025-06-01", "2025-06-01")
    admit = {"date_of_birth": "1990-01-01", "admission_date": "2024-01-01", "expected_release": "2026-01-01"}
    for field, value in (("admission_date", "1980-01-01"), ("expected_release", "2023-12-31")):
        with pytest.raises(ValidationError) as error:
            sup.prisoners.admit("T-900", "Given", "Family", "M", "CONVICTED", **(admit | {field: value}))
        assert (error.value.code, error.value.params["field"]) == ("date_order", field)
    sup.prisoners.admit("T-900", "Given", "Family", "M", "CONVICTED", **admit)


def test_plan_dates_out_of_order_are_refused(login):
    """A plan step that ends before it starts, a review whose next review is earlier than itself."""
    psy = login("psy")
    prisoner = psy.prisoners.page()[0]
    step = {"step_type": "EDUCATION", "description": "Literacy class", "responsible_person": "Teacher",
            "status": "PLANNED", "start_date": "2026-03-01"}
    review = {"date": "2026-04-01", "summary": "Attends", "action": "REMAIN"}
    plan = {"reason_for_plan": "Admission", "prisoner_goals_own_words": "Read to my daughter"}
    for bad, field in (({"steps": [step | {"end_date": "2026-02-28"}]}, "end_date"),
                       ({"reviews": [review | {"next_review_date": "2026-03-31"}]}, "next_review_date")):
        with pytest.raises(ValidationError) as error:
            psy.treatment.create_plan(prisoner.id, plan | bad)
        assert (error.value.code, error.value.params["field"]) == ("date_order", field)
    created = psy.treatment.create_plan(prisoner.id, plan | {"steps": [step | {"end_date": "2026-03-01"}],
                                                             "reviews": [review | {"next_review_date": "2026-07-01"}]})
    with pytest.raises(ValidationError) as error:
        psy.treatment.update_plan(created.id, {"steps": [step | {"end_date": "2025-01-01"}]})
    assert error.value.params["field"] == "end_date"
