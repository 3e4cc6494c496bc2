"""docs/security.md §3 checked against a real wing: for each role and discipline, from that user's slot alone
(passphrase, slots.json, wing.db), what decrypts — the database, each discipline's notes, other users' keys."""

import re
import shutil
from pathlib import Path

from tests.integration.conftest import ACCOUNTS, ADMIN_PW, first_prisoner
from tests.integration.raw_access import raw_connection, readable_notes, slot_secrets
from wingdesk.crypto import grants
from wingdesk.crypto.keyslots import SlotFile
from wingdesk.domain.errors import IntegrityError
from wingdesk.domain.roles import Role
from wingdesk.storage.vault import SLOT_FILE

DOC = Path(__file__).resolve().parents[2] / "docs" / "security.md"
DISCIPLINES = ("PSY", "SW", "EDU", "REL")
EXTRA = {"edu": ("EDU", "education officer passphrase"), "rel": ("REL", "pastoral care passphrase"),
         "psy2": ("PSY", "second psychologist passphrase")}
ROW_USER = {"officer": "off1", "supervisor": "sup", "security": "sec", "governor": "gov", "admin": "admin",
            "treatment PSY": "psy", "treatment SW": "sw", "treatment EDU": "edu", "treatment REL": "rel"}


def documented_table():
    text = DOC.read_text("utf-8")
    block = text.split("<!-- security-table:start -->")[1].split("<!-- security-table:end -->")[0]
    rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in block.strip().splitlines()[2:]]
    return {row[0]: [c == "yes" for c in row[1:]] for row in rows}


def password(name):
    return ADMIN_PW if name == "admin" else EXTRA[name][1] if name in EXTRA else ACCOUNTS[name][2]


def opens_someone_elses_keys(slot_path, conn, name, secrets):
    """Does this user's age identity open any data-key grant or clinical grant meant for someone else?"""
    slots = SlotFile.load(slot_path)
    own = slots.find(name).user_id
    sealed = [v for k, v in slots.dek_grants.items() if k != own]
    if conn is not None:
        sealed += [bytes(r[1]) for r in conn.execute("SELECT user_id, sealed FROM clinical_grants "
                                                     "WHERE sealed IS NOT NULL") if r[0] != own]
    for item in sealed:
        try:
            grants.open_with(secrets.grant_identity, item)
            return True
        except IntegrityError:
            pass
    return False


def row_for(folder, slot_path, name, lent_dek=None):
    secrets = slot_secrets(slot_path, name, password(name))
    conn = raw_connection(folder, secrets.dek)
    opens_db = conn is not None
    if conn is None and lent_dek is not None:
        conn = raw_connection(folder, lent_dek)  # a colleague lends today's database key
    notes = readable_notes(conn, secrets.clinical) if conn is not None else {}
    others = opens_someone_elses_keys(slot_path, conn, name, secrets)
    if conn is not None:
        conn.close()
    return [opens_db, *(bool(notes.get(d)) for d in DISCIPLINES), others]


def test_the_documented_table_holds(wing, login, tmp_path):
    admin = login("admin")
    for name, (discipline, pw) in EXTRA.items():
        admin.users.add_user(name, name.title(), Role.TREATMENT, pw, discipline)
    admin.lock()
    sup = wing.sign_in("sup", password("sup"))
    prisoner_id = first_prisoner(sup).id
    sup.lock()
    for name in ("psy", "psy2", "sw", "edu", "rel"):  # each discipline writes a note; psy2 takes the PSY key
        session = wing.sign_in(name, password(name))
        if name != "psy2":
            session.treatment.add_note(prisoner_id, f"note of {name}")
        session.lock()
    old_slots = tmp_path / "slots-before.json"
    shutil.copy(wing.directory / SLOT_FILE, old_slots)
    admin = login("admin")
    admin.users.remove_user("psy2")
    admin.lock()
    wing.sign_in("psy", password("psy")).lock()  # the rotation
    folder, table = wing.directory, documented_table()
    assert set(table) == {*ROW_USER, "removed PSY (slot file copied before removal)"}
    for row, name in ROW_USER.items():
        assert row_for(folder, folder / SLOT_FILE, name) == table[row], row
    lent = slot_secrets(folder / SLOT_FILE, "off1", password("off1")).dek
    removed = row_for(folder, old_slots, "psy2", lent_dek=lent)
    assert removed == table["removed PSY (slot file copied before removal)"]
    assert re.search(r"\| treatment PSY \| yes \| yes \|", DOC.read_text("utf-8"))
