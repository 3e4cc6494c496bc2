"""A transfer package on its own file, for a USB stick (issue 19 item 1, "or on its own file by USB").

Written as the bundles are (`sync.usb.write_bundle`): to `<name>.part` beside it, fsync, rename, fsync the folder,
then read back and compared with the package's hash. A full or pulled stick leaves at most a `.part` file, never a
file of the final name that looks complete; the folder must already be there (a pulled stick's mount point is not
recreated on the PC's own disk), and a different file of the same name is never replaced. Reading is capped at the
largest package before anything is read. Errors are SyncFailed with a code the messages turn into one sentence.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

from wingdesk.config.files import fsync_dir
from wingdesk.domain.transfer import FILE_SUFFIX, MAX_ENVELOPE
from wingdesk.services.sync_types import SyncFailed

PART_SUFFIX = ".part"



def _sha256_of(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read(MAX_ENVELOPE + 1)).hexdigest()


def write_package(path: str | Path, data: bytes) -> Path:
    """Write `data` to `path` safely; returns the path once the file is complete and read back. The same bytes
    already there are left as they are (saving again is harmless); SyncFailed("transfer_file_exists") for another
    file of that name, ("transfer_file_unsafe") when the folder is gone or writing or the read-back failed (the stick
    is full or was pulled): then no file of that name was left by this call."""
    final = Path(path)
    directory = final.parent
    part = final.with_name(final.name + PART_SUFFIX)
    digest = hashlib.sha256(data).hexdigest()
    if not directory.is_dir():
        raise SyncFailed("transfer_file_unsafe")
    try:
        if final.exists():
            if not final.is_file() or _sha256_of(final) != digest:
                raise SyncFailed("transfer_file_exists")
            return final
        with contextlib.suppress(FileNotFoundError):
            part.unlink()  # what a pulled stick left last time
        fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if final.exists():  # someone wrote that name meanwhile: theirs stays
            raise SyncFailed("transfer_file_exists")
        os.replace(part, final)
        fsync_dir(directory)
        if _sha256_of(final) != digest:
            final.unlink()
            fsync_dir(directory)
            raise SyncFailed("transfer_file_unsafe")
    except OSError:
        with contextlib.suppress(OSError):
            part.unlink()
        raise SyncFailed("transfer_file_unsafe") from None
    finally:
        with contextlib.suppress(OSError):
            part.unlink()
    return final


def read_package(path: str | Path) -> bytes:
    """The file's bytes, refused unread when larger than any package: SyncFailed("transfer_file_unreadable") for a
    file that cannot be read, ValidationError("transfer_malformed") (from the parser) for what is not a package."""
    try:
        with open(path, "rb") as handle:
            if os.fstat(handle.fileno()).st_size > MAX_ENVELOPE:
                raise SyncFailed("transfer_file_too_large")
            data = handle.read(MAX_ENVELOPE + 1)
    except OSError:
        raise SyncFailed("transfer_file_unreadable") from None
    if len(data) > MAX_ENVELOPE:
        raise SyncFailed("transfer_file_too_large")
    return data


def default_name(stamp: str) -> str:
    """A file name that says what the file is and names nobody (a stick can be lost): `wingdesk-transfer-<stamp>`."""
    return f"wingdesk-transfer-{stamp}{FILE_SUFFIX}"
