"""The print of one assessment (issue 15 item 6): the overall judgement people chose, both assessors' own ratings
beside the agreed one for every domain with their rationale, and the prisoner's comments on the domains they
dispute, in the user's language from the instrument version the assessment was made with."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING, Any

from wingdesk.domain.kinds.assessment import ASSESSMENT
from wingdesk.gui.labels import code_label
from wingdesk.gui.print_html import PRINT_STYLE, print_footer
from wingdesk.gui.prisoner_names import prisoner_label
from wingdesk.gui.record_text import title
from wingdesk.gui.when import day_text
from wingdesk.i18n import _, current_language, ngettext

if TYPE_CHECKING:
    from wingdesk.services.assessments import AssessmentView
    from wingdesk.services.wing import WingServices


@dataclass
class AssessmentPrint:
    shown: AssessmentView
    instrument: Any  # InstrumentView of the version the assessment was made with
    prisoner: str
    sources: list[Any] = field(default_factory=list)  # the sources used this user may see
    sources_hidden: int = 0  # and how many they may not


def load_print(session: WingServices, assessment_id: str) -> AssessmentPrint:
    """Worker side: the assessment as the user may see it, its instrument version, the prisoner's name."""
    shown = session.assessments.view(assessment_id)
    body = shown.record.body
    instrument = session.instruments.view(str(body["instrument_id"]), current_language(),
                                          int(body["instrument_version"]))
    prisoner = prisoner_label(session.prisoners.get(str(shown.record.prisoner_id)))
    sources, hidden = session.assessments.sources(assessment_id) if body.get("sources_used") else ([], 0)
    return AssessmentPrint(shown, instrument, prisoner, sources, hidden)


def _labels(instrument: Any) -> tuple[dict[str, str], dict[str, str]]:
    parts, options = {}, {}
    for domain in instrument.domains:
        parts[domain.code] = domain.title
        options.update({o.code: o.label for o in domain.judgement})
        for item in domain.items:
            parts[item.code] = item.text or item.code
            options.update({o.code: o.label for o in item.options})
    return parts, options


def assessment_html(session: WingServices, data: AssessmentPrint) -> str:
    body, instrument = data.shown.record.body, data.instrument
    parts, options = _labels(instrument)
    out = [PRINT_STYLE, "<h1>" + escape(_("Assessment: {prisoner}").format(prisoner=data.prisoner)) + "</h1>",
           "<p>" + escape(f"{instrument.title} · v{instrument.version} · {code_label(body.get('assessment_kind'))}"
                          f" · {code_label(body.get('status'))}") + "</p>", "<table>"]
    for name in ("level", "nature", "at_risk", "imminence", "confidence"):
        if body.get(name):
            out.append(f"<tr><th>{escape(_label(name))}</th><td>{escape(code_label(body[name]))}</td></tr>")
    for name in ("countersigned_on", "next_review_date", "informed_on"):
        if body.get(name):
            out.append(f"<tr><th>{escape(_label(name))}</th><td>{escape(day_text(body[name]))}</td></tr>")
    out.append("</table>")
    for name in ("formulation", "management_instructions"):
        if body.get(name):
            out.append(f"<h2>{escape(_label(name))}</h2><p>{escape(str(body[name]))}</p>")
    if data.sources or data.sources_hidden:
        out.append("<h2>" + escape(_label("sources_used")) + "</h2><ul>"
                   + "".join(f"<li>{escape(source_text(r))}</li>" for r in data.sources) + "</ul>")
        if data.sources_hidden:
            out.append("<p>" + escape(ngettext("and {n} record you may not see.", "and {n} records you may not see.",
                                               data.sources_hidden).format(n=data.sources_hidden)) + "</p>")
    first, second = (_by_part(data.shown.ratings.get(p, [])) for p in ("FIRST", "SECOND"))
    agreed = _by_part(body.get("agreed") or [])
    names = data.shown.names
    heads = (_("Domain or item"), _("First assessor") + (f": {names['FIRST']}" if "FIRST" in names else ""),
             _("Second assessor") + (f": {names['SECOND']}" if "SECOND" in names else ""), _("Agreed"))
    out.append("<h2>" + escape(_("Ratings")) + "</h2><table width='100%'><tr>"
               + "".join(f"<th>{escape(h)}</th>" for h in heads) + "</tr>")
    comments: dict[str, list[str]] = {}
    for comment in body.get("prisoner_comments") or []:
        comments.setdefault(str(comment["part"]), []).append(str(comment["comment"]))
    for code in [c for c in parts if c in agreed or c in first or c in second]:
        cells = [_cell(r, options) for r in (first.get(code), second.get(code), agreed.get(code))]
        out.append(f"<tr><td><b>{escape(parts[code])}</b></td>" + "".join(cells) + "</tr>")
        for text in comments.get(code, []):
            out.append("<tr><td></td><td colspan='3'><i>" + escape(_("Prisoner's comment")) + ":</i> "
                       + escape(text) + "</td></tr>")
    out.append("</table>")
    if body.get("informed_on"):
        out.append("<p>" + escape(_("Prisoner informed on {date} ({how}); took part: {took}.").format(
            date=day_text(body["informed_on"]), how=code_label(body.get("informed_how")),
            took=_("Yes") if body.get("participated") else _("No"))) + "</p>")
    out.append(print_footer(session))
    return "".join(out)


def source_text(record: Any) -> str:
    return _("{date} · {what} · {author}").format(date=day_text(record.occurred_at[:10]), what=title(record),
                                                   author=record.author_name)


def _label(name: str) -> str:
    return _(ASSESSMENT.labels.get(name, name))


def _by_part(ratings: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {str(r["part"]): r for r in ratings}


def _cell(rating: dict[str, Any] | None, options: dict[str, str]) -> str:
    if rating is None:
        return "<td>—</td>"
    text = escape(options.get(str(rating["rating"]), str(rating["rating"])))
    why = f"<br><span class='small'>{escape(str(rating['rationale']))}</span>" if rating.get("rationale") else ""
    return f"<td><b>{text}</b>{why}</td>"
