"""The USB sticks (and other writable volumes) a bundle can be written to or read from."""

from __future__ import annotations

from PySide6.QtCore import QStorageInfo


def removable_volumes() -> list[tuple[str, str]]:
    """(label, root path) of mounted, writable volumes other than the system's root."""
    found = []
    for volume in QStorageInfo.mountedVolumes():
        root = volume.rootPath()
        if not volume.isValid() or not volume.isReady() or volume.isReadOnly() or volume.isRoot():
            continue
        if root.startswith(("/proc", "/sys", "/dev", "/run", "/boot", "/snap")):
            continue
        name = volume.displayName() or root
        found.append((f"{name} ({root})" if name != root else root, root))
    return found
