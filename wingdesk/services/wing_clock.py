"""The wing PC's clock: an HLC for each record as it is written, and a clock that ran backwards noticed.

The HLC (domain.hlc) never goes backwards, so records keep the order they were written in even when the PC's
clock is set back. The latest wall time the clock showed is kept in the database; a clock seen more than
BEHIND_TOLERANCE_MS behind it is audited once (`clock_backwards`, by whole seconds) and shown to the officer until
it has caught up again. Everything here joins the caller's transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime

from wingdesk.domain.hlc import WingClockState, parse_or_zero, tick
from wingdesk.domain.records import iso
from wingdesk.services.audit_trail import AuditTrail
from wingdesk.services.context import ServiceContext

BEHIND_TOLERANCE_MS = 120_000  # a time service's corrections stay well below this; a wrong date does not


@dataclass(frozen=True)
class ClockBehind:
    """The PC's clock shows an earlier time than it already did: `latest_seen` (UTC ISO) and by how much."""

    latest_seen: str
    behind_s: int


def _ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


class WingClock:
    def __init__(self, ctx: ServiceContext, audit: AuditTrail) -> None:
        self.ctx, self.audit = ctx, audit

    def _observe(self, state: WingClockState, now_ms: int) -> WingClockState:
        """Remember the latest wall time; audit the first sight of a clock behind it."""
        behind = state.last_seen_ms - now_ms
        if behind <= BEHIND_TOLERANCE_MS:
            return replace(state, last_seen_ms=max(state.last_seen_ms, now_ms), behind_since_ms=None)
        if state.behind_since_ms is None:
            self.audit.append(self.ctx.user.id, "clock_backwards", f"clock:behind:{behind // 1000}s")
            return replace(state, behind_since_ms=now_ms)
        return state

    def stamp(self) -> str:
        """The HLC for a record being written now (call inside the transaction that stores it)."""
        with self.ctx.repo.transaction():
            now_ms = _ms(self.ctx.clock.now())
            state = self._observe(self.ctx.repo.get_wing_clock(), now_ms)
            stamp = str(tick(parse_or_zero(state.hlc), now_ms))
            self.ctx.repo.put_wing_clock(replace(state, hlc=stamp))
        return stamp

    def check(self) -> ClockBehind | None:
        """Look at the PC's clock now (at sign-in and as pages refresh); None while it is not behind."""
        with self.ctx.repo.transaction():
            now_ms = _ms(self.ctx.clock.now())
            before = self.ctx.repo.get_wing_clock()
            state = self._observe(before, now_ms)
            if state != before:
                self.ctx.repo.put_wing_clock(state)
        if state.behind_since_ms is None:
            return None
        latest = iso(datetime.fromtimestamp(state.last_seen_ms / 1000, UTC).replace(microsecond=0))
        return ClockBehind(latest, (state.last_seen_ms - now_ms) // 1000)
