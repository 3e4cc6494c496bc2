"""Where prisoners are, kept in step with the wing log: movements out and back, leaving the wing, the roll's
expected figure, and roll discrepancies closed by a resolution entry (domain.md §2.4, scenarios 1 and 2)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from wingdesk.domain.errors import NotFound, StateError, ValidationError
from wingdesk.domain.people import Prisoner
from wingdesk.domain.presence import LEAVING, ON_ROLL, Movement, RollFigures, check_movement
from wingdesk.domain.records import Record, iso
from wingdesk.domain.schema import Field
from wingdesk.services.context import ServiceContext
from wingdesk.services.gateway import GuardedService, guarded
from wingdesk.services.policy import Action, Resource

OPEN_DISCREPANCY_DAYS = 14  # how far back the home page looks for a roll count still unresolved


def _moment(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def has_discrepancy(roll: Record) -> bool:
    """A roll count whose figures differ and that does not carry its own resolution (an officer who knows at once
    where the missing prisoner is writes it in the count)."""
    body = roll.body
    return body.get("counted") != body.get("expected") and not body.get("resolved_at") \
        and not body.get("resolution")


class PresenceRules:
    """Checks before and effects after a wing log entry that moves a prisoner or resolves a roll, inside the
    entry's transaction: a refused entry saves nothing, an accepted one moves the prisoner with it."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def prepare(self, entry_type: str, fields: dict[str, Any]) -> dict[str, Any]:
        """A roll count without an expected figure gets the one worked out from who is in."""
        if entry_type == "ROLL_COUNT" and fields.get("expected") in (None, ""):
            return {**fields, "expected": self.ctx.repo.roll_figures(self.ctx.wing).expected}
        return fields

    def check(self, entry_type: str, body: dict[str, Any], prisoner_id: str | None, occurred_at: str) -> None:
        if entry_type == "MOVEMENT":
            self._check_movement(body, prisoner_id, occurred_at)
        elif entry_type == "ROLL_RESOLUTION":
            self._check_resolution(body)

    def _check_movement(self, body: dict[str, Any], prisoner_id: str | None, occurred_at: str) -> None:
        if prisoner_id is None:
            raise ValidationError("required", field="prisoner")
        prisoner = self.ctx.repo.get_prisoner(prisoner_id)
        if prisoner is None:
            raise NotFound(field="prisoner")
        check_movement(body["direction"], body["destination"], prisoner.status,
                       self.ctx.repo.open_movement(prisoner_id))
        back = body.get("expected_back")
        if body["direction"] == "OUT" and back and _moment(back) <= _moment(occurred_at):
            raise ValidationError("date_order", field="expected_back", other="occurred_at")

    def _check_resolution(self, body: dict[str, Any]) -> None:
        roll = self.ctx.repo.get_record(body["roll_entry"])
        if roll is None or roll.wing != self.ctx.wing or roll.body.get("entry_type") != "ROLL_COUNT":
            raise NotFound(field="roll_entry")
        if not has_discrepancy(roll):
            raise StateError("no_discrepancy")
        if self.ctx.repo.roll_resolution_of(roll.id) is not None:
            raise StateError("roll_resolved")
        resolved = _moment(body["resolved_at"])
        if resolved < _moment(roll.occurred_at):
            raise ValidationError("date_order", field="resolved_at", other="roll_entry")
        if resolved > self.ctx.clock.now() + timedelta(minutes=5):
            raise ValidationError("in_future", field="resolved_at")

    def apply(self, record: Record) -> None:
        body, at = record.body, record.occurred_at
        if body.get("entry_type") == "ROLL_RESOLUTION":
            self.ctx.repo.add_roll_resolution(body["roll_entry"], record.id, iso(_moment(body["resolved_at"])))
            return
        if body.get("entry_type") != "MOVEMENT" or record.prisoner_id is None:
            return
        pid, destination = record.prisoner_id, body["destination"]
        if body["direction"] == "OUT":
            if destination in LEAVING:
                self.ctx.repo.mark_prisoner_left(pid, LEAVING[destination], at)
                return
            back = iso(_moment(body["expected_back"])) if body.get("expected_back") else None
            self.ctx.repo.add_movement_out(Movement(record.id, pid, destination, at, back))
            return
        out = self.ctx.repo.open_movement(pid)
        if out is not None:
            self.ctx.repo.close_movement(out.out_entry_id, record.id, at)
        else:  # a transfer back in (check_movement let only that through)
            self.ctx.repo.set_prisoner_status(pid, ON_ROLL, at)


@dataclass(frozen=True)
class OutNow:
    """A prisoner out of the wing now: where, since when, expected back when, and whether that time has passed."""

    movement: Movement
    prisoner: Prisoner
    overdue: bool


class MovementService(GuardedService):
    @guarded(Action.READ, Resource.PRISONER)
    def roll(self) -> RollFigures:
        """On the roll, out (by destination) and so expected on the wing now."""
        return self.ctx.repo.roll_figures(self.ctx.wing)

    @guarded(Action.READ, Resource.PRISONER)
    def out_now(self) -> list[OutNow]:
        """Everyone out of the wing now, the overdue first (by how long overdue), then by time out."""
        now = iso(self.ctx.clock.now())
        profiles = {p.id: p for p in self.ctx.repo.prisoners_out(self.ctx.wing, self.ctx.clock.today())}
        found = [OutNow(m, profiles[m.prisoner_id], m.overdue(now))
                 for m in self.ctx.repo.open_movements(self.ctx.wing) if m.prisoner_id in profiles]
        return sorted(found, key=lambda o: not o.overdue)

    @guarded(Action.READ, Resource.PRISONER)
    def where(self, prisoner_id: str) -> Movement | None:
        """The prisoner's open movement (out of the wing), or None when on the wing or gone."""
        return self.ctx.repo.open_movement(prisoner_id)

    @guarded(Action.READ, Resource.LOG_ENTRY)
    def open_discrepancies(self) -> list[Record]:
        """Roll counts of the last two weeks whose discrepancy no resolution has closed, oldest first."""
        since = (self.ctx.clock.today() - timedelta(days=OPEN_DISCREPANCY_DAYS)).isoformat()
        found = []
        for roll_id in self.ctx.repo.unresolved_roll_ids(self.ctx.wing, since):
            roll = self.ctx.repo.get_record(roll_id)
            if roll is not None and has_discrepancy(roll):
                found.append(roll)
        return found

    @guarded(Action.CREATE, Resource.LOG_ENTRY)
    def resolve_discrepancy(self, roll_entry_id: str, resolved_at: str | datetime, whereabouts: str, checked_by: str,
                            text: str = "", prisoner_id: str | None = None) -> Record:
        """Close a roll count's discrepancy with a ROLL_RESOLUTION entry in today's log: when it was resolved,
        where the prisoner was and who checked. Refused (nothing saved) for a roll without a discrepancy, one
        already resolved, or a time before the count or in the future."""
        from wingdesk.services.wing_log import WingLogService

        if isinstance(resolved_at, str):
            resolved_at = _moment(Field("resolved_at", "datetime", True).clean(resolved_at))
        when = iso(resolved_at.replace(microsecond=0))  # record times are to the second
        fields = {"roll_entry": roll_entry_id, "resolved_at": when, "whereabouts": whereabouts,
                  "checked_by": checked_by, "text": text}
        logs = WingLogService(self.ctx, self.gateway, self.audit)
        return logs.add_entry("ROLL_RESOLUTION", fields, prisoner_id=prisoner_id, occurred_at=when)
