"""Making a backup of the open wing (services.ports.BackupPort): stage a checked copy, then publish it signed.

The live database is only read, on a connection of its own: a failure at any point (disk full, stick pulled, a
check that does not pass) leaves the live wing as it was and no folder that looks like a complete backup.
"""

from __future__ import annotations

import contextlib
import shutil
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from wingdesk.domain.errors import StoreError
from wingdesk.services.backup_types import StagedCopy
from wingdesk.services.progress import Progress
from wingdesk.storage import backup_files as files
from wingdesk.storage.database import Database

DB_FILE, SLOT_FILE, THROTTLE_FILE = "wing.db", "slots.json", "logins.json"  # as storage.vault names them
STEPS = 4  # export, side files, check, publish: what `progress` counts


@dataclass
class StagedBackup:
    """A checked copy under its `.part` name, and the manifest body the signing user signs."""

    part: Path
    final: Path
    body: dict[str, Any] = field(default_factory=dict)


def _step(progress: Progress, done: int) -> None:
    if progress is not None:
        progress(done, STEPS)  # may raise Cancelled: the caller then discards the staged copy


def _ticker(progress: Progress, done: int) -> files.Tick:
    return None if progress is None else (lambda: progress(done, STEPS))


class WingBackups:
    def __init__(self, directory: Path, db: Database, key: bytearray) -> None:
        self.dir, self.db, self.key = Path(directory), db, key

    def stage(self, to_dir: str | Path, progress: Progress = None) -> StagedBackup:
        """Export, copy the key-slot and login files as they were at the export's snapshot, fsync, hash, check."""
        dest = Path(to_dir)
        try:
            dest.mkdir(parents=True, exist_ok=True)
            files.remove_partials(dest)
            name = _free_name(dest)
            part = dest / f".{name}{files.PART}"
            part.mkdir()
        except OSError as error:
            raise StoreError.from_failed_write(error) from None
        staged = StagedBackup(part, dest / name)
        try:
            self._fill(staged, progress)
        except BaseException:
            self.discard(staged)
            raise
        return staged

    def _fill(self, staged: StagedBackup, progress: Progress) -> None:
        side: dict[str, bytes] = {}

        def take_side_files() -> None:  # under the lock a key rotation takes: slots match the snapshot's key
            for name in (SLOT_FILE, THROTTLE_FILE):
                with contextlib.suppress(FileNotFoundError):
                    side[name] = (self.dir / name).read_bytes()

        if self.db.closed:
            raise StoreError("locked")
        facts = files.export_database(self.db.path, self.key, staged.part / DB_FILE, self.db.lock, take_side_files,
                                      _ticker(progress, 0))
        _step(progress, 1)
        try:
            for name, data in side.items():
                files.write_file(staged.part / name, data)
        except OSError as error:
            raise StoreError.from_failed_write(error) from None
        _step(progress, 2)
        files.check_copy(staged.part / DB_FILE, self.key, facts, _ticker(progress, 2))
        try:
            digests = {name: files.file_digest(staged.part / name) for name in (DB_FILE, *side)}
        except OSError as error:
            raise StoreError.from_failed_write(error) from None
        _step(progress, 3)
        staged.body = {"format": files.FORMAT, "backup_id": str(uuid.uuid4()),
                       "created_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), "files": digests, **facts}

    def publish(self, staged: StagedCopy, signature: bytes, keep: int) -> list[str]:
        """Write the signed manifest, re-read it, rename the folder into place; then expire old backups."""
        try:
            files.write_file(staged.part / files.MANIFEST, files.manifest_bytes(staged.body, signature))
            body, read_signature = files.read_manifest(staged.part)
            if body != staged.body or read_signature != signature:
                raise StoreError("backup_check_failed")
            for name, item in body["files"].items():
                if files.file_digest(staged.part / name) != item:
                    raise StoreError("backup_check_failed")
            files.publish(staged.part, staged.final)
        except OSError as error:
            self.discard(staged)
            raise StoreError.from_failed_write(error) from None
        except BaseException:
            self.discard(staged)
            raise
        try:
            return files.expire(staged.final.parent, keep)
        except OSError:
            return []  # the new backup is complete; an old one that could not go is removed next time

    def discard(self, staged: StagedCopy) -> None:
        shutil.rmtree(staged.part, ignore_errors=True)


def _free_name(dest: Path) -> str:
    base = files.PREFIX + datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    name, n = base, 1
    while (dest / name).exists() or (dest / f".{name}{files.PART}").exists():
        n += 1
        name = f"{base}-{n}"
    return name
