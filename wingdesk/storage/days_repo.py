"""SQL for shifts, wing days, their review events and countersignatures."""

from __future__ import annotations

from wingdesk.domain.daily_log import DayState
from wingdesk.domain.daily_log_types import Countersignature, Day, Shift
from wingdesk.storage.base_repo import BaseRepo, Row

_DAY = ("SELECT d.wing, d.day, d.state, d.updated_at, (SELECT count(*) FROM records r WHERE r.day = d.day "
        "AND r.kind = 'log_entry' AND r.wing = d.wing) FROM days d")


def _day(row: Row) -> Day:
    return Day(row[0], row[1], DayState(row[2]), row[3], int(row[4]))


class DaysRepo(BaseRepo):
    def get_day(self, wing: str, day: str) -> Day | None:
        row = self.query_one(f"{_DAY} WHERE d.wing = ? AND d.day = ?", (wing, day))
        return _day(row) if row else None

    def put_day(self, wing: str, day: str, state: DayState, at: str) -> None:
        self.execute("INSERT INTO days (wing, day, state, updated_at) VALUES (?,?,?,?) ON CONFLICT (wing, day) "
                     "DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
                     (wing, day, str(state), at))

    def days_in_states(self, wing: str, states: tuple[DayState, ...], limit: int = 100) -> list[Day]:
        marks = ",".join("?" * len(states))
        rows = self.query(f"{_DAY} WHERE d.wing = ? AND d.state IN ({marks}) ORDER BY d.day DESC LIMIT ?",
                          (wing, *[str(s) for s in states], limit))
        return [_day(r) for r in rows]

    def recent_days(self, wing: str, limit: int = 31) -> list[Day]:
        return [_day(r) for r in self.query(f"{_DAY} WHERE d.wing = ? ORDER BY d.day DESC LIMIT ?", (wing, limit))]

    def add_day_event(self, wing: str, day: str, event: str, actor_id: str, at: str,
                      entry_id: str | None = None, comment_id: str | None = None) -> None:
        self.execute("INSERT INTO day_events (wing, day, event, actor_id, at, entry_id, comment_id) "
                     "VALUES (?,?,?,?,?,?,?)", (wing, day, event, actor_id, at, entry_id, comment_id))

    def day_events(self, wing: str, day: str) -> list[tuple[str, str, str, str | None]]:
        return [tuple(r) for r in self.query("SELECT event, actor_id, at, entry_id FROM day_events "
                                             "WHERE wing = ? AND day = ? ORDER BY seq", (wing, day))]

    def add_shift(self, s: Shift) -> None:
        self.execute("INSERT INTO shifts (id, wing, day, shift, officer_id, started_at, handover_record_id, "
                     "accepted_at) VALUES (?,?,?,?,?,?,?,?)",
                     (s.id, s.wing, s.day, s.shift, s.officer_id, s.started_at, s.handover_record_id, s.accepted_at))

    def accept_shift(self, shift_id: str, handover_record_id: str, at: str) -> None:
        self.execute("UPDATE shifts SET handover_record_id = ?, accepted_at = ? WHERE id = ?",
                     (handover_record_id, at, shift_id))

    def shifts_for_day(self, wing: str, day: str) -> list[Shift]:
        rows = self.query("SELECT id, wing, day, shift, officer_id, started_at, handover_record_id, accepted_at "
                          "FROM shifts WHERE wing = ? AND day = ? ORDER BY started_at", (wing, day))
        return [Shift(*r) for r in rows]

    def get_shift(self, shift_id: str) -> Shift | None:
        row = self.query_one("SELECT id, wing, day, shift, officer_id, started_at, handover_record_id, "
                             "accepted_at FROM shifts WHERE id = ?", (shift_id,))
        return Shift(*row) if row else None

    def add_countersignature(self, c: Countersignature) -> None:
        self.execute("INSERT INTO countersignatures (id, wing, day, signer_id, payload, signature, signed_at) "
                     "VALUES (?,?,?,?,?,?,?)", (c.id, c.wing, c.day, c.signer_id, c.payload, c.signature,
                                                c.signed_at))

    def countersignatures(self, wing: str, day: str) -> list[Countersignature]:
        rows = self.query("SELECT id, wing, day, signer_id, payload, signature, signed_at FROM countersignatures "
                          "WHERE wing = ? AND day = ? ORDER BY signed_at", (wing, day))
        return [Countersignature(r[0], r[1], r[2], r[3], r[4], bytes(r[5]), r[6]) for r in rows]
