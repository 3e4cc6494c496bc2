"""What a disk holds after the power goes: the live tree processes see, and the durable tree fsync has made.

A file's data reaches the durable tree only through fsync/fdatasync of that file; a name (create, unlink,
rename, mkdir) only through fsync of the directory holding it (strict POSIX: fsync of a new file does not
persist its directory entry). `cut()` returns the durable tree, in one of two ways:

- "drop": everything not synced is lost (LazyFS's clear-cache fault);
- "tear": as a real disk may leave it: any subset of the unsynced 512-byte sectors of each file reached the
  platter (reordered, torn within a page, the file grown to the last sector that landed), a shrink may or
  may not have landed, and each directory kept a random prefix of its unsynced name changes (a journal
  commits them in order; a rename within one directory is one change).

Pure Python so the model itself is unit-tested without FUSE (tests/powercut/test_volatile_state.py).
"""

from __future__ import annotations

import errno
import random
import time
from pathlib import Path

PAGE = 4096
SECTOR = 512


class Node:
    """An inode: live and durable data for a file, live and durable entries for a directory."""

    def __init__(self, ino: int, is_dir: bool, mode: int, data: bytes = b"") -> None:
        self.ino, self.is_dir, self.mode = ino, is_dir, mode
        self.mtime = time.time_ns()
        self.data, self.durable = bytearray(data), bytearray(data)
        self.dirty: set[int] = set()  # pages written since the last fsync
        self.shrunk_to: int | None = None  # lowest size a truncate left since the last fsync
        self.entries: dict[str, int] = {}
        self.durable_entries: dict[str, int] = {}
        self.log: list[list[tuple[str, int | None]]] = []  # unsynced name changes, in order


def _err(code: int) -> OSError:
    return OSError(code, errno.errorcode.get(code, "error"))


class VolatileTree:
    def __init__(self) -> None:
        self.nodes: dict[int, Node] = {}
        self.next_ino = 1
        self.root = self._new(True, 0o755)

    # -- building ------------------------------------------------------------------------------------------
    def _new(self, is_dir: bool, mode: int, data: bytes = b"") -> Node:
        node = Node(self.next_ino, is_dir, mode, data)
        self.nodes[node.ino] = node
        self.next_ino += 1
        return node

    @classmethod
    def load(cls, folder: Path) -> VolatileTree:
        """A tree whose live and durable state both equal a real directory (the disk after power returns)."""
        tree = cls()

        def fill(node: Node, path: Path) -> None:
            for child in sorted(path.iterdir()):
                if child.is_dir():
                    made = tree._new(True, child.stat().st_mode & 0o7777)
                    fill(made, child)
                else:
                    made = tree._new(False, child.stat().st_mode & 0o7777, child.read_bytes())
                node.entries[child.name] = node.durable_entries[child.name] = made.ino

        fill(tree.root, Path(folder))
        return tree

    # -- lookups -------------------------------------------------------------------------------------------
    def lookup(self, path: str) -> Node:
        node = self.root
        for part in [p for p in path.split("/") if p]:
            if not node.is_dir:
                raise _err(errno.ENOTDIR)
            if part not in node.entries:
                raise _err(errno.ENOENT)
            node = self.nodes[node.entries[part]]
        return node

    def parent_of(self, path: str) -> tuple[Node, str]:
        head, _, name = path.rstrip("/").rpartition("/")
        parent = self.lookup(head or "/")
        if not parent.is_dir:
            raise _err(errno.ENOTDIR)
        return parent, name

    # -- name changes (live at once, durable at fsync of the directory) -----------------------------------
    def _change(self, parent: Node, *changes: tuple[str, int | None]) -> None:
        for name, ino in changes:
            if ino is None:
                parent.entries.pop(name, None)
            else:
                parent.entries[name] = ino
        parent.log.append(list(changes))
        parent.mtime = time.time_ns()

    def create(self, path: str, mode: int, is_dir: bool = False) -> Node:
        parent, name = self.parent_of(path)
        if name in parent.entries:
            raise _err(errno.EEXIST)
        node = self._new(is_dir, mode & 0o7777)
        self._change(parent, (name, node.ino))
        return node

    def remove(self, path: str, want_dir: bool) -> None:
        parent, name = self.parent_of(path)
        node = self.lookup(path)
        if node.is_dir != want_dir:
            raise _err(errno.EISDIR if node.is_dir else errno.ENOTDIR)
        if want_dir and node.entries:
            raise _err(errno.ENOTEMPTY)
        self._change(parent, (name, None))

    def rename(self, old: str, new: str) -> None:
        src_parent, src_name = self.parent_of(old)
        node = self.lookup(old)
        dst_parent, dst_name = self.parent_of(new)
        if dst_name in dst_parent.entries:
            target = self.nodes[dst_parent.entries[dst_name]]
            if target.is_dir != node.is_dir:
                raise _err(errno.EISDIR if target.is_dir else errno.ENOTDIR)
            if target.is_dir and target.entries:
                raise _err(errno.ENOTEMPTY)
        if src_parent is dst_parent:
            self._change(src_parent, (src_name, None), (dst_name, node.ino))
        else:  # two directories, two journals: each side lands (or not) with its own directory
            self._change(dst_parent, (dst_name, node.ino))
            self._change(src_parent, (src_name, None))

    # -- data (live at once, durable at fsync of the file) -------------------------------------------------
    def write(self, node: Node, offset: int, data: bytes) -> int:
        end = offset + len(data)
        if end > len(node.data):
            node.dirty.update(range(len(node.data) // PAGE, (offset + PAGE - 1) // PAGE + 1))  # zero gap
            node.data.extend(bytes(end - len(node.data)))
        node.data[offset:end] = data
        node.dirty.update(range(offset // PAGE, (end - 1) // PAGE + 1) if data else ())
        node.mtime = time.time_ns()
        return len(data)

    def truncate(self, node: Node, size: int) -> None:
        old = len(node.data)
        if size < old:
            del node.data[size:]
            node.shrunk_to = size if node.shrunk_to is None else min(node.shrunk_to, size)
            if size % PAGE:
                node.dirty.add(size // PAGE)
        elif size > old:
            node.data.extend(bytes(size - old))
            node.dirty.update(range(old // PAGE, (size - 1) // PAGE + 1))
        node.mtime = time.time_ns()

    def fsync(self, node: Node) -> None:
        if node.is_dir:
            node.durable_entries = dict(node.entries)
            node.log.clear()
            return
        if node.shrunk_to is not None:
            del node.durable[node.shrunk_to:]
        _resize(node.durable, len(node.data))
        for page in node.dirty:
            start = page * PAGE
            node.durable[start:start + PAGE] = node.data[start:start + PAGE]
        del node.durable[len(node.data):]
        node.dirty.clear()
        node.shrunk_to = None

    # -- the power cut -------------------------------------------------------------------------------------
    def cut(self, mode: str, rng: random.Random) -> dict[str, bytes | None]:
        """The durable tree as {relative path: bytes, or None for a directory}."""
        if mode not in ("drop", "tear"):
            raise ValueError(mode)
        out: dict[str, bytes | None] = {}

        def walk(node: Node, prefix: str) -> None:
            entries = dict(node.durable_entries)
            if mode == "tear" and node.log:
                for change in node.log[: rng.randint(0, len(node.log))]:
                    for name, ino in change:
                        if ino is None:
                            entries.pop(name, None)
                        else:
                            entries[name] = ino
            for name, ino in sorted(entries.items()):
                child, path = self.nodes[ino], prefix + name
                if child.is_dir:
                    out[path] = None
                    walk(child, path + "/")
                else:
                    out[path] = bytes(_torn(child, rng) if mode == "tear" else child.durable)

        walk(self.root, "")
        return out


def _resize(buf: bytearray, size: int) -> None:
    if len(buf) < size:
        buf.extend(bytes(size - len(buf)))


def _torn(node: Node, rng: random.Random) -> bytearray:
    """Durable data plus a random subset of the unsynced sectors (and maybe the unsynced shrink)."""
    result = bytearray(node.durable)
    if node.shrunk_to is not None and rng.random() < 0.5:
        del result[node.shrunk_to:]
    for page in sorted(node.dirty):
        choice = rng.randrange(3)  # 0: the page never left the cache, 1: all of it landed, 2: some sectors
        if choice == 0:
            continue
        for start in range(page * PAGE, (page + 1) * PAGE, SECTOR):
            end = min(start + SECTOR, len(node.data))
            if start >= end or (choice == 2 and rng.random() < 0.5):
                continue
            _resize(result, end)
            result[start:end] = node.data[start:end]
    return result


def write_image(image: dict[str, bytes | None], folder: Path) -> None:
    """Lay a cut's durable tree out as a real directory (the disk as the rebooted PC finds it)."""
    folder.mkdir(parents=True)
    for rel, data in image.items():
        target = folder / rel
        if data is None:
            target.mkdir()
        else:
            target.write_bytes(data)
