"""HQ security's pages (issue 17 item 5): the graded intelligence reports from every wing, one report as HQ
received it, and who is linked with whom through graded reports. HQ security officers only; every open of a
report or of a prisoner's associations is a sensitive read in HQ's audit log (who and which id, never the text)."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from wingdesk.domain.kinds.intelligence import INTELLIGENCE_REPORT
from wingdesk.hq.console.access import Console, Refused
from wingdesk.hq.console.handlers import for_role
from wingdesk.hq.console.security_view import (
    CHOICES,
    clean_filters,
    grade_of,
    page_number,
    person_view,
    report_list,
    report_page,
)
from wingdesk.hq.console.sessions import Session
from wingdesk.i18n import N_

SECURITY = "hq_security"
# the subjects' labels: the msgids the wing app uses for the same observation categories (gui.labels)
SUBJECTS = {
    "WELLBEING_VULNERABILITY": N_("Wellbeing or vulnerability"), "ASSOCIATION_CHANGE": N_("Change of association"),
    "CONFLICT_INTIMIDATION": N_("Conflict or intimidation"), "CONTRABAND_SECURITY": N_("Contraband or security"),
    "STATEMENT_ENDORSING_VIOLENCE": N_("Statement endorsing violence"),
    "PRESSURE_ON_OTHERS": N_("Pressure on others"), "ROUTINE_CHANGE": N_("Change of routine"),
}
LABELS = {**INTELLIGENCE_REPORT.labels, **SUBJECTS}


def label(code: object) -> str:
    """The msgid for a stored code, or the code itself (shown escaped) when HQ does not know it."""
    return LABELS.get(str(code), str(code)) if code else "–"


@for_role(SECURITY)
async def reports_page(request: Request, session: Session, console: Console) -> Response:
    filters = clean_filters(request.query_params)
    page = page_number(request.query_params.get("page"))
    listing = await run_in_threadpool(report_list, console.store, filters, page)
    await console.audit_async("console_viewed", session.staff, detail="intelligence_reports")
    return console.renderer.page(request, "security_reports.html", r=listing, choices=CHOICES, label=label,
                                 grade_of=grade_of)


@for_role(SECURITY)
async def report_view(request: Request, session: Session, console: Console) -> Response:
    record_id = request.path_params["record_id"]
    report = await run_in_threadpool(report_page, console.store, record_id)
    if report is None:
        await console.audit_async("console_intel_not_found", session.staff, detail="report")
        raise Refused(404, N_("HQ holds no graded intelligence report with this identifier."))
    await console.audit_async("console_intel_read", session.staff, report.device_id, f"report={record_id}")
    return console.renderer.page(request, "security_report.html", rep=report, label=label)


@for_role(SECURITY)
async def person_page(request: Request, session: Session, console: Console) -> Response:
    prisoner_id = request.path_params["prisoner_id"]
    view = await run_in_threadpool(person_view, console.store, prisoner_id)
    if view is None:
        await console.audit_async("console_intel_not_found", session.staff, detail="associations")
        raise Refused(404, N_("No graded intelligence report at HQ links this prisoner with anyone."))
    await console.audit_async("console_intel_associations", session.staff, detail=f"prisoner={prisoner_id}")
    return console.renderer.page(request, "security_person.html", v=view)
