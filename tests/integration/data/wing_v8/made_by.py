"""How wing.db and slots.json here were made: with WingDesk at commit dbb7acc (schema 8, one wing-wide clinical
key), `python made_by.py OUT_DIR`. Passphrases are the ones below."""
import shutil
import sys
from pathlib import Path

from wingdesk.crypto.kdf import floor_params
from wingdesk.domain.roles import Role
from wingdesk.storage.backend import LocalWing

out = Path(sys.argv[1])
tmp = Path("/tmp/dk/v8wing")
shutil.rmtree(tmp, ignore_errors=True)
wing = LocalWing(tmp, kdf=floor_params())
wing.create("B-Wing", "Old Prison", "admin", "Ada Admin", "admin passphrase for tests")
adm = wing.sign_in("admin", "admin passphrase for tests")
for name, role, pw, d in [("off1", Role.OFFICER, "officer one passphrase", None),
                          ("sup", Role.SUPERVISOR, "supervisor passphrase", None),
                          ("psy", Role.TREATMENT, "psychologist passphrase", "PSY"),
                          ("psy2", Role.TREATMENT, "second psychologist passphrase", "PSY"),
                          ("sw", Role.TREATMENT, "social worker passphrase", "SW"),
                          ("rel", Role.TREATMENT, "pastoral care passphrase", "REL")]:
    adm.users.add_user(name, name.upper(), role, pw, d)
adm.lock()
off = wing.sign_in("sup", "supervisor passphrase")
p1 = off.prisoners.admit("T-001", "Ana", "Anić", "F", "CONVICTED", cell="B1-01")
p2 = off.prisoners.admit("T-002", "Boris", "Bor", "M", "CONVICTED", cell="B1-02")
off.lock()
psy = wing.sign_in("psy", "psychologist passphrase")  # took the clinical key at add; grants psy2, sw, rel
psy.treatment.add_note(p1.id, "OLD-PSY-NOTE-P1", linked_goal="OLD-PSY-GOAL")
psy.treatment.add_note(p2.id, "OLD-PSY-NOTE-P2")
psy.lock()
sw = wing.sign_in("sw", "social worker passphrase")
sw.treatment.add_note(p1.id, "OLD-SW-NOTE-P1")
sw.lock()
# psy2 and rel never signed in under the old program: their grants wait sealed in the database
for name in ("wing.db", "slots.json"):
    shutil.copy(tmp / name, out / name)
