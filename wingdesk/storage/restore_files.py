"""Restoring a backup into a data folder: copy and hash-check it into `.restore.part`, and, once the restore is
verified and recorded there (services.backup), swap it in with a journal that a crash cannot leave half-done.

The wing that was there is not deleted: its files move to `replaced-<UTC time>/` in the data folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from wingdesk.config.files import fsync_dir
from wingdesk.crypto.keyslots import SlotFile
from wingdesk.domain.errors import StoreError
from wingdesk.storage import backup_files as files

STAGING = ".restore.part"
READY, ASIDE = "READY", "ASIDE"
GUI_LOCK = ".wingdesk-gui.lock"  # gui.application's QLockFile: the app has this wing open
# wing.db last: until it is in place the folder holds no wing that opens with the new files
SWAPPED = ("wing.db-wal", "wing.db-shm", "slots.next.json", "logins.json", "slots.json", "wing.db")
_CHUNK = 1024 * 1024


def app_running(directory: Path) -> bool:
    """Is the desktop app open on this data folder (its lock file names a live process)?"""
    try:
        pid = int((directory / GUI_LOCK).read_text("ascii").split()[0])
    except (OSError, ValueError, IndexError):
        return False
    if os.name != "posix":
        return True  # no cheap liveness test: a stale lock file is removed by the app's next start
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stage(backup: Path, directory: Path) -> tuple[dict[str, Any], bytes, Path]:
    """Copy the backup's files into the staging folder, each checked against the manifest's SHA-256 and size."""
    finish(directory)  # a swap a crash cut short is completed, never thrown away
    folder = files.find_backup(Path(backup))
    body, signature = files.read_manifest(folder)
    names = set(body["files"])
    if not {"wing.db", "slots.json"} <= names:
        raise StoreError("backup_damaged")
    live = directory / "slots.json"
    if live.exists() and body.get("db_uuid") != SlotFile.load(live).db_uuid:
        raise StoreError("backup_other_wing")  # never another wing over this one (its own keys would sign it)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    staging = directory / STAGING
    shutil.rmtree(staging, ignore_errors=True)
    try:
        staging.mkdir(mode=0o700)
        for name in sorted(names):
            if _copy_hashed(folder / name, staging / name) != body["files"][name]:
                raise StoreError("backup_damaged")
        fsync_dir(staging)
    except FileNotFoundError:
        discard(directory)
        raise StoreError("backup_damaged") from None
    except OSError as error:
        discard(directory)
        raise StoreError.from_failed_write(error) from None
    except BaseException:
        discard(directory)
        raise
    return body, signature, staging


def _copy_hashed(source: Path, target: Path) -> dict[str, Any]:
    digest, size = hashlib.sha256(), 0
    with open(source, "rb") as src, open(target, "xb") as dst:
        while chunk := src.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
            dst.write(chunk)
        dst.flush()
        os.fsync(dst.fileno())
    return {"sha256": digest.hexdigest(), "size": size}


def discard(directory: Path) -> None:
    shutil.rmtree(directory / STAGING, ignore_errors=True)


def swap_in(directory: Path) -> str:
    """Journal the swap (READY names the folder the replaced files go to), then do it; returns that folder's name,
    or "" when the data folder held no wing."""
    staging = directory / STAGING
    had_wing = (directory / "wing.db").exists()
    aside = "replaced-" + datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (staging / READY).write_text(aside, "ascii")
    files.fsync_file(staging / READY)
    fsync_dir(staging)
    finish(directory)
    return aside if had_wing else ""


def finish(directory: Path) -> bool:
    """Complete a journalled swap (after a crash too; run before the wing is opened). True if there was one."""
    staging = directory / STAGING
    if not (staging / READY).exists():
        return False
    if not (staging / ASIDE).exists():
        aside = directory / (staging / READY).read_text("ascii").strip()
        aside.mkdir(mode=0o700, exist_ok=True)
        for name in SWAPPED:
            if (directory / name).exists():
                os.replace(directory / name, aside / name)
        fsync_dir(aside)
        fsync_dir(directory)
        (staging / ASIDE).write_text("1", "ascii")
        fsync_dir(staging)
    for name in SWAPPED:
        if (staging / name).exists():
            os.replace(staging / name, directory / name)
    fsync_dir(directory)
    with contextlib.suppress(OSError):
        shutil.rmtree(staging)
    return True
