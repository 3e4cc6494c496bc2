"""Where a prisoner is (domain.md §2.2 `current_location`, §2.4 MOVEMENT): on the wing, out and due back, or gone.

A MOVEMENT OUT to an internal place or a court, hospital or temporary release opens a movement that the IN from
the same place closes; a transfer out or a release ends the prisoner's presence on the wing (their record stays,
they leave the active roster). The roll expects everyone on the roll who is not out.
"""

from __future__ import annotations

from dataclasses import dataclass

from wingdesk.domain.errors import StateError

LEAVING = {"TRANSFER": "TRANSFERRED", "RELEASE": "RELEASED"}  # destination -> prisoner status afterwards
ON_ROLL = "IN_CUSTODY"


@dataclass(frozen=True)
class Movement:
    out_entry_id: str
    prisoner_id: str
    destination: str
    out_at: str
    expected_back: str | None = None
    in_entry_id: str | None = None
    in_at: str | None = None

    def overdue(self, now_iso: str) -> bool:
        """Not back by the expected time (ISO UTC times compare as text)."""
        return self.in_entry_id is None and self.expected_back is not None and self.expected_back < now_iso


@dataclass(frozen=True)
class RollFigures:
    """Who the roll expects on the wing: everyone on the roll less those out (by destination)."""

    on_roll: int
    out: dict[str, int]

    @property
    def out_total(self) -> int:
        return sum(self.out.values())

    @property
    def expected(self) -> int:
        return self.on_roll - self.out_total


def check_movement(direction: str, destination: str, status: str, open_movement: Movement | None) -> None:
    """StateError unless this movement can happen now: an IN needs the OUT it answers (to the same place), an OUT
    needs the prisoner on the wing and not already out; only a transferred prisoner comes back by a transfer IN."""
    if direction == "OUT":
        if status != ON_ROLL:
            raise StateError("not_on_wing")
        if open_movement is not None:
            raise StateError("already_out")
        return
    if destination == "TRANSFER" and status == LEAVING["TRANSFER"]:
        return
    if status != ON_ROLL:
        raise StateError("not_on_wing")
    if open_movement is None:
        raise StateError("not_out")
    if open_movement.destination != destination:
        raise StateError("out_elsewhere")

