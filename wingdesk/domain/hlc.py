"""Hybrid logical clock: monotonic timestamps that survive a wing PC's clock being reset (plain Python: records
get theirs when they are written, bundles and HQ's receipts carry them)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TEXT = re.compile(r"(\d{13})\.(\d{6})", re.ASCII)  # fullmatch; \d is ASCII digits only
MAX_COUNTER = 999_999


@dataclass(frozen=True, order=True)
class Hlc:
    """(wall milliseconds, logical counter); orders by wall time, then counter."""

    wall_ms: int
    counter: int = 0

    def __str__(self) -> str:
        return f"{self.wall_ms:013d}.{self.counter:06d}"

    @classmethod
    def parse(cls, text: str) -> Hlc:
        match = _TEXT.fullmatch(text) if isinstance(text, str) else None
        if not match:
            raise ValueError("hlc")
        return cls(int(match.group(1)), int(match.group(2)))


def _bump(wall_ms: int, counter: int) -> Hlc:
    return Hlc(wall_ms + 1, 0) if counter >= MAX_COUNTER else Hlc(wall_ms, counter + 1)


def tick(last: Hlc, now_ms: int) -> Hlc:
    """Next local timestamp: never goes backwards even if `now_ms` does."""
    if now_ms > last.wall_ms:
        return Hlc(now_ms, 0)
    return _bump(last.wall_ms, last.counter)


def merge(last: Hlc, remote: Hlc, now_ms: int) -> Hlc:
    """Timestamp after receiving `remote` (e.g. HQ's hq_hlc in a receipt)."""
    top = max(last, remote)
    if now_ms > top.wall_ms:
        return Hlc(now_ms, 0)
    return _bump(top.wall_ms, top.counter)


def skew_seconds(remote_ms: int, local_ms: int) -> int:
    """Signed difference in whole seconds (remote minus local) for skew flags."""
    return (remote_ms - local_ms) // 1000


def parse_or_zero(text: str) -> Hlc:
    """The HLC in `text`, or the zero clock for "" (nothing handed out yet) and for anything unreadable."""
    try:
        return Hlc.parse(text)
    except ValueError:
        return Hlc(0, 0)


@dataclass(frozen=True)
class WingClockState:
    """A wing PC's clock as kept in its database: the last HLC handed out, the latest wall time the PC's clock
    showed (ms), and the wall time at which it was first seen behind that (None while it is not)."""

    hlc: str
    last_seen_ms: int
    behind_since_ms: int | None = None
