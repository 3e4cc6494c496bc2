"""A FUSE file system whose unsynced writes live only in this process: the power cut made real.

    python -m tests.powercut.volatile_fs IMAGE MOUNTPOINT --mode drop|tear --seed N

Loads the real directory IMAGE (the disk), mounts it at MOUNTPOINT, and serves every read and write from
`VolatileTree` (a per-file page cache that only fsync empties onto the durable copy). Processes on the mount
really read their own unsynced writes back, so the writer under test runs unchanged. When the mount goes
away (`umount MOUNTPOINT`, or SIGTERM), the durable tree — and nothing else — replaces IMAGE: the disk as the
PC finds it after the power came back. Kernel write-back caching stays off (libfuse's default), so every
write() reaches this process before the syscall returns; mmap'd pages (SQLite's -shm index) may not, and
need not: SQLite rebuilds that index after a crash.
"""

from __future__ import annotations

import argparse
import errno
import os
import random
import shutil
import stat
from pathlib import Path

import mfusepy

from tests.powercut.volatile_state import Node, VolatileTree, write_image


class VolatileOps(mfusepy.Operations):
    use_ns = True

    def __init__(self, tree: VolatileTree) -> None:
        self.tree = tree
        self.handles: dict[int, Node] = {}  # open files keep their inode after unlink or rename
        self.next_fh = 1

    def _node(self, path: str, fh: int | None = None) -> Node:
        try:
            return self.handles[fh] if fh else self.tree.lookup(path)
        except KeyError:
            raise mfusepy.FuseOSError(errno.EBADF) from None

    def _handle(self, node: Node) -> int:
        fh, self.next_fh = self.next_fh, self.next_fh + 1
        self.handles[fh] = node
        return fh

    # -- metadata --------------------------------------------------------------------------------------
    def getattr(self, path, fh=None):
        node = self._node(path, fh)
        kind = stat.S_IFDIR if node.is_dir else stat.S_IFREG
        return {"st_mode": kind | node.mode, "st_nlink": 2 if node.is_dir else 1, "st_size": len(node.data),
                "st_ino": node.ino, "st_uid": os.getuid(), "st_gid": os.getgid(), "st_blocks": len(node.data) // 512,
                "st_mtime": node.mtime, "st_ctime": node.mtime, "st_atime": node.mtime}

    def readdir(self, path, fh):
        return [".", "..", *self._node(path, fh).entries]

    def opendir(self, path):
        return self._handle(self._node(path))

    def releasedir(self, path, fh):
        self.handles.pop(fh, None)
        return 0

    def chmod(self, path, mode):
        self._node(path).mode = mode & 0o7777
        return 0

    def chown(self, path, uid, gid):
        return 0

    def utimens(self, path, times=None):
        return 0

    def access(self, path, amode):
        self._node(path)
        return 0

    def statfs(self, path):
        return {"f_bsize": 4096, "f_frsize": 4096, "f_blocks": 1 << 20, "f_bfree": 1 << 19, "f_bavail": 1 << 19,
                "f_files": 1 << 16, "f_ffree": 1 << 15, "f_namemax": 255}

    # -- names -----------------------------------------------------------------------------------------
    def mkdir(self, path, mode):
        self.tree.create(path, mode, is_dir=True)
        return 0

    def rmdir(self, path):
        self.tree.remove(path, want_dir=True)
        return 0

    def unlink(self, path):
        self.tree.remove(path, want_dir=False)
        return 0

    def rename(self, old, new):
        self.tree.rename(old, new)
        return 0

    def create(self, path, mode, fi=None):
        return self._handle(self.tree.create(path, mode))

    # -- data ------------------------------------------------------------------------------------------
    def open(self, path, flags):
        node = self._node(path)
        if flags & os.O_TRUNC:
            self.tree.truncate(node, 0)
        return self._handle(node)

    def read(self, path, size, offset, fh):
        return bytes(self._node(path, fh).data[offset:offset + size])

    def write(self, path, data, offset, fh):
        return self.tree.write(self._node(path, fh), offset, data)

    def truncate(self, path, length, fh=None):
        self.tree.truncate(self._node(path, fh), length)
        return 0

    def fsync(self, path, datasync, fh):
        self.tree.fsync(self._node(path, fh))
        return 0

    def fsyncdir(self, path, datasync, fh):
        self.tree.fsync(self._node(path, fh))
        return 0

    def flush(self, path, fh):
        return 0  # close() is no sync: exactly the point

    def release(self, path, fh):
        self.handles.pop(fh, None)
        return 0


def serve(image: Path, mountpoint: Path, mode: str, seed: int) -> None:
    tree = VolatileTree.load(image)
    try:
        mfusepy.FUSE(VolatileOps(tree), str(mountpoint), foreground=True, nothreads=True, hard_remove=True,
                     fsname="volatilefs")
    finally:  # the mount is gone: whatever was only in this process is lost now
        fresh = image.with_name(image.name + ".cut")
        shutil.rmtree(fresh, ignore_errors=True)
        write_image(tree.cut(mode, random.Random(seed)), fresh)
        shutil.rmtree(image)
        fresh.rename(image)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("image", type=Path)
    parser.add_argument("mountpoint", type=Path)
    parser.add_argument("--mode", choices=["drop", "tear"], default="drop")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    serve(args.image, args.mountpoint, args.mode, args.seed)


if __name__ == "__main__":
    main()
