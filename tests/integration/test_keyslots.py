"""Key slots: wrong passwords refused; add, change, reset and remove users; rotation and rollback safety."""

import shutil

import pytest
import sqlcipher3

from tests.integration.conftest import ACCOUNTS
from wingdesk.crypto.kdf import KdfParams
from wingdesk.crypto.keyslots import SlotFile
from wingdesk.domain.errors import AuthError, IntegrityError, StoreError
from wingdesk.domain.roles import Role
from wingdesk.storage.vault import NEXT_SLOT_FILE, SLOT_FILE


def test_wrong_password_and_unknown_user_are_refused_alike(wing):
    with pytest.raises(AuthError) as bad_pw:
        wing.sign_in("off1", "not the passphrase at all")
    with pytest.raises(AuthError) as no_user:
        wing.sign_in("nobody", "not the passphrase at all")
    assert bad_pw.value.code == no_user.value.code == "wrong_password"


def test_database_does_not_open_without_the_key(wing):
    conn = sqlcipher3.connect(str(wing.directory / "wing.db"))
    with pytest.raises(sqlcipher3.DatabaseError):
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.execute("PRAGMA key = \"x'" + "00" * 32 + "'\"")
    with pytest.raises(sqlcipher3.DatabaseError):
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()


def test_cipher_settings(login):
    session = login("sup")
    conn = session.ctx.repo.conn
    assert conn.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA cipher_integrity_check").fetchall() == []
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_slot_parameters_are_stored_per_slot_and_never_below_floor(wing):
    slots = SlotFile.load(wing.directory / SLOT_FILE)
    for slot in slots.slots:
        assert slot.kdf.memory_kib >= 64 * 1024 and slot.kdf.iterations >= 3 and len(slot.kdf.salt) == 16
    assert len({s.kdf.salt for s in slots.slots}) == len(slots.slots)


def test_slot_below_floor_is_refused(wing):
    path = wing.directory / SLOT_FILE
    path.write_text(path.read_text().replace('"memory_kib": 65536', '"memory_kib": 1024'))
    with pytest.raises(IntegrityError) as info:
        wing.sign_in("off1", ACCOUNTS["off1"][2])
    assert info.value.code == "slot_below_floor"


def test_old_slot_is_rewrapped_when_policy_rises(wing, login):
    from wingdesk.storage.backend import LocalWing

    stronger = KdfParams(96 * 1024, 3, 4, b"\0" * 16)
    LocalWing(wing.directory, kdf=stronger).sign_in("off1", ACCOUNTS["off1"][2]).lock()
    slot = SlotFile.load(wing.directory / SLOT_FILE).find("off1")
    assert slot.kdf.memory_kib == 96 * 1024
    login("off1")  # still opens with the same passphrase


def test_change_own_password(wing, login):
    session = login("off2")
    session.users.change_own_password(ACCOUNTS["off2"][2], "a brand new passphrase")
    with pytest.raises(AuthError):
        wing.sign_in("off2", ACCOUNTS["off2"][2])
    wing.sign_in("off2", "a brand new passphrase").lock()


def test_change_password_needs_the_old_one(login):
    session = login("off2")
    with pytest.raises(AuthError):
        session.users.change_own_password("wrong old passphrase", "a brand new passphrase")


def test_add_user_then_sign_in(wing, login):
    admin = login("admin")
    admin.users.add_user("newbie", "New Officer", Role.OFFICER, "welcome to the wing")
    session = wing.sign_in("newbie", "welcome to the wing")
    assert session.user.role is Role.OFFICER
    session.lock()


def test_removed_user_cannot_open_even_with_an_old_slot_file(wing, login, tmp_path):
    old_copy = tmp_path / "slots-before-removal.json"
    shutil.copy(wing.directory / SLOT_FILE, old_copy)
    admin = login("admin")
    admin.users.remove_user("off2")
    admin.lock()
    with pytest.raises(AuthError):
        wing.sign_in("off2", ACCOUNTS["off2"][2])
    # The attacker puts back the slot file copied before the removal: the database key has changed. The old slot
    # still opens with off2's passphrase, so its data key not opening the database is reported as a database that
    # cannot be opened (as damage is), not as a wrong password.
    shutil.copy(old_copy, wing.directory / SLOT_FILE)
    with pytest.raises(StoreError) as info:
        wing.sign_in("off2", ACCOUNTS["off2"][2])
    assert info.value.code == "store_error"
    with pytest.raises((AuthError, IntegrityError, StoreError)):
        wing.sign_in("off1", ACCOUNTS["off1"][2])


def test_others_still_open_after_rotation(wing, login):
    admin = login("admin")
    admin.users.remove_user("off2")
    for name in ("off1", "sup", "psy", "sw", "gov"):
        session = wing.sign_in(name, ACCOUNTS[name][2])
        assert session.prisoners.count() == 5 if name != "admin" else True
        session.lock()


def test_rolled_back_slot_file_is_detected(wing, tmp_path):
    old_copy = tmp_path / "old.json"
    shutil.copy(wing.directory / SLOT_FILE, old_copy)
    session = wing.sign_in("off1", ACCOUNTS["off1"][2])
    session.users.change_own_password(ACCOUNTS["off1"][2], "officer one new passphrase")
    session.lock()
    shutil.copy(old_copy, wing.directory / SLOT_FILE)
    with pytest.raises(IntegrityError) as info:
        wing.sign_in("off1", ACCOUNTS["off1"][2])
    assert info.value.code == "slot_file_rolled_back"


def test_interrupted_rotation_before_rekey_keeps_the_old_key(wing, login):
    admin = login("admin")
    vault = admin.ctx.vault
    original = vault._db.rekey
    vault._db.rekey = lambda key: (_ for _ in ()).throw(OSError("power cut"))
    with pytest.raises(OSError):
        admin.users.remove_user("off2")
    vault._db.rekey = original
    admin.lock()
    assert (wing.directory / NEXT_SLOT_FILE).exists()
    wing.sign_in("sup", ACCOUNTS["sup"][2]).lock()  # old key still works, leftover cleaned
    assert not (wing.directory / NEXT_SLOT_FILE).exists()


def test_interrupted_rotation_after_rekey_uses_the_new_slot_file(wing, login, monkeypatch):
    import wingdesk.storage.vault as vault_module

    admin = login("admin")
    real_replace = vault_module.os.replace

    def crash_on_slot_replace(src, dst):
        if str(src).endswith(NEXT_SLOT_FILE):
            raise OSError("power cut")
        return real_replace(src, dst)

    monkeypatch.setattr(vault_module.os, "replace", crash_on_slot_replace)
    with pytest.raises(OSError):
        admin.users.remove_user("off2")
    monkeypatch.setattr(vault_module.os, "replace", real_replace)
    admin.lock()
    session = wing.sign_in("sup", ACCOUNTS["sup"][2])  # finds the rekeyed DB and the pending slot file
    assert session.prisoners.count() == 5
    session.lock()
    assert not (wing.directory / NEXT_SLOT_FILE).exists()


def test_reset_password_issues_new_signing_key(wing, login):
    admin = login("admin")
    before = admin.ctx.repo.find_user("sup").public_key
    admin.users.reset_password("sup", "the reset passphrase")
    assert admin.ctx.repo.find_user("sup").public_key != before
    wing.sign_in("sup", "the reset passphrase").lock()
