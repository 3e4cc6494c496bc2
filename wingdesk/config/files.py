"""Crash-safe file replacement: temp file, fsync, os.replace, directory fsync."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def fsync_dir(directory: Path) -> None:
    if os.name == "nt":
        return  # Windows has no directory handles to fsync; NTFS journals the rename
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_private(directory: Path) -> None:
    """POSIX: the data folder 0700 and the files in it 0600 (older wings were created 0755/0644). On Windows the
    installer's ACL on the data folder does this (installer/wingdesk.iss); modes mean nothing there."""
    if os.name != "posix":
        return
    directory = Path(directory)
    if directory.stat().st_mode & 0o777 != 0o700:
        os.chmod(directory, 0o700)
    for child in directory.iterdir():
        with contextlib.suppress(OSError):  # a file another process just replaced: fixed at the next open
            if child.is_file() and not child.is_symlink() and child.stat().st_mode & 0o077:
                os.chmod(child, child.stat().st_mode & 0o700)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new file, never neither."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
