"""Security tasks (issue 16): security asks the supervisors for something tied to an intelligence report (an
intelligence-led cell search, keeping two prisoners apart); the supervisor completes it with the result, the
wing-log search entry and the incident its finds raised, which come back linked to the report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from wingdesk.domain.errors import NotFound, StateError
from wingdesk.domain.kinds.intelligence import INTELLIGENCE_REPORT
from wingdesk.domain.kinds.security_task import DONE, REQUESTED, SECURITY_TASK
from wingdesk.domain.queries import RecordQuery
from wingdesk.domain.records import Record, RecordKind, iso
from wingdesk.services.gateway import GuardedService, guarded
from wingdesk.services.policy import Action, Resource
from wingdesk.services.reading import readable_kinds, visible
from wingdesk.services.record_writer import RecordWriter

KIND = SECURITY_TASK.name
_SCAN = 2000  # tasks on one wing: far fewer


@dataclass(frozen=True)
class TaskOutcome:
    """A task as it came back: the search entry and the incident it names, as far as the caller may read them."""

    task: Record
    search_entry: Record | None
    incident: Record | None


class SecurityTaskService(GuardedService):
    @guarded(Action.CREATE, Resource.SECURITY_TASK)
    def request(self, report_id: str, task_type: str, instructions: str, place: str = "") -> Record:
        """Ask the supervisors; the instructions are written for them (never the report's original text)."""
        report = self.ctx.repo.get_record(report_id)
        if report is None or report.kind != INTELLIGENCE_REPORT.name:
            raise NotFound(field="record")
        body = SECURITY_TASK.clean({"task_type": task_type, "report_id": report_id, "instructions": instructions,
                                    "place": place})
        writer = RecordWriter(self.ctx, self.audit)
        return writer.save(writer.new_record(KIND, body, prisoner_id=report.prisoner_id, status=REQUESTED))

    @guarded(Action.ANNOTATE, Resource.SECURITY_TASK)
    def complete(self, task_id: str, result: str, search_entry_id: str | None = None) -> Record:
        """The supervisor's answer: what was done, the search entry if there was one and the incident it raised."""
        task = self._task(task_id)
        if task.status == DONE:
            raise StateError("task_done")
        body = {**task.body, "result": result, "done_by": self.user.display_name}
        if search_entry_id:
            entry = self.ctx.repo.get_record(search_entry_id)
            if entry is None or entry.kind != RecordKind.LOG_ENTRY or entry.body.get("entry_type") != "SEARCH":
                raise NotFound(field="entry")
            body["search_entry_id"] = entry.id
            incident = self._incident_of(entry)
            if incident is not None:
                body["incident_id"] = incident.id
        cleaned = SECURITY_TASK.clean(body)
        if not cleaned.get("result"):
            from wingdesk.domain.errors import ValidationError

            raise ValidationError("required", field="result", kind=KIND)
        return RecordWriter(self.ctx, self.audit).revise(task, cleaned, status=DONE)

    @guarded(Action.READ, Resource.SECURITY_TASK)
    def tasks(self, report_id: str | None = None, status: str | None = None) -> list[Record]:
        scopes = readable_kinds(self.ctx)
        found = self.ctx.repo.list_records(RecordQuery(kinds=(KIND,), limit=_SCAN))
        shown = [v for r in found if (v := visible(self.ctx, r, scopes))]
        return [r for r in shown if (report_id is None or r.body.get("report_id") == report_id)
                and (status is None or r.status == status)]

    @guarded(Action.READ, Resource.SECURITY_TASK)
    def outcomes(self, report_id: str | None = None) -> list[TaskOutcome]:
        """The tasks (of one report, or all) with the search entry and incident they came back with, each only
        if the caller may read it (security reads both; domain.md §1)."""
        scopes = readable_kinds(self.ctx)

        def linked(record_id: object) -> Record | None:
            found = self.ctx.repo.get_record(str(record_id)) if record_id else None
            return visible(self.ctx, found, scopes) if found is not None else None

        return [TaskOutcome(task, linked(task.body.get("search_entry_id")), linked(task.body.get("incident_id")))
                for task in self.tasks(report_id=report_id)]

    def _task(self, task_id: str) -> Record:
        task = self.ctx.repo.get_record(task_id)
        if task is None or task.kind != KIND:
            raise NotFound(field="record")
        return task

    def _incident_of(self, entry: Record) -> Record | None:
        """The incident the search's finds raised (dated when the search was; services.incidents)."""
        moment = datetime.fromisoformat(entry.occurred_at.replace("Z", "+00:00"))
        query = RecordQuery(kinds=("incident",), since=entry.occurred_at, until=iso(moment + timedelta(seconds=1)))
        return next((r for r in self.ctx.repo.list_records(query) if r.body.get("source_entry_id") == entry.id), None)


__all__ = ["SecurityTaskService", "TaskOutcome", "REQUESTED", "DONE"]
