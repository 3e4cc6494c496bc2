"""A damaged database file: found at sign-in, said in one line with what to do, never a traceback (item 7)."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.integration.conftest import ACCOUNTS, ADMIN_PW
from wingdesk.domain.errors import StoreError
from wingdesk.i18n.messages import describe

ROOT = Path(__file__).resolve().parents[2]


def flip(path, offset):
    with open(path, "r+b") as handle:
        handle.seek(offset)
        byte = handle.read(1)
        handle.seek(offset)
        handle.write(bytes([byte[0] ^ 0x5A]))


def mid_file_offset(path):
    pages = path.stat().st_size // 4096
    return (pages // 2) * 4096 + 1500  # inside a page's encrypted body, well away from page 1


@pytest.fixture
def closed_wing(wing):
    db = wing.directory / "wing.db"
    assert not (wing.directory / "wing.db-wal").exists() or (wing.directory / "wing.db-wal").stat().st_size == 0
    assert db.stat().st_size // 4096 >= 8
    return wing


@pytest.mark.parametrize("where", ["page 2 (offset 4096)", "mid-file"])
def test_a_flipped_byte_is_found_at_sign_in(closed_wing, where):
    db = closed_wing.directory / "wing.db"
    flip(db, 4096 if where.startswith("page 2") else mid_file_offset(db))
    with pytest.raises(StoreError) as info:
        closed_wing.sign_in("off1", ACCOUNTS["off1"][2])
    assert info.value.code == "database_damaged"
    message = describe(info.value)
    assert "backup" in message and "\n" not in message


def test_cli_says_it_in_one_line(closed_wing):
    db = closed_wing.directory / "wing.db"
    flip(db, 4096)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "wingdesk", "--data", str(closed_wing.directory), "--user", "admin",
                             "--password-stdin", "user", "list"], input=ADMIN_PW + "\n", capture_output=True,
                            text=True, env=env, timeout=120)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stderr.strip().count("\n") == 0
    assert "backup" in result.stderr


def test_damage_is_not_counted_as_a_wrong_password(closed_wing):
    flip(closed_wing.directory / "wing.db", 4096)
    with pytest.raises(StoreError):
        closed_wing.sign_in("off1", ACCOUNTS["off1"][2])
    from wingdesk.storage.vault import WingVault

    assert WingVault(closed_wing.directory).failures("off1")[0] == 0


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_existing_wing_folder_and_files_are_made_private_at_open(closed_wing):
    folder = closed_wing.directory
    os.chmod(folder, 0o755)
    for name in ("wing.db", "slots.json", "logins.json"):
        os.chmod(folder / name, 0o644)
    closed_wing.sign_in("off1", ACCOUNTS["off1"][2]).lock()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for child in folder.iterdir():
        assert stat.S_IMODE(child.stat().st_mode) & 0o077 == 0, child.name


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_a_new_wing_folder_is_private(tmp_path):
    from wingdesk.crypto.kdf import floor_params
    from wingdesk.storage.backend import LocalWing

    folder = tmp_path / "new"
    old = os.umask(0o022)
    try:
        LocalWing(folder, kdf=floor_params()).create("N-Wing", "Test Prison", "admin", "Ada Admin", ADMIN_PW)
    finally:
        os.umask(old)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for child in folder.iterdir():
        assert stat.S_IMODE(child.stat().st_mode) & 0o077 == 0, child.name


@pytest.fixture
def large_wing_mode(closed_wing, monkeypatch):
    """As on a wing too large to read whole at open: roots now, every page in the background."""
    monkeypatch.setattr("wingdesk.storage.database.FULL_CHECK_MAX_PAGES", 0)
    return closed_wing


def test_large_wing_page_2_is_found_at_open(large_wing_mode):
    flip(large_wing_mode.directory / "wing.db", 4096)
    with pytest.raises(StoreError) as info:
        large_wing_mode.sign_in("off1", ACCOUNTS["off1"][2])
    assert info.value.code == "database_damaged"


def test_large_wing_mid_file_damage_stops_queries_once_the_background_check_finds_it(large_wing_mode):
    from wingdesk.storage.database import open_database
    from wingdesk.storage.repository import SqlRepository

    session = large_wing_mode.sign_in("off1", ACCOUNTS["off1"][2])
    dek = bytearray(session.ctx.vault._secrets.dek)
    session.lock()
    db_path = large_wing_mode.directory / "wing.db"
    original = db_path.read_bytes()
    pages = len(original) // 4096
    for page in [pages // 2 + i for i in range(pages // 2)] + list(range(2, pages // 2)):
        db_path.write_bytes(original)
        flip(db_path, page * 4096 + 1500)
        try:
            database = open_database(db_path, dek)
            break  # a page the quick part at open does not read: the background check must find it
        except StoreError as error:
            assert error.code == "database_damaged"
    else:
        pytest.fail("every page is read at open")
    try:
        assert database.checked.wait(30) and database.damaged
        with pytest.raises(StoreError) as info:
            SqlRepository(database).get_meta("wing")
        assert info.value.code == "database_damaged"
    finally:
        database.close()


def test_large_wing_undamaged_background_check_finds_nothing(large_wing_mode):
    session = large_wing_mode.sign_in("off1", ACCOUNTS["off1"][2])
    assert session.ctx.repo.db.checked.wait(30) and not session.ctx.repo.db.damaged
    session.lock()
