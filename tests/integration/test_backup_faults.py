"""Security test 4 for backups: an I/O fault after N bytes, for N across the whole backup, leaves an error, no
partial backup that looks complete, the previous backup intact, and the live database unchanged."""

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.integration.conftest import ACCOUNTS
from wingdesk.domain.errors import StoreError
from wingdesk.storage import backup_files

ROOT = Path(__file__).resolve().parents[2]
SUP = ("sup", ACCOUNTS["sup"][2])


def _live_state(wing):
    session = wing.sign_in(*SUP)
    try:
        conn = session.ctx.repo.conn
        records = sorted(row[0] for row in conn.execute("SELECT id, content_sha256 FROM records"))
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        cipher = conn.execute("PRAGMA cipher_integrity_check").fetchall()
    finally:
        session.lock()
    gov = wing.sign_in("gov", ACCOUNTS["gov"][2])
    try:
        chain = gov.audit.verify_chain().intact
    finally:
        gov.lock()
    return records, integrity, cipher, chain


def _intact(folder: Path) -> bool:
    body, _signature = backup_files.read_manifest(folder)
    return all(backup_files.file_digest(folder / name) == item for name, item in body["files"].items())


def _run(wing, dest, limit):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "tests.integration.backup_fault_child", str(wing.directory), *SUP,
                           str(dest), str(limit)], capture_output=True, text=True, env=env, timeout=120, cwd=ROOT)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    return done.stdout.split()


def _baseline(wing, dest):
    session = wing.sign_in(*SUP)
    try:
        return Path(session.backup.backup(dest).folder)
    finally:
        session.lock()


def _only_baseline(dest, baseline):
    """No folder that looks like a complete backup but the earlier one, which still matches its manifest."""
    assert backup_files.complete_backups(dest) == [baseline] and _intact(baseline)
    leftovers = [p.name for p in dest.iterdir() if p != baseline]
    assert all(name.startswith(".wingdesk-backup-") and name.endswith(".part") for name in leftovers)


def test_fault_in_the_database_export_after_n_bytes(wing, tmp_path):
    """SQLite's own writes of the exported copy fail past N bytes (RLIMIT_FSIZE in a child process), for N
    spread over the whole file; the child's live database is written too (audit entries) and must stay sound."""
    dest = tmp_path / "stick"
    baseline = _baseline(wing, dest)
    before = _live_state(wing)
    db_size = (baseline / "wing.db").stat().st_size
    limits = sorted({0, 1, 4095, 4097, *range(8192, db_size, max(4096, db_size // 12 // 4096 * 4096)), db_size - 1})
    for limit in limits:
        outcome = _run(wing, dest, limit)
        assert outcome[0] == "error" and outcome[1] in ("disk_full", "disk_error", "backup_check_failed"), outcome
        _only_baseline(dest, baseline)
        assert _live_state(wing) == before
    assert _run(wing, dest, 10 * db_size)[0] == "ok"  # with room to write, the next backup completes
    assert not [p for p in dest.iterdir() if p.name.endswith(".part")]  # and clears what the failures left
    assert len(backup_files.complete_backups(dest)) == 2


def test_fault_in_the_side_files_and_manifest_after_every_n_bytes(wing, tmp_path, monkeypatch):
    """The files WingDesk writes itself (slot file, login counters, manifest) through a file that fails with
    ENOSPC after N bytes in all, N every 256 bytes up to their whole size."""
    dest = tmp_path / "stick"
    baseline = _baseline(wing, dest)
    before = _live_state(wing)
    total = sum((baseline / name).stat().st_size for name in ("slots.json", "logins.json", "manifest.json"))
    real_write = backup_files.write_file
    session = wing.sign_in(*SUP)
    try:
        for budget in range(0, total, 256):
            left = [budget]

            def failing_write(path, data, left=left):
                if len(data) > left[0]:
                    with open(path, "xb") as handle:
                        handle.write(data[:left[0]])
                    left[0] = 0
                    raise OSError(errno.ENOSPC, "No space left on device")
                left[0] -= len(data)
                real_write(path, data)

            monkeypatch.setattr(backup_files, "write_file", failing_write)
            with pytest.raises(StoreError) as caught:
                session.backup.backup(dest)
            assert caught.value.code == "disk_full"
            _only_baseline(dest, baseline)
        monkeypatch.setattr(backup_files, "write_file", real_write)
        assert session.backup.backup(dest).folder
    finally:
        session.lock()
    assert _live_state(wing) == before
    assert len(backup_files.complete_backups(dest)) == 2
