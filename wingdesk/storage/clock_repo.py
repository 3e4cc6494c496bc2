"""SQL for the wing PC's clock: the last HLC handed out and the latest wall time seen (migration 0012)."""

from __future__ import annotations

from wingdesk.domain.hlc import WingClockState
from wingdesk.storage.base_repo import BaseRepo


class ClockRepo(BaseRepo):
    def get_wing_clock(self) -> WingClockState:
        row = self.query_one("SELECT hlc, last_seen_ms, behind_since_ms FROM wing_clock WHERE id = 1")
        if row is None:  # written by migration 0012; a database without it has handed out nothing yet
            return WingClockState("", 0, None)
        return WingClockState(row[0], int(row[1]), None if row[2] is None else int(row[2]))

    def put_wing_clock(self, state: WingClockState) -> None:
        self.execute("INSERT INTO wing_clock (id, hlc, last_seen_ms, behind_since_ms) VALUES (1, ?, ?, ?) "
                     "ON CONFLICT (id) DO UPDATE SET hlc = excluded.hlc, last_seen_ms = excluded.last_seen_ms, "
                     "behind_since_ms = excluded.behind_since_ms",
                     (state.hlc, state.last_seen_ms, state.behind_since_ms))

    def wing_hlc(self) -> str:
        return self.get_wing_clock().hlc

    def advance_wing_hlc(self, hlc: str) -> None:
        """Move the wing's HLC to `hlc` if that is later (the fixed-width text orders as the clock does)."""
        self.execute("INSERT INTO wing_clock (id, hlc, last_seen_ms) VALUES (1, ?, 0) "
                     "ON CONFLICT (id) DO UPDATE SET hlc = excluded.hlc WHERE excluded.hlc > wing_clock.hlc", (hlc,))
