"""Alerts and flags on a prisoner (domain.md §2.2): self-harm risk, keep apart, ..., with start, review and end
dates. Reviewing or ending an alert is a new revision carrying its reason; earlier revisions stay (rule 1)."""

from __future__ import annotations

from datetime import date

from wingdesk.domain import codes as c
from wingdesk.domain.kinds.spec import N_, Body, KindSpec
from wingdesk.domain.schema import Field, require_not_before

FIELDS = (
    Field("code", "choice", True, c.ALERT_CODES),
    Field("description", "text", True),
    Field("active_from", "date", True),
    Field("review_date", "date"),
    Field("active_to", "date"),
    Field("reviewed_on", "date"),
    Field("review_note", "text"),
    Field("end_reason", "text"),
)

# Treatment staff raise alerts in their own area (domain.md §1 "TS C (own area)"): welfare, not security.
WELFARE_CODES = ("SELF_HARM_RISK", "VULNERABLE", "PREGNANT_CARE_PLAN")

ACTIVE, PLANNED, LAPSED, ENDED = "ACTIVE", "PLANNED", "LAPSED", "ENDED"


def _dates_in_order(body: Body) -> None:
    require_not_before("active_to", body.get("active_to"), "active_from", body.get("active_from"))
    require_not_before("review_date", body.get("review_date"), "active_from", body.get("active_from"))


def alert_state(status: str, body: Body, today: date) -> str:
    """ENDED (ended by someone), LAPSED (its end date has passed), PLANNED (starts later) or ACTIVE."""
    if status == ENDED:
        return ENDED
    day = today.isoformat()
    if body.get("active_to") and str(body["active_to"]) < day:
        return LAPSED
    if str(body.get("active_from") or "") > day:
        return PLANNED
    return ACTIVE


def days_until(value: object, today: date) -> int | None:
    """Days from today to an ISO date field (negative: past); None when the field is empty."""
    return (date.fromisoformat(str(value)) - today).days if value else None


ALERT = KindSpec(
    name="alert", label=N_("Alert"), resource="alert", fields=FIELDS, subtype_field="code",
    checks=(_dates_in_order,), searchable=True, summary_fields=("description",),
    sensitivity=lambda body: "SENSITIVE",
    labels={"review_date": N_("Review by"), "reviewed_on": N_("Last reviewed"),
            "review_note": N_("Outcome of the review"), "end_reason": N_("Reason for ending"),
            "LAPSED": N_("Lapsed"), "PLANNED": N_("Not yet started")},
)
