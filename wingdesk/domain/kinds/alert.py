"""Alerts and flags on a prisoner (domain.md §2.2): self-harm risk, keep apart, ..., with start, review and end
dates. Reviewing or ending an alert is a new revision carrying its reason; earlier revisions stay (rule 1)."""

from __future__ import annotations

from datetime import date

from wingdesk.domain import codes as c
from wingdesk.domain.kinds.spec import N_, Body, KindSpec
from wingdesk.domain.roles import Role
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
    # carried from another prison on a transfer (issue 19 item 1): who wrote the original there, and when; the
    # original, signed, stays in the stored transfer package (its id: carried_record_id)
    Field("carried_from", "line", max_len=100),
    Field("carried_author", "line", max_len=200),
    Field("carried_author_role", "choice", False, tuple(str(role) for role in Role)),
    Field("carried_written_on", "date"),
    Field("carried_record_id", "line", max_len=40),
)
CARRIED_FROM_ORIGINAL = ("code", "description", "active_from", "active_to", "review_date")

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


def carried_alert(item: Body, from_wing: str, today: date) -> Body | None:
    """The body of the alert a receiving wing writes for an alert carried in a transfer package: the original's
    code, text and dates, and who wrote it where and when; None when it is no longer in force (ended or lapsed on
    the way). Raises ValidationError (via ALERT.clean) for an alert this version cannot hold."""
    body = item.get("body")
    if item.get("kind") != "alert" or not isinstance(body, dict):
        return None
    if alert_state(str(item.get("status") or ACTIVE), body, today) in (ENDED, LAPSED):
        return None
    carried = {name: body.get(name) for name in CARRIED_FROM_ORIGINAL}
    if not carried["review_date"] and not carried["active_to"]:
        carried["review_date"] = today.isoformat()  # every alert is reviewed or lapses (domain.md §3 rule 10)
    role = str(item.get("author_role") or "")
    return ALERT.clean({**carried, "carried_from": from_wing, "carried_author": item.get("author_name"),
                        "carried_author_role": role if role in tuple(str(r) for r in Role) else None,
                        "carried_written_on": str(item.get("recorded_at") or "")[:10] or None,
                        "carried_record_id": item.get("id")})


def days_until(value: object, today: date) -> int | None:
    """Days from today to an ISO date field (negative: past); None when the field is empty."""
    return (date.fromisoformat(str(value)) - today).days if value else None


ALERT = KindSpec(
    name="alert", label=N_("Alert"), resource="alert", fields=FIELDS, subtype_field="code",
    checks=(_dates_in_order,), searchable=True, summary_fields=("description",),
    sensitivity=lambda body: "SENSITIVE",
    labels={"review_date": N_("Review by"), "reviewed_on": N_("Last reviewed"),
            "review_note": N_("Outcome of the review"), "end_reason": N_("Reason for ending"),
            "LAPSED": N_("Lapsed"), "PLANNED": N_("Not yet started"),
            "carried_from": N_("Carried from"), "carried_author": N_("Originally written by"),
            "carried_author_role": N_("In the role of"), "carried_written_on": N_("Originally written on"),
            "carried_record_id": N_("Original alert"),
            # role codes as the carried author's role shows them (the same words as gui.labels.ROLE_LABELS)
            "officer": N_("Wing officer"), "supervisor": N_("Supervisor"), "treatment": N_("Treatment staff"),
            "security": N_("Security officer"), "governor": N_("Governor"), "admin": N_("Administrator")},
)
