"""How far a wing PC's clock was off, from one of its bundles: at export, and when its records were written.

A record line carries `wall_time` (the PC's clock when the revision was written) and `hlc` (the wing's hybrid
logical clock, stamped at the same moment). The HLC never goes backwards, so a record written after the PC's
clock was set back has a wall time earlier than its HLC by about as much as the clock was behind; that stays in
the bundle when it is exported after the clock was put right. A PC clock ahead shows as an HLC beyond HQ's own
time. Amendments and countersignatures are left out: their HLC is given when they are sealed, not written.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from wingdesk.sync.reference import utc_from_text

SKEW_THRESHOLD_S = 24 * 3600
_STAMPED_WHEN_SEALED = frozenset({"amendment", "countersignature", "user_key"})


class WrittenBehind:
    """The most a record's wall time lies before its HLC, fed one parsed record line at a time (`see`) while HQ
    reads a bundle (`record_rows.rows_of`), so the lines are not read twice; `seconds` is negative or 0."""

    __slots__ = ("_parsed", "worst_ms")

    def __init__(self) -> None:
        self.worst_ms = 0
        self._parsed: dict[str, int | None] = {}  # a bundle's records share few distinct wall times

    def see(self, record: dict[str, Any]) -> None:
        hlc, wall_text = record.get("hlc"), record.get("wall_time")
        if type(hlc) is not str or type(wall_text) is not str or record["kind"] in _STAMPED_WHEN_SEALED:
            return
        wall_ms = self._parsed.get(wall_text, 0)
        if wall_ms == 0:
            wall_ms = self._parsed[wall_text] = _ms(wall_text)
        head = hlc[:13]  # wall milliseconds of the HLC (domain.hlc: 13 ASCII digits, a dot, 6 digits)
        if wall_ms is not None and head.isdigit() and head.isascii() and len(head) == 13:
            gap = wall_ms - int(head)
            if gap < self.worst_ms:
                self.worst_ms = gap

    @property
    def seconds(self) -> int:
        return self.worst_ms // 1000 if self.worst_ms < 0 else 0


def _ms(text: str) -> int | None:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return int(moment.timestamp() * 1000) if moment.tzinfo is not None else None


def bundle_skew_s(created_at: Any, hlc_max: Any, behind_s: int, now: datetime) -> int | None:
    """The largest clock error one bundle shows (seconds, negative: the PC was behind), if beyond the threshold:
    its export time against HQ's, records written under a clock set back, or an HLC from a clock ahead."""
    found = [behind_s]
    exported = utc_from_text(created_at)
    if exported is not None:
        found.append(int((exported - now).total_seconds()))
    if isinstance(hlc_max, str) and re.fullmatch(r"\d{13}\.\d{6}", hlc_max, re.ASCII):
        found.append(int(hlc_max[:13]) // 1000 - int(now.timestamp()))
    worst = max(found, key=abs)
    return worst if abs(worst) > SKEW_THRESHOLD_S else None
