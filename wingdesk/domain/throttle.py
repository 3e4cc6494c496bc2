"""Login throttling: growing delay after 3 failures, lock after 10 (security.md §2.9)."""

from __future__ import annotations

FREE_ATTEMPTS = 3
LOCK_AFTER = 10
MAX_DELAY_SECONDS = 300


def delay_after(failures: int) -> int:
    """Seconds to wait before the next attempt once `failures` consecutive failures happened."""
    if failures < FREE_ATTEMPTS:
        return 0
    return min(1 << (failures - FREE_ATTEMPTS), MAX_DELAY_SECONDS)  # 2 ** n, as an int for any n >= 0


def is_locked(failures: int) -> bool:
    return failures >= LOCK_AFTER
