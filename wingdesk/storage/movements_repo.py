"""SQL for where prisoners are: open and closed movements, the roll's figures, resolved roll discrepancies."""

from __future__ import annotations

from datetime import date

from wingdesk.domain.people import Prisoner
from wingdesk.domain.presence import ON_ROLL, Movement, RollFigures
from wingdesk.storage.base_repo import BaseRepo, Row
from wingdesk.storage.prisoners_repo import _ALERTS, _COLS, _OUT, _prisoner

_MOVE_COLS = "m.out_entry_id, m.prisoner_id, m.destination, m.out_at, m.expected_back, m.in_entry_id, m.in_at"


def _movement(row: Row) -> Movement:
    return Movement(*row)


class MovementsRepo(BaseRepo):
    def open_movement(self, prisoner_id: str) -> Movement | None:
        row = self.query_one(f"SELECT {_MOVE_COLS} FROM movements m WHERE m.prisoner_id = ? "
                             "AND m.in_entry_id IS NULL", (prisoner_id,))
        return _movement(row) if row else None

    def open_movements(self, wing: str) -> list[Movement]:
        """Everyone on this wing's roll who is out now, the longest overdue first, then by time out."""
        rows = self.query(f"SELECT {_MOVE_COLS} FROM movements m JOIN prisoners p ON p.id = m.prisoner_id "
                          "WHERE m.in_entry_id IS NULL AND p.wing = ? AND p.status = ? "
                          "ORDER BY m.expected_back IS NULL, m.expected_back, m.out_at", (wing, ON_ROLL))
        return [_movement(r) for r in rows]

    def prisoners_out(self, wing: str, today: date) -> list[Prisoner]:
        """The profiles of everyone on this wing's roll who is out now, in one query (alerts in force `today`)."""
        cols = ", ".join(f"p.{c.strip()}" for c in _COLS.split(","))
        rows = self.query(f"SELECT {cols}, {_ALERTS}, {_OUT} FROM prisoners p JOIN movements o "
                          "ON o.prisoner_id = p.id AND o.in_entry_id IS NULL WHERE p.wing = ? AND p.status = ?",
                          (today.isoformat(), today.isoformat(), wing, ON_ROLL))
        return [_prisoner(r) for r in rows]

    def add_movement_out(self, m: Movement) -> None:
        self.execute("INSERT INTO movements (out_entry_id, prisoner_id, destination, out_at, expected_back) "
                     "VALUES (?,?,?,?,?)", (m.out_entry_id, m.prisoner_id, m.destination, m.out_at, m.expected_back))

    def close_movement(self, out_entry_id: str, in_entry_id: str, in_at: str) -> None:
        self.execute("UPDATE movements SET in_entry_id = ?, in_at = ? WHERE out_entry_id = ? "
                     "AND in_entry_id IS NULL", (in_entry_id, in_at, out_entry_id))

    def mark_prisoner_left(self, prisoner_id: str, status: str, at: str) -> None:
        self.execute("UPDATE prisoners SET status = ?, left_at = ?, updated_at = ? WHERE id = ?",
                     (status, at, at, prisoner_id))

    def roll_figures(self, wing: str) -> RollFigures:
        on_roll = self.query_one("SELECT count(*) FROM prisoners WHERE wing = ? AND status = ?", (wing, ON_ROLL))
        out = self.query("SELECT m.destination, count(*) FROM movements m JOIN prisoners p ON p.id = m.prisoner_id "
                         "WHERE m.in_entry_id IS NULL AND p.wing = ? AND p.status = ? GROUP BY m.destination",
                         (wing, ON_ROLL))
        return RollFigures(int(on_roll[0]), {str(d): int(n) for d, n in out})

    def add_roll_resolution(self, roll_entry_id: str, resolution_entry_id: str, resolved_at: str) -> None:
        self.execute("INSERT INTO roll_resolutions (roll_entry_id, resolution_entry_id, resolved_at) VALUES (?,?,?)",
                     (roll_entry_id, resolution_entry_id, resolved_at))

    def roll_resolution_of(self, roll_entry_id: str) -> str | None:
        row = self.query_one("SELECT resolution_entry_id FROM roll_resolutions WHERE roll_entry_id = ?",
                             (roll_entry_id,))
        return str(row[0]) if row else None

    def unresolved_roll_ids(self, wing: str, since_day: str) -> list[str]:
        """Roll counts of this wing since a day that no resolution entry has closed, oldest first."""
        rows = self.query("SELECT r.id FROM record_heads h JOIN records r ON r.seq = h.seq "
                          "WHERE r.kind = 'log_entry' AND r.subtype = 'ROLL_COUNT' AND r.wing = ? AND r.day >= ? "
                          "AND NOT EXISTS (SELECT 1 FROM roll_resolutions x WHERE x.roll_entry_id = r.id) "
                          "ORDER BY r.occurred_at", (wing, since_day))
        return [str(r[0]) for r in rows]
