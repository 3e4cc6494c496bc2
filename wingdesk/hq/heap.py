"""How the HQ server's processes use the C heap (glibc only; elsewhere these are harmless no-ops).

Every 1 MB upload is copied a few times on its way to the database, and each copy is fresh memory unless the
allocator kept what the previous upload freed. On the VMs this was measured on, a page fault costs ~5 us, so
fresh pages are a real share of an upload's CPU.
"""

from __future__ import annotations

import ctypes
import ctypes.util

_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD, _M_ARENA_MAX = -1, -3, -8  # glibc <malloc.h>
_KEEP_FREED_BYTES = 512 * 1024 * 1024
_MMAP_ABOVE_BYTES = 32 * 1024 * 1024  # glibc's ceiling for this setting on 64-bit

# What the server touches in its first burst of 50 concurrent 1 MB uploads: ~42,000 page faults (~170 MB).
WARM_HEAP_BYTES = 192 * 1024 * 1024
_WARM_BLOCK = 1024 * 1024  # well under the mmap threshold, so the blocks come from (and go back to) the heap


def retain_freed_memory() -> bool:
    """Keep freed memory in the process for the next bundle instead of handing it back to the OS, in one arena.

    Each bundle allocates and frees ~8 MB; by default glibc returns blocks that large to the kernel at once, and
    touching fresh pages again costs a page fault each — measured in a reader process, 2,150 faults and about
    a fifth of its CPU per 1 MB bundle. One arena: memory one thread freed (or `warm_heap` touched) serves the
    next allocation of any thread, instead of each thread growing an arena of its own; Python threads take the
    interpreter lock to allocate anyway. The cost is a process that keeps its peak heap. Returns whether the
    settings took (False off glibc).
    """
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    settings = ((_M_MMAP_THRESHOLD, _MMAP_ABOVE_BYTES), (_M_TRIM_THRESHOLD, _KEEP_FREED_BYTES), (_M_ARENA_MAX, 1))
    took = [bool(mallopt(option, value)) for option, value in settings]  # each one tried, whatever the others do
    return all(took)


def warm_heap(total: int = WARM_HEAP_BYTES) -> None:
    """Touch `total` bytes of heap once and free them, so they stay (see `retain_freed_memory`, called first).

    For the first burst after the server starts, which is when every wing that queued bundles while HQ was down
    uploads at once: without it that burst paid ~42,000 page faults; with it ~1,800 (0.13 s spent at start).
    """
    blocks = [bytearray(_WARM_BLOCK) for _ in range(total // _WARM_BLOCK)]  # bytearray(n) writes n zero bytes
    del blocks
