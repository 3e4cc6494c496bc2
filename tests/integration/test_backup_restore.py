"""Verified encrypted backups and restore (issue 22, security.md §2.11, tests 4 and 19)."""

import json
import shutil
import threading

import pytest

from tests.integration.conftest import ACCOUNTS, ADMIN_PW, first_prisoner
from wingdesk.crypto.kdf import floor_params
from wingdesk.domain.errors import AccessDenied, AuthError, StoreError
from wingdesk.i18n.messages import describe
from wingdesk.storage import backup_files
from wingdesk.storage.backend import LocalWing

SUP_PW = ACCOUNTS["sup"][2]


def _observe(session, text="seen on the landing"):
    prisoner = first_prisoner(session)
    return session.observations.record(prisoner.id, "POSITIVE_ENGAGEMENT", "POSITIVE", text)


def _record_ids(wing, name="sup", pw=SUP_PW):
    session = wing.sign_in(name, pw)
    try:
        return {row[0] for row in session.ctx.repo.query("SELECT id FROM records")}
    finally:
        session.lock()


def _backup(wing, to, keep=7):
    session = wing.sign_in("sup", SUP_PW)
    try:
        return session.backup.backup(to, keep=keep)
    finally:
        session.lock()


def test_backup_is_complete_signed_and_checked(wing, login, tmp_path):
    _observe(login("off1"))
    result = _backup(wing, tmp_path / "stick")
    folder = tmp_path / "stick" / result.folder.rsplit("/", 1)[-1]
    assert sorted(p.name for p in folder.iterdir()) == ["logins.json", "manifest.json", "slots.json", "wing.db"]
    body, signature = backup_files.read_manifest(folder)
    assert body["counts"]["records"] == result.counts["records"] >= 1
    assert body["signer"]["role"] == "supervisor" and len(signature) == 64
    for name, item in body["files"].items():
        assert backup_files.file_digest(folder / name) == item
    assert b"seen on the landing" not in (folder / "wing.db").read_bytes()  # encrypted copy
    actions = [e.action for e in login("gov").audit.page()]
    assert "backup" in actions


def test_officer_cannot_back_up(login, tmp_path):
    with pytest.raises(AccessDenied):
        login("off1").backup.backup(tmp_path / "stick")
    assert not any((tmp_path / "stick").glob("wingdesk-backup-*"))


def test_keep_n_expires_the_oldest(wing, tmp_path):
    names = [_backup(wing, tmp_path / "stick", keep=2).folder for _ in range(3)]
    left = [str(p) for p in backup_files.complete_backups(tmp_path / "stick")]
    assert left == names[1:]


def test_restore_brings_back_the_older_wing_and_is_audited(wing, login, tmp_path):
    _observe(login("off1"), "before the backup")
    before = _record_ids(wing)
    _backup(wing, tmp_path / "stick")
    _observe(login("off1"), "after the backup")
    assert len(_record_ids(wing)) == len(before) + 1
    result = wing.restore(str(tmp_path / "stick"), "sup", SUP_PW)
    assert result.replaced_folder and (wing.directory / result.replaced_folder / "wing.db").exists()
    assert _record_ids(wing) == before
    gov = wing.sign_in("gov", ACCOUNTS["gov"][2])
    try:
        assert gov.audit.verify_chain().intact
        assert "wing_restored" in [e.action for e in gov.audit.page()]
    finally:
        gov.lock()


def test_restore_onto_a_new_pc(wing, tmp_path):
    _backup(wing, tmp_path / "stick")
    fresh = LocalWing(tmp_path / "new-pc", kdf=floor_params())
    assert not fresh.exists()
    result = fresh.restore(str(tmp_path / "stick"), "admin", ADMIN_PW)
    assert result.replaced_folder == "" and fresh.exists()
    assert _record_ids(fresh) == _record_ids(wing)


def test_restore_needs_a_supervisor_or_admin(wing, tmp_path):
    _backup(wing, tmp_path / "stick")
    with pytest.raises(AccessDenied):
        wing.restore(str(tmp_path / "stick"), "off1", ACCOUNTS["off1"][2])
    with pytest.raises(AuthError):
        wing.restore(str(tmp_path / "stick"), "sup", "not the supervisor passphrase")
    assert not (wing.directory / ".restore.part").exists()


def _copy_of_backup(tmp_path, wing):
    _backup(wing, tmp_path / "stick")
    return backup_files.complete_backups(tmp_path / "stick")[-1]


def _unchanged(wing, before):
    assert _record_ids(wing) == before and not (wing.directory / ".restore.part").exists()
    assert not list(wing.directory.glob("replaced-*"))


def test_corrupt_backup_is_refused_in_one_sentence(wing, tmp_path):
    folder = _copy_of_backup(tmp_path, wing)
    before = _record_ids(wing)
    data = bytearray((folder / "wing.db").read_bytes())
    data[5000] ^= 0x01
    (folder / "wing.db").write_bytes(bytes(data))
    with pytest.raises(StoreError) as caught:
        wing.restore(str(folder), "sup", SUP_PW)
    assert caught.value.code == "backup_damaged"
    assert describe(caught.value).count(".") == 1
    _unchanged(wing, before)


def test_manifest_edited_to_match_a_changed_file_is_refused(wing, tmp_path):
    """The hashes are made to match the tampered file: the signature no longer does."""
    folder = _copy_of_backup(tmp_path, wing)
    before = _record_ids(wing)
    doc = json.loads((folder / "manifest.json").read_text())
    (folder / "slots.json").write_bytes((folder / "slots.json").read_bytes() + b" ")
    doc["manifest"]["files"]["slots.json"] = backup_files.file_digest(folder / "slots.json")
    (folder / "manifest.json").write_text(json.dumps(doc))
    with pytest.raises(StoreError) as caught:
        wing.restore(str(folder), "sup", SUP_PW)
    assert caught.value.code == "backup_forged"
    _unchanged(wing, before)


def test_backup_of_another_wing_is_refused(wing, tmp_path):
    """A whole wing made elsewhere verifies under its own keys (its administrator signed it): it must still never
    replace this wing. Its manifest put over our files fails their hashes."""
    other = LocalWing(tmp_path / "other", kdf=floor_params())
    other.create("B-Wing", "Test Prison", "admin", "Ada Admin", ADMIN_PW)
    session = other.sign_in("admin", ADMIN_PW)
    try:
        session.backup.backup(tmp_path / "other-stick")
    finally:
        session.lock()
    before = _record_ids(wing)
    with pytest.raises(StoreError) as caught:
        wing.restore(str(tmp_path / "other-stick"), "admin", ADMIN_PW)
    assert caught.value.code == "backup_other_wing"
    _unchanged(wing, before)
    mine = _copy_of_backup(tmp_path, wing)
    theirs = backup_files.complete_backups(tmp_path / "other-stick")[-1]
    shutil.copy(theirs / "manifest.json", mine / "manifest.json")
    with pytest.raises(StoreError) as caught:
        wing.restore(str(mine), "sup", SUP_PW)
    assert caught.value.code in ("backup_damaged", "backup_other_wing")
    _unchanged(wing, before)


def test_backup_during_writes_is_consistent(wing, tmp_path):
    """An officer keeps writing while the backup runs; the copy is one snapshot: its counts, chain and head
    agree with each other (checked by the backup itself and again at restore)."""
    off = wing.sign_in("off1", ACCOUNTS["off1"][2])
    sup = wing.sign_in("sup", SUP_PW)
    stop = threading.Event()
    written = []

    def keep_writing():
        while not stop.is_set():
            written.append(_observe(off, f"entry {len(written)}").id)

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        results = [sup.backup.backup(tmp_path / "stick", keep=10) for _ in range(3)]
    finally:
        stop.set()
        writer.join()
        sup.lock()
        off.lock()
    assert len(written) > 3
    restored = LocalWing(tmp_path / "new-pc", kdf=floor_params())
    restored.restore(results[-1].folder, "sup", SUP_PW)
    ids = _record_ids(restored)
    assert len(ids) == results[-1].counts["records"]


def test_the_check_finds_a_byte_the_stick_got_wrong(wing, tmp_path):
    """What the check before publishing is for: one flipped byte anywhere in the copy fails it."""
    result = _backup(wing, tmp_path / "stick")
    folder = tmp_path / "stick" / result.folder.rsplit("/", 1)[-1]
    body, _signature = backup_files.read_manifest(folder)
    session = wing.sign_in("sup", SUP_PW)
    key = bytearray(session.ctx.vault._secrets.dek)
    session.lock()
    backup_files.check_copy(folder / "wing.db", key, body)  # the copy as written passes
    size = (folder / "wing.db").stat().st_size
    for offset in (100, size // 2, size - 10):
        bad = tmp_path / f"bad-{offset}.db"
        data = bytearray((folder / "wing.db").read_bytes())
        data[offset] ^= 0x40
        bad.write_bytes(bytes(data))
        with pytest.raises(StoreError) as caught:
            backup_files.check_copy(bad, key, body)
        assert caught.value.code == "backup_check_failed"
