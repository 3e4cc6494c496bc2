"""A wing made by schema 8 (one wing-wide clinical key) upgrades to a key per discipline without losing a note.

tests/integration/data/wing_v8 was made by the old program (made_by.py there): psy and sw hold the wing-wide key
in their slots; psy2 and rel were granted it but never signed in; PSY notes for two prisoners and an SW note."""

import shutil
from pathlib import Path

import pytest

from tests.integration.raw_access import notes_from_slot, raw_connection, readable_notes, slot_secrets
from wingdesk.crypto.kdf import floor_params
from wingdesk.storage.backend import LocalWing
from wingdesk.storage.vault import SLOT_FILE

OLD_WING = Path(__file__).parent / "data" / "wing_v8"
PASSWORDS = {"admin": "admin passphrase for tests", "sup": "supervisor passphrase",
             "psy": "psychologist passphrase", "psy2": "second psychologist passphrase",
             "sw": "social worker passphrase", "rel": "pastoral care passphrase", "off1": "officer one passphrase"}
PSY_NOTES = ["OLD-PSY-NOTE-P1", "OLD-PSY-NOTE-P2"]


@pytest.fixture
def old_wing(tmp_path):
    folder = tmp_path / "wing"
    shutil.copytree(OLD_WING, folder, ignore=shutil.ignore_patterns("*.py"))
    return LocalWing(folder, kdf=floor_params())


def note_texts(session):
    texts = []
    for prisoner in session.prisoners.page():
        texts += [n.body["text"] for n in session.treatment.notes(prisoner.id)]
    return sorted(texts)


def test_every_old_note_is_read_by_its_own_discipline_only(old_wing, tmp_path):
    old_slots = tmp_path / "slots-v8.json"
    shutil.copy(old_wing.directory / SLOT_FILE, old_slots)
    old_wing.sign_in("sup", PASSWORDS["sup"]).lock()  # schema 10 now; the old key is still needed, nothing lost
    rel = old_wing.sign_in("rel", PASSWORDS["rel"])  # its old grant holds the wing-wide key: refused, not used
    assert not rel.ctx.keyring.has_clinical
    rel.lock()
    sw = old_wing.sign_in("sw", PASSWORDS["sw"])  # holds the wing-wide key: re-seals every note per discipline
    assert note_texts(sw) == ["OLD-SW-NOTE-P1"]
    sw.lock()
    for name in ("psy2", "psy"):  # psy2 by a grant made at the upgrade; psy drops the wing-wide key from its slot
        session = old_wing.sign_in(name, PASSWORDS[name])
        assert note_texts(session) == PSY_NOTES
        prisoner = session.prisoners.page()[0]
        assert [n.body["linked_goal"] for n in session.treatment.notes(prisoner.id)] == ["OLD-PSY-GOAL"]
        session.lock()
    rel = old_wing.sign_in("rel", PASSWORDS["rel"])
    assert rel.ctx.keyring.has_clinical and note_texts(rel) == []
    rel.lock()
    folder = old_wing.directory
    for name, expected in (("psy", {"PSY": PSY_NOTES}), ("psy2", {"PSY": PSY_NOTES}),
                           ("sw", {"SW": ["OLD-SW-NOTE-P1"]}), ("rel", {}), ("off1", {}), ("admin", {})):
        found = notes_from_slot(folder, folder / SLOT_FILE, name, PASSWORDS[name])
        assert {d: sorted(t) for d, t in found.items()} == expected, name


def test_the_wing_wide_key_of_an_old_slot_file_opens_nothing_after_the_upgrade(old_wing, tmp_path):
    old_slots = tmp_path / "slots-v8.json"
    shutil.copy(old_wing.directory / SLOT_FILE, old_slots)
    wing_wide = slot_secrets(old_slots, "sw", PASSWORDS["sw"]).clinical
    assert wing_wide is not None
    old_wing.sign_in("sw", PASSWORDS["sw"]).lock()
    dek = slot_secrets(old_wing.directory / SLOT_FILE, "off1", PASSWORDS["off1"]).dek
    conn = raw_connection(old_wing.directory, dek)
    assert conn.execute("SELECT count(*) FROM clinical_keys").fetchone()[0] == 0
    assert readable_notes(conn, wing_wide) == {}
    assert conn.execute("SELECT count(*) FROM legacy_sealed_fields").fetchone()[0] == 4  # 3 texts + 1 goal
    conn.close()


def test_new_notes_after_the_upgrade_use_the_discipline_key(old_wing):
    psy = old_wing.sign_in("psy", PASSWORDS["psy"])
    prisoner = psy.prisoners.page()[0]
    psy.treatment.add_note(prisoner.id, "NEW-PSY-NOTE")
    assert "NEW-PSY-NOTE" in note_texts(psy) and set(PSY_NOTES) <= set(note_texts(psy))
    psy.lock()
    sw = old_wing.sign_in("sw", PASSWORDS["sw"])
    assert note_texts(sw) == ["OLD-SW-NOTE-P1"]
    sw.lock()
