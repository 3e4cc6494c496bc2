"""An allocation decision as plain text for the screens that list one (issue 15 item 4): what it decides, its state
and review date; for full readers also the reasons, the less restrictive options weighed and a refusal's reason.
A summary reader's record (officers, supervisors) holds only what the approved decision asks of the wing, so only
that is shown: this module never widens what the service gave."""

from __future__ import annotations

from typing import Any

from wingdesk.gui.labels import code_label, field_label
from wingdesk.gui.when import day_text
from wingdesk.i18n import _

KIND = "allocation"
ASKS = ("placement", "cell_sharing", "keep_apart", "regime_activities", "contact_conditions")


def decision_title(body: dict[str, Any]) -> str:
    parts = [code_label(body.get("decision_type")), code_label(body.get("status"))]
    if body.get("review_date"):
        parts.append(_("review {date}").format(date=day_text(str(body["review_date"]))))
    return " · ".join(p for p in parts if p)


def decision_text(body: dict[str, Any], prisoner: str = "", brief: bool = False) -> str:
    """The decision; `brief`: only its state and what it asks of the wing (a list's line)."""
    lines = [prisoner] if prisoner else []
    lines.append(decision_title(body))
    for name in ASKS:
        if body.get(name):
            value = code_label(body[name]) if name == "cell_sharing" else str(body[name])
            lines.append(f"{field_label(name, KIND)}: {value}")
    if brief:
        return "\n".join(lines)
    if body.get("reasons"):
        lines.append(f"{field_label('reasons', KIND)}: {body['reasons']}")
    for option in body.get("less_restrictive_options") or []:
        lines.append(_("Considered: {option} — not enough because {why}").format(option=option.get("option", ""),
                                                                                  why=option.get("why_not", "")))
    if body.get("refusal_reason"):
        lines.append(f"{field_label('refusal_reason', KIND)}: {body['refusal_reason']}")
    if body.get("told_on"):
        lines.append(f"{field_label('told_on', KIND)}: {day_text(str(body['told_on']))}"
                     + (f" ({code_label(body['told_how'])})" if body.get("told_how") else ""))
    return "\n".join(lines)
