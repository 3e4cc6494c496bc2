"""Bundles on a stick: safe writes (.part, fsync, rename, read-back), safe listing and capped reads."""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

from wingdesk.config.files import fsync_dir
from wingdesk.sync.errors import BundleTooLarge, UnsafeWrite
from wingdesk.sync.header import MAX_BUNDLE_LEN, MAX_HEADER_LEN, is_uuid, parse_header_bytes, split_frame

SUFFIX = ".wdb"
PART_SUFFIX = ".wdb.part"
ROOT_DIR = "WINGDESK"
MAX_FILE_LEN = MAX_BUNDLE_LEN + MAX_HEADER_LEN + 1024


def outbox_dir(stick_root: Path) -> Path:
    """`WINGDESK/outbox` on the stick: wing→HQ bundles."""
    return Path(stick_root) / ROOT_DIR / "outbox"


def inbox_dir(stick_root: Path, device_id: str) -> Path:
    """`WINGDESK/inbox/<device_id>` on the stick: HQ→wing bundles (device_id is a checked UUID)."""
    if not is_uuid(device_id):
        raise UnsafeWrite("device_id")
    return Path(stick_root) / ROOT_DIR / "inbox" / device_id


def bundle_file_name(data: bytes) -> str:
    """`<bundle_id>.wdb`, the id taken from the bundle's own header (never from user input)."""
    return parse_header_bytes(split_frame(data).header_bytes).bundle_id + SUFFIX



def write_bundle(directory: Path, data: bytes, root: Path | None = None) -> Path:
    """Write to `.part`, fsync, rename, fsync the directory, then read back and compare the hash.

    Only when this returns may the UI say "safe to remove". An existing file with the same name
    and bytes is left as is (a re-export copies identical bytes); different bytes are refused.
    `root`: the stick's folder, which must exist: only the folders below it are created (a pulled stick's
    path is never recreated on the PC's own disk).
    """
    directory = Path(directory)
    final = directory / bundle_file_name(data)
    part = final.with_name(final.name[: -len(SUFFIX)] + PART_SUFFIX)
    digest = hashlib.sha256(data).hexdigest()
    try:
        _make_folders(directory, root)
        if final.exists():
            if file_sha256(final) != digest:
                raise UnsafeWrite("exists")
            fsync_dir(directory)  # an export killed before its own directory fsync may have left this name
            return final
        with contextlib.suppress(FileNotFoundError):
            part.unlink()
        fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(part, final)
        fsync_dir(directory)
    except OSError:
        with contextlib.suppress(OSError):
            part.unlink()
        raise UnsafeWrite("write") from None
    if file_sha256(final) != digest:
        raise UnsafeWrite("read_back")
    return final


def _make_folders(directory: Path, root: Path | None) -> None:
    """Create the missing folders, each made durable in its parent: a folder's name, like a file's, is only
    kept through a power cut once its parent directory is fsync'd (tests/integration/test_power_cut.py)."""
    if root is None:
        for folder in reversed([directory, *directory.parents]):
            _make_folder(folder)
        return
    root = Path(root)
    if not root.is_dir():
        raise UnsafeWrite("stick_missing")
    below = directory.relative_to(root).parts
    for depth in range(1, len(below) + 1):
        _make_folder(root.joinpath(*below[:depth]))  # from below the root: the root is never recreated


def _make_folder(folder: Path) -> None:
    if folder.is_dir():
        return
    folder.mkdir(exist_ok=True)
    fsync_dir(folder.parent)


def file_sha256(path: Path) -> str:
    hasher = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            hasher.update(chunk)
    return hasher.hexdigest()


def cleanup_partials(directory: Path) -> int:
    """Remove `.part` files a pulled stick or crash left behind; returns how many."""
    removed = 0
    directory = Path(directory)
    if not directory.is_dir():
        return 0
    with os.scandir(directory) as entries:
        for entry in entries:
            if entry.name.lower().endswith(PART_SUFFIX) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed += 1
    return removed


def list_bundles(directory: Path) -> list[Path]:
    """Regular `*.wdb` files directly in `directory`, sorted; dirs, links and strays are skipped."""
    directory = Path(directory)
    if not directory.is_dir():
        return []
    found = []
    with os.scandir(directory) as entries:
        for entry in entries:
            if entry.name.lower().endswith(SUFFIX) and entry.is_file(follow_symlinks=False):
                found.append(Path(entry.path))
    return sorted(found)


def read_bundle_file(path: Path, max_len: int = MAX_FILE_LEN) -> bytes:
    """Read a file, refusing anything over `max_len` before reading it all."""
    with open(path, "rb") as handle:
        if os.fstat(handle.fileno()).st_size > max_len:
            raise BundleTooLarge("file")
        data = handle.read(max_len + 1)
    if len(data) > max_len:
        raise BundleTooLarge("file")
    return data
