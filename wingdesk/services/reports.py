"""Aggregates for supervisors and governors: a week at a glance (no names, counts only)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from wingdesk.domain import codes
from wingdesk.domain.queries import RecordQuery
from wingdesk.domain.records import RecordKind, iso
from wingdesk.services.gateway import GuardedService, guarded
from wingdesk.services.policy import Action, Resource


@dataclass(frozen=True)
class DaySummary:
    day: str
    observations: dict[str, int] = field(default_factory=dict)  # category -> count
    incidents: int = 0
    roll_discrepancies: int = 0
    entries: int = 0


def _bounds(day: date) -> tuple[str, str]:
    start = datetime.combine(day, time(0, 0)).astimezone(UTC)
    return iso(start), iso(start + timedelta(days=1))


class ReportService(GuardedService):
    @guarded(Action.READ, Resource.DAILY_LOG)
    def week_at_a_glance(self, end_day: date | None = None, days: int = 7) -> list[DaySummary]:
        """Per local day: observations by category, incidents and roll-count discrepancies."""
        end_day = end_day or self.ctx.clock.today()
        repo = self.ctx.repo
        summaries = []
        for offset in range(days - 1, -1, -1):
            day = end_day - timedelta(days=offset)
            since, until = _bounds(day)
            counts = repo.count_by_subtype(RecordQuery(kinds=(str(RecordKind.OBSERVATION),), since=since,
                                                       until=until))
            observations = {c: counts[c] for c in codes.OBSERVATION_CATEGORIES if counts.get(c)}
            log = RecordQuery(kinds=(str(RecordKind.LOG_ENTRY),), day=day.isoformat(), limit=10000)
            entries = repo.list_records(log)
            incidents = sum(1 for e in entries if e.body.get("entry_type") == "INCIDENT")
            discrepancies = sum(1 for e in entries if e.body.get("entry_type") == "ROLL_COUNT"
                                and e.body.get("expected") != e.body.get("counted"))
            summaries.append(DaySummary(day.isoformat(), observations, incidents, discrepancies, len(entries)))
        return summaries

    @guarded(Action.READ, Resource.PRISONER)
    def record_print(self, kind: str, object_id: str) -> None:
        """Audit a print or PDF export (what and which object, never the content)."""
        if kind not in ("day_log", "prisoner_summary"):
            from wingdesk.domain.errors import ValidationError

            raise ValidationError("bad_choice", field="kind")
        self.audit.append(self.user.id, "print", f"{kind}:{object_id}")
