"""Use-of-force reports (domain.md scenario 6): an officer reports it, every officer named on it writes their own
statement (a record in their own name, signed with their own key), and the supervisor completes the report once
every statement is in. A statement by someone not named is refused and nothing is written."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from wingdesk.domain.errors import AccessDenied, NotFound, StateError
from wingdesk.domain.kinds.incident import USE_OF_FORCE, USE_OF_FORCE_STATEMENT
from wingdesk.domain.queries import RecordQuery
from wingdesk.domain.records import Record
from wingdesk.services.gateway import GuardedService, guarded
from wingdesk.services.policy import Action, Resource
from wingdesk.services.reading import readable_kinds, visible
from wingdesk.services.record_writer import RecordWriter
from wingdesk.services.staff_lists import checked_prisoners, checked_staff

REPORT, STATEMENT = USE_OF_FORCE.name, USE_OF_FORCE_STATEMENT.name


@dataclass(frozen=True)
class ReportView:
    """A report with the statements written for it and the names of staff still to write one."""

    report: Record
    statements: list[Record]
    missing: list[str]  # display names of named staff without a statement


class UseOfForceService(GuardedService):
    def _report(self, report_id: str) -> Record:
        found = self.ctx.repo.get_record(str(report_id))
        if found is None or found.kind != REPORT:
            raise NotFound(field="report_id")
        return found

    def _statements(self, report: Record) -> list[Record]:
        """A report's statements: each is filed under the report's prisoner and written after the force was used."""
        found = self.ctx.repo.list_records(RecordQuery(kinds=(STATEMENT,), prisoner_id=report.prisoner_id,
                                                       since=report.occurred_at, limit=100000, ascending=True))
        return [r for r in found if r.body.get("report_id") == report.id]

    @guarded(Action.CREATE, Resource.USE_OF_FORCE)
    def report(self, fields: dict[str, Any], occurred_at: str | datetime | None = None) -> Record:
        """The reporting officer's account of what force was used, on whom, by whom, for how long, and care after."""
        body = dict(fields)
        body["prisoners"] = checked_prisoners(self.ctx, body.get("prisoners") or [])
        body["staff"] = checked_staff(self.ctx, body.get("staff") or [])
        body.pop("supervisor_note", None)
        body = USE_OF_FORCE.clean({**body, "status": "SUBMITTED"})
        prisoners = body["prisoners"]
        writer = RecordWriter(self.ctx, self.audit)
        record = writer.new_record(REPORT, body, prisoner_id=prisoners[0]["prisoner_id"] if prisoners else None,
                                   occurred_at=occurred_at, status="SUBMITTED")
        return writer.save(record)

    @guarded(Action.SUBMIT, Resource.USE_OF_FORCE)
    def add_statement(self, report_id: str, involvement: str, account: str, techniques_used: list[str] | None = None,
                      own_injuries: str = "") -> Record:
        """The caller's own statement; only staff named on the report, once each, before it is complete."""
        body = USE_OF_FORCE_STATEMENT.clean({"report_id": report_id, "involvement": involvement, "account": account,
                                             "techniques_used": techniques_used or [], "own_injuries": own_injuries})
        report = self._report(report_id)
        if self.user.id not in {s["user_id"] for s in report.body.get("staff", [])}:
            raise self._refuse("uof_not_involved", report_id)  # audited, and nothing else is written
        if report.body.get("status") == "COMPLETE":
            raise StateError("uof_complete")
        if any(s.author_id == self.user.id for s in self._statements(report)):
            raise StateError("uof_statement_exists")
        writer = RecordWriter(self.ctx, self.audit)
        return writer.save(writer.new_record(STATEMENT, body, prisoner_id=report.prisoner_id, status="SUBMITTED"))

    def _refuse(self, code: str, report_id: str) -> StateError:
        self.audit.append(self.user.id, "access_denied", f"submit:use_of_force:{report_id}")
        return StateError(code)

    @guarded(Action.APPROVE, Resource.USE_OF_FORCE)
    def complete(self, report_id: str, supervisor_note: str) -> Record:
        """The supervisor's conclusion; every named officer's statement must be in."""
        with self.ctx.repo.transaction():
            previous = self._report(report_id)
            if previous.body.get("status") == "COMPLETE":
                raise StateError("uof_complete")
            if self._missing(previous, self._statements(previous)):
                raise StateError("uof_statements_missing")
            body = USE_OF_FORCE.clean({**previous.body, "supervisor_note": supervisor_note, "status": "COMPLETE"})
            return RecordWriter(self.ctx, self.audit).revise(previous, body, status="COMPLETE")

    @staticmethod
    def _missing(report: Record, statements: list[Record]) -> list[str]:
        written = {s.author_id for s in statements}
        return [s["name"] for s in report.body.get("staff", []) if s["user_id"] not in written]

    @guarded(Action.READ, Resource.USE_OF_FORCE)
    def view(self, report_id: str) -> ReportView:
        scopes = readable_kinds(self.ctx)
        report = visible(self.ctx, self._report(report_id), scopes)
        if report is None:
            raise AccessDenied(action="read", resource="use_of_force")
        all_statements = self._statements(report)
        shown = [v for s in all_statements if (v := visible(self.ctx, s, scopes))]
        return ReportView(report, shown, self._missing(report, all_statements))

    @guarded(Action.READ, Resource.USE_OF_FORCE)
    def recent(self, limit: int = 200, since: str | None = None, until: str | None = None) -> list[Record]:
        scopes = readable_kinds(self.ctx)
        found = self.ctx.repo.list_records(RecordQuery(kinds=(REPORT,), since=since, until=until, limit=limit))
        return [v for r in found if (v := visible(self.ctx, r, scopes))]

    @guarded(Action.READ, Resource.USE_OF_FORCE)
    def awaiting_my_statement(self) -> list[Record]:
        """Reports that name the caller and still lack their statement."""
        written = {s.body.get("report_id") for s in self.ctx.repo.list_records(
            RecordQuery(kinds=(STATEMENT,), author_id=self.user.id, limit=100000))}
        return [r for r in self.recent(limit=1000) if r.body.get("status") != "COMPLETE" and r.id not in written
                and self.user.id in {s["user_id"] for s in r.body.get("staff", [])}]
