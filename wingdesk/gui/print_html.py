"""HTML for printouts: a day's log with its countersignature status, and a prisoner summary (no treatment notes)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING, Any

from wingdesk.domain.roles import Role
from wingdesk.gui.entry_text import amendment_lines, entry_summary, is_late
from wingdesk.gui.labels import code_label as label
from wingdesk.gui.labels import role_label
from wingdesk.gui.prisoner_names import prisoner_label
from wingdesk.gui.signers import check_text, signer_names
from wingdesk.i18n import _
from wingdesk.i18n.formats import format_date, format_datetime, format_time
from wingdesk.services.policy import Action, Resource, scope_for

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices

PRINT_STYLE = ("<style>body{font-family:'DejaVu Sans',sans-serif;font-size:9pt} h1{font-size:14pt} "
          "h2{font-size:11pt;margin-top:10px} td,th{padding:2px 4px;vertical-align:top} th{text-align:left;"
          "background:#e6e6e6} .late{color:#8a4b00;font-weight:bold} .bad{color:#b00020;font-weight:bold} "
          ".ok{color:#1b5e20;font-weight:bold} .nw{white-space:nowrap} .small{font-size:8pt;color:#444}</style>")


@dataclass
class DayData:
    view: Any
    checks: list[Any]
    names: dict[str, str]
    signers: dict[str, str]
    wing: str = ""


@dataclass
class PrisonerData:
    prisoner: Any
    alerts: list[Any] = field(default_factory=list)
    observations: list[Any] = field(default_factory=list)
    plan: Any = None
    intelligence: list[Any] = field(default_factory=list)  # as the reader may see them (issue 16)


def _may(session: WingServices, resource: Resource) -> bool:
    return scope_for(Role(session.user.role), Action.READ, resource) is not None


def load_day(session: WingServices, day: str) -> DayData:
    """Everything the day printout needs, read through the services (call off the UI thread)."""
    names = {p.id: prisoner_label(p)
             for p in session.prisoners.page(limit=1000)}
    view = session.logs.day(day)
    session.reports.record_print("day_log", day)
    return DayData(view, session.logs.verify_day(day), names, {**signer_names(session), **view.signer_names},
                   session.wing)


def load_prisoner(session: WingServices, prisoner_id: str) -> PrisonerData:
    """Profile, alerts, observations the user may see and the plan's wing actions; never progress notes."""
    data = PrisonerData(session.prisoners.get(prisoner_id))
    session.reports.record_print("prisoner_summary", prisoner_id)
    if _may(session, Resource.ALERT):
        data.alerts = session.alerts.active(prisoner_id)
    if _may(session, Resource.OBSERVATION):
        data.observations = session.observations.recent(limit=20, prisoner_id=prisoner_id)
    if _may(session, Resource.PLAN):
        data.plan = session.treatment.current_plan(prisoner_id)
    if _may(session, Resource.INTELLIGENCE_REPORT):
        data.intelligence = session.intelligence.reports(prisoner_id, limit=20)
    return data


def print_footer(session: WingServices) -> str:
    return "<p class='small'>" + escape(_("Printed by {name} ({role}). Confidential: handle as an official "
                                          "record.").format(name=session.user.display_name,
                                                            role=role_label(str(session.user.role)))) + "</p>"


def day_html(session: WingServices, data: DayData) -> str:
    view = data.view
    out = [PRINT_STYLE, "<h1>" + escape(_("Wing log {wing}, {day}").format(wing=data.wing,
                                                                       day=format_date(view.day.day))) + "</h1>",
           "<p>" + escape(_("State: {state}").format(state=label(str(view.day.state)))) + "</p>"]
    for shift in view.shifts:
        out.append("<p class='small'>" + escape(_("{shift} started {time}").format(
            shift=label(shift.shift), time=format_time(shift.started_at))) + "</p>")
    out.append("<h2>" + escape(_("Countersignature")) + "</h2>")
    if not data.checks:
        out.append("<p class='bad'>" + escape(_("Not countersigned.")) + "</p>")
    for check in data.checks:
        css = "ok" if check.valid else "bad"
        out.append(f"<p class='{css}'>" + escape(check_text(check, data.signers)) + "</p>")
    out.append("<h2>" + escape(_("Entries")) + "</h2><table width='100%' cellspacing='0' border='1'>")
    # the type column holds words of up to ~16 letters (mk "Примопредавање"): at 12% Qt broke "Movemen t"; the
    # time never wraps ("07:0 0")
    # Qt breaks inside a word when a column's percentage is too narrow ("Movemen t", "07:0 0"): the type column is
    # wide enough for the longest type word in every language (mk "Примопредавање"), the time never wraps
    heads = ((_("Time"), 9), (_("Type"), 23), (_("Prisoner"), 17), (_("Details"), 35), (_("Officer"), 16))
    out.append("<tr>" + "".join(f"<th width='{w}%'>{escape(h)}</th>" for h, w in heads) + "</tr>")
    for entry in view.entries:
        details = escape(entry_summary(entry))
        if is_late(entry):
            details = ("<span class='late'>" + escape(_("Late entry, recorded {when}.").format(
                when=format_datetime(entry.recorded_at))) + "</span><br>" + details)
        for line in amendment_lines(entry):
            details += "<br><i>" + escape(line) + "</i>"
        cells = (escape(format_time(entry.occurred_at)), escape(label(str(entry.body.get("entry_type", "")))),
                 escape(data.names.get(entry.prisoner_id or "", "")), details, escape(entry.author_name))
        out.append("<tr>" + "".join(f"<td class='nw'>{c}</td>" if i == 0 else f"<td>{c}</td>"
                                    for i, c in enumerate(cells)) + "</tr>")
    out.append("</table>")
    out.append(print_footer(session))
    return "".join(out)


def prisoner_html(session: WingServices, data: PrisonerData) -> str:
    p = data.prisoner
    rows = [(_("Number"), p.number), (_("Name"), p.display_name), (_("Name (Cyrillic)"), p.name_cyrillic or ""),
            (_("Date of birth"), format_date(p.date_of_birth) if p.date_of_birth else ""),
            (_("Cell"), p.cell or ""), (_("Legal status"), label(p.legal_status)),
            (_("Admitted"), format_date(p.admission_date) if p.admission_date else ""),
            (_("Expected release"), format_date(p.expected_release) if p.expected_release else ""),
            (_("Languages"), p.languages or ""), (_("Interpreter needed"), _("Yes") if p.interpreter_needed else "")]
    out = [PRINT_STYLE, "<h1>" + escape(_("Prisoner summary: {name}").format(name=p.display_name)) + "</h1>",
           "<table cellspacing='0'>"]
    out += [f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>" for k, v in rows if v]
    out.append("</table><h2>" + escape(_("Active alerts")) + "</h2>")
    if not data.alerts:
        out.append("<p>" + escape(_("None.")) + "</p>")
    for alert in data.alerts:
        out.append("<p><b>" + escape(label(str(alert.body.get("code", "")))) + "</b> — "
                   + escape(str(alert.body.get("description", ""))) + "</p>")
    if _may(session, Resource.OBSERVATION):
        out.append("<h2>" + escape(_("Recent observations")) + "</h2>")
        if not data.observations:
            out.append("<p>" + escape(_("None you may see.")) + "</p>")
        for obs in data.observations:
            text = obs.body.get("what_seen_heard") or ""
            out.append("<p>" + escape(_("{when} · {category} · {polarity}").format(
                when=format_datetime(obs.occurred_at), category=label(str(obs.body.get("category", ""))),
                polarity=label(str(obs.body.get("polarity", ""))))) + "<br>" + escape(str(text)) + "</p>")
    if _may(session, Resource.INTELLIGENCE_REPORT):
        out += intelligence_html(data.intelligence)
    out.append("<h2>" + escape(_("Plan: what the wing does")) + "</h2>")
    plan = data.plan
    if plan is None:
        out.append("<p>" + escape(_("No plan.")) + "</p>")
    else:
        out.append("<p>" + escape(_("Status {status}; first review {date}.").format(
            status=label(str(plan.body.get("status", ""))),
            date=format_date(plan.body["first_review_date"]) if plan.body.get("first_review_date") else "—")) + "</p>")
        out.append("<ul>")
        for step in plan.body.get("steps", []):
            out.append("<li>" + escape(_("{type}: {description} ({who}, {status})").format(
                type=label(str(step.get("step_type", ""))), description=step.get("description", ""),
                who=step.get("responsible_person", ""), status=label(str(step.get("status", ""))))) + "</li>")
        out.append("</ul>")
    out.append(print_footer(session))
    return "".join(out)


def intelligence_html(reports: list[Any]) -> list[str]:
    """Each report as the reader may see it: security the original too, others only the sanitised text."""
    from wingdesk.domain.kinds.intelligence import grade_text

    out = ["<h2>" + escape(_("Intelligence")) + "</h2>"]
    if not reports:
        out.append("<p>" + escape(_("None you may see.")) + "</p>")
    for report in reports:
        body = report.body
        head = " · ".join(x for x in (format_datetime(report.occurred_at), label(str(body.get("subject", ""))),
                                      grade_text(body) or _("not graded")) if x)
        texts = [str(body[k]) for k in ("report_text", "sanitised_text") if body.get(k)]
        out.append("<p>" + escape(head) + "".join("<br>" + escape(t) for t in texts) + "</p>")
    return out
