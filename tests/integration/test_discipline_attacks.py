"""Insider attacks on treatment notes from the raw database, with nothing but one's own slot and file access.

Each failed on the code before schema 10 (one wing-wide clinical key in every treatment slot, never rotated)."""

import shutil

from tests.integration.conftest import ACCOUNTS, first_prisoner
from tests.integration.raw_access import (
    notes_from_slot,
    notes_with_prisoner_keys,
    raw_connection,
    readable_notes,
    slot_secrets,
    unwrapped_prisoner_keys,
)
from wingdesk.domain.roles import Role
from wingdesk.storage.vault import SLOT_FILE

PSY_SECRET = "PsyOnlyCanary4471"


def everything(found):
    return [text for texts in found.values() for text in texts]


def test_social_worker_cannot_decrypt_a_psychology_note_from_the_raw_database(wing, login):
    psy = login("psy")
    psy.treatment.add_note(first_prisoner(psy).id, PSY_SECRET)
    psy.lock()
    login("sw").lock()  # the social worker has signed in since: holds whatever key the wing gave them
    stolen = notes_from_slot(wing.directory, wing.directory / SLOT_FILE, "sw", ACCOUNTS["sw"][2])
    assert PSY_SECRET not in everything(stolen)
    mine = notes_from_slot(wing.directory, wing.directory / SLOT_FILE, "psy", ACCOUNTS["psy"][2])
    assert PSY_SECRET in mine["PSY"]  # the check above is not vacuous: the psychologist's own slot does read it


def test_pastoral_counsellor_cannot_decrypt_a_psychology_note(wing, login):
    admin = login("admin")
    admin.users.add_user("rel", "Rea Chaplain", Role.TREATMENT, "pastoral care passphrase", "REL")
    admin.lock()
    psy = login("psy")
    psy.treatment.add_note(first_prisoner(psy).id, PSY_SECRET)
    psy.lock()
    wing.sign_in("rel", "pastoral care passphrase").lock()
    stolen = notes_from_slot(wing.directory, wing.directory / SLOT_FILE, "rel", "pastoral care passphrase")
    assert PSY_SECRET not in everything(stolen)


def test_removed_psychologists_old_slot_unwraps_nothing(wing, login, tmp_path):
    admin = login("admin")
    admin.users.add_user("psy2", "Pavle Psychologist", Role.TREATMENT, "second psychologist passphrase", "PSY")
    admin.lock()
    psy = login("psy")
    prisoner = first_prisoner(psy)
    psy.treatment.add_note(prisoner.id, "before the removal")
    psy.lock()
    psy2 = wing.sign_in("psy2", "second psychologist passphrase")  # takes the psychology key into their slot
    assert [n.body["text"] for n in psy2.treatment.notes(prisoner.id)] == ["before the removal"]
    psy2.lock()
    old_copy = tmp_path / "slots-psy2.json"
    shutil.copy(wing.directory / SLOT_FILE, old_copy)
    shutil.copy(wing.directory / "wing.db", tmp_path / "wing-before.db")
    old_secrets = slot_secrets(old_copy, "psy2", "second psychologist passphrase")
    admin = login("admin")
    admin.users.remove_user("psy2")
    admin.lock()
    psy = login("psy")  # the remaining psychologist signs in (and writes a new note)
    psy.treatment.add_note(prisoner.id, "after the removal")
    psy.lock()
    # psy2 gets today's database key from a colluding officer and uses the clinical key of their old slot file
    off = login("off1")
    dek = bytearray(off.ctx.vault._secrets.dek)
    conn = raw_connection(wing.directory, dek)
    assert readable_notes(conn, old_secrets.clinical) == {}
    # and the prisoner keys psy2 could take out of a database copy made before the removal open no note written
    # after it (new notes get fresh prisoner keys)
    old_db = tmp_path / "old"
    old_db.mkdir()
    shutil.copy(old_copy.parent / "wing-before.db", old_db / "wing.db")
    old_conn = raw_connection(old_db, old_secrets.dek)
    taken = unwrapped_prisoner_keys(old_conn, old_secrets.clinical)
    old_conn.close()
    assert taken  # they did hold the prisoner key of the first note
    assert notes_with_prisoner_keys(conn, taken) == ["before the removal"]
    conn.close()
    assert raw_connection(wing.directory, old_secrets.dek) is None  # nor does the old slot open today's database
    psy = login("psy")
    assert sorted(n.body["text"] for n in psy.treatment.notes(prisoner.id)) == ["after the removal",
                                                                                "before the removal"]


def test_removed_last_psychologist_old_slot_unwraps_nothing_once_a_successor_signs_in(wing, login, tmp_path):
    psy = login("psy")
    prisoner = first_prisoner(psy)
    psy.treatment.add_note(prisoner.id, PSY_SECRET)
    psy.lock()
    old_secrets = slot_secrets(wing.directory / SLOT_FILE, "psy", ACCOUNTS["psy"][2])
    admin = login("admin")
    admin.users.remove_user("psy")
    admin.users.add_user("psy3", "Petra Psychologist", Role.TREATMENT, "successor psychologist passphrase", "PSY")
    admin.lock()
    successor = wing.sign_in("psy3", "successor psychologist passphrase")  # nobody can grant: a new generation
    successor.treatment.add_note(prisoner.id, "successor's note")
    assert [n.body["text"] for n in successor.treatment.notes(prisoner.id)] == ["successor's note", None]
    successor.lock()
    off = login("off1")
    conn = raw_connection(wing.directory, off.ctx.vault._secrets.dek)
    assert readable_notes(conn, old_secrets.clinical) == {}
    conn.close()
