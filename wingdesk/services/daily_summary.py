"""The governor's daily summary: the day's incidents, uses of force, urgent observations, roll discrepancies and
movements, each read under the caller's own policy rows (a kind they may not read is simply not there)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from wingdesk.domain.kinds.incident import INCIDENT, USE_OF_FORCE, USE_OF_FORCE_STATEMENT
from wingdesk.domain.queries import RecordQuery
from wingdesk.domain.records import Record, RecordKind, iso
from wingdesk.domain.schema import Field
from wingdesk.services.gateway import GuardedService, guarded
from wingdesk.services.policy import Action, Resource
from wingdesk.services.reading import readable_kinds, visible

_DAY = Field("day", "date", required=True)


@dataclass(frozen=True)
class DailySummary:
    day: str
    incidents: list[Record] = field(default_factory=list)
    uses_of_force: list[Record] = field(default_factory=list)
    statements: dict[str, int] = field(default_factory=dict)  # report id -> statements written
    urgent_observations: list[Record] = field(default_factory=list)
    roll_discrepancies: list[Record] = field(default_factory=list)
    movements_out: int = 0
    movements_in: int = 0

    @property
    def movements(self) -> int:
        return self.movements_out + self.movements_in


def day_bounds(day: str) -> tuple[str, str]:
    """The wing PC's local day as UTC instants [start, end) in the stored ISO form."""
    start = datetime.combine(date.fromisoformat(day), time.min).astimezone()
    return iso(start), iso(start + timedelta(days=1))


class DailySummaryService(GuardedService):
    @guarded(Action.READ, Resource.DAILY_SUMMARY)
    def summary(self, day: str | None = None) -> DailySummary:
        day = _DAY.clean(day) if day else self.ctx.clock.today().isoformat()
        since, until = day_bounds(day)
        scopes = readable_kinds(self.ctx)

        def shown(kind: str, **query: object) -> list[Record]:
            if kind not in scopes:
                return []
            found = self.ctx.repo.list_records(RecordQuery(kinds=(kind,), limit=5000, ascending=True,
                                                           **query))  # type: ignore[arg-type]
            return [v for r in found if (v := visible(self.ctx, r, scopes))]

        reports = shown(USE_OF_FORCE.name, since=since, until=until)
        statements = {r.id: sum(1 for s in shown(USE_OF_FORCE_STATEMENT.name, prisoner_id=r.prisoner_id,
                                                 since=r.occurred_at)  # filed under its prisoner, written after
                                if s.body.get("report_id") == r.id) for r in reports}
        entries = shown(str(RecordKind.LOG_ENTRY), day=day)
        moves = [e for e in entries if e.body.get("entry_type") == "MOVEMENT"]
        return DailySummary(
            day=day,
            incidents=shown(INCIDENT.name, since=since, until=until),
            uses_of_force=reports,
            statements=statements,
            urgent_observations=[o for o in shown(str(RecordKind.OBSERVATION), since=since, until=until)
                                 if o.body.get("urgent")],
            roll_discrepancies=[e for e in entries if e.body.get("entry_type") == "ROLL_COUNT"
                                and e.body.get("expected") != e.body.get("counted")],
            movements_out=sum(1 for m in moves if m.body.get("direction") == "OUT"),
            movements_in=sum(1 for m in moves if m.body.get("direction") == "IN"),
        )

    @guarded(Action.READ, Resource.DAILY_SUMMARY)
    def record_print(self, day: str) -> None:
        """Audit a print of the summary (which day, never its content)."""
        self.audit.append(self.user.id, "print", f"daily_summary:{_DAY.clean(day)}")
