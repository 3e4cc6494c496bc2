"""The governor's daily summary as HTML: shown on its page and printed (same words on screen and on paper)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from wingdesk.gui.labels import code_label as label
from wingdesk.gui.labels import role_label
from wingdesk.i18n import _, ngettext
from wingdesk.i18n.formats import format_date, format_time

if TYPE_CHECKING:
    from wingdesk.services.daily_summary import DailySummary

STYLE = ("<style>body{font-family:'DejaVu Sans',sans-serif;font-size:9pt} h1{font-size:14pt} "
         "h2{font-size:11pt;margin-top:10px} td,th{padding:2px 4px;vertical-align:top} th{text-align:left;"
         "background:#e6e6e6} .nw{white-space:nowrap} .small{font-size:8pt;color:#444}</style>")


def _cell(value: str | tuple[str, ...], whole: bool) -> str:
    """One cell; a tuple is one line each (the first in bold). `whole`: never broken inside a word on paper."""
    lines = value if isinstance(value, tuple) else (value,)
    text = "<br>".join(("<b>" + escape(line) + "</b>") if n == 0 and len(lines) > 1 else escape(line)
                       for n, line in enumerate(lines) if line)
    return f"<td class='nw'>{text}</td>" if whole else f"<td>{text}</td>"


def _table(heads: tuple[tuple[str, int], ...], rows: list[tuple[str | tuple[str, ...], ...]], empty: str,
           whole: tuple[int, ...] = (0,)) -> str:
    if not rows:
        return "<p>" + escape(empty) + "</p>"
    out = ["<table width='100%' cellspacing='0' border='1'><tr>"
           + "".join(f"<th width='{w}%'>{escape(h)}</th>" for h, w in heads) + "</tr>"]
    out += ["<tr>" + "".join(_cell(c, n in whole) for n, c in enumerate(row)) + "</tr>" for row in rows]
    return "".join(out) + "</table>"


def _names(items: list[dict[str, Any]], names: dict[str, str], key: str) -> str:
    return ", ".join(names.get(i.get(key, ""), i.get("name", "")) or "?" for i in items)


def summary_html(summary: DailySummary, names: dict[str, str], wing: str, printed_by: tuple[str, str] | None = None,
                 heading: bool = True) -> str:
    """`names` maps prisoner id → "Name (number)"; `printed_by` (name, role) adds the print footer."""
    out = [STYLE]
    if heading:
        out.append("<h1>" + escape(_("Daily summary {wing}, {day}").format(
            wing=wing, day=format_date(summary.day))) + "</h1>")
    out.append("<p><b>" + escape(ngettext("{n} movement", "{n} movements", summary.movements).format(
        n=summary.movements)) + "</b> " + escape(_("({out} out, {back} in)").format(
        out=summary.movements_out, back=summary.movements_in)) + "</p>")

    out.append("<h2>" + escape(_("Uses of force")) + "</h2>")
    rows: list[tuple[str | tuple[str, ...], ...]] = []
    for r in summary.uses_of_force:
        b = r.body
        used = ", ".join(label(c) for c in (*b.get("techniques", []), *b.get("restraints", [])))
        rows.append((format_time(r.occurred_at), (label(b.get("primary_reason", "")), used),
                     _("{n} min").format(n=b.get("duration_minutes", 0)),
                     (_names(b.get("prisoners", []), names, "prisoner_id"),
                      _("Injuries: {text}").format(text=b.get("prisoner_injuries") or "—")),
                     (_("{done} of {named}").format(done=summary.statements.get(r.id, 0),
                                                    named=len(b.get("staff", []))), label(b.get("status", "")))))
    out.append(_table(((_("Time"), 8), (_("Reason"), 31), (_("Duration"), 14), (_("Prisoner"), 30),
                       (_("Statements"), 17)), rows, _("No use of force."), (0, 2)))

    out.append("<h2>" + escape(_("Incidents")) + "</h2>")
    rows = [(format_time(r.occurred_at), label(r.body.get("incident_type", "")), str(r.body.get("place") or ""),
             str(r.body.get("description", "")), label(r.body.get("status", ""))) for r in summary.incidents]
    out.append(_table(((_("Time"), 8), (_("Type"), 16), (_("Place"), 14), (_("Details"), 44), (_("Status"), 18)),
                      rows, _("No incidents.")))

    out.append("<h2>" + escape(_("Urgent observations")) + "</h2>")
    rows = [(format_time(o.occurred_at), label(o.body.get("category", "")), names.get(o.prisoner_id or "", ""),
             o.author_name) for o in summary.urgent_observations]
    out.append(_table(((_("Time"), 10), (_("Category"), 35), (_("Prisoner"), 30), (_("Officer"), 25)), rows,
                      _("No urgent observations.")))

    out.append("<h2>" + escape(_("Roll discrepancies")) + "</h2>")
    rows = [(format_time(e.occurred_at), _("{counted} of {expected}").format(
        counted=e.body.get("counted"), expected=e.body.get("expected")),
        str(e.body.get("resolution") or _("Open")), e.author_name) for e in summary.roll_discrepancies]
    out.append(_table(((_("Time"), 10), (_("Counted"), 15), (_("Resolution"), 50), (_("Officer"), 25)), rows,
                      _("No roll discrepancies.")))
    if printed_by is not None:
        out.append("<p class='small'>" + escape(_("Printed by {name} ({role}). Confidential: handle as an official "
                                                  "record.").format(name=printed_by[0],
                                                                    role=role_label(printed_by[1]))) + "</p>")
    return "".join(out)
