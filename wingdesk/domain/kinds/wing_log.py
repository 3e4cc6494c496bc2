"""Wing (shift) log entries (domain.md §2.4): one kind, a subtype per entry type, each with its own fields."""

from __future__ import annotations

from wingdesk.domain import codes as c
from wingdesk.domain.kinds.incident import FIND_TYPES
from wingdesk.domain.kinds.spec import N_, Body, KindSpec
from wingdesk.domain.schema import Field

_COMMON_LOG = (Field("text", "text"),)

ENTRY_FIELDS: dict[str, tuple[Field, ...]] = {
    "HANDOVER": (
        Field("outgoing_officer", "line", True),
        Field("incoming_officer", "line", True),
        Field("roll", "int", True, minimum=0),
        Field("open_issues", "text"),
        Field("prisoners_of_concern", "text"),
        Field("keys_equipment", "line"),
    ),
    "ROLL_COUNT": (
        Field("roll_kind", "choice", True, c.ROLL_KINDS),
        Field("expected", "int", True, minimum=0),
        Field("counted", "int", True, minimum=0),
        Field("resolution", "text"),
        Field("resolved_at", "datetime"),
    ),
    # Closes an earlier roll count's discrepancy (services.roll): where the missing prisoner was, who checked.
    "ROLL_RESOLUTION": (
        Field("roll_entry", "line", True, max_len=40),
        Field("resolved_at", "datetime", True),
        Field("whereabouts", "line", True),
        Field("checked_by", "line", True),
        Field("text", "text"),
    ),
    "UNLOCK": (Field("exceptions", "text"),),
    "LOCK_UP": (Field("exceptions", "text"),),
    "MOVEMENT": (
        Field("destination", "choice", True, c.MOVEMENT_INTERNAL + c.MOVEMENT_EXTERNAL),
        Field("direction", "choice", True, c.MOVEMENT_DIRECTIONS),
        Field("escort", "line"),
        Field("expected_back", "datetime"),  # an OUT's expected return: overdue after it (domain.presence)
        *_COMMON_LOG,
    ),
    "CELL_CHANGE": (
        Field("from_cell", "line", True),
        Field("to_cell", "line", True),
        Field("reason", "text", True),
        Field("authorised_by", "line", True),
    ),
    "SEARCH": (
        Field("search_kind", "choice", True, c.SEARCH_KINDS),
        Field("reason", "choice", True, c.SEARCH_REASONS),
        Field("place", "line"),
        Field("authorised_by", "line", True),
        Field("finds", "text"),
        Field("find_type", "choice", False, FIND_TYPES),  # finds raise an incident draft of this type
    ),
    "VISIT": (
        Field("visit_kind", "choice", True, c.VISIT_KINDS),
        Field("visitor_count", "int", True, minimum=0),
        Field("conduct", "text"),
    ),
    "INCIDENT": (
        Field("incident_type", "choice", True, c.INCIDENT_TYPES),
        Field("description", "text", True),
        Field("prisoners_involved", "text"),
        Field("staff_involved", "text"),
        Field("action_taken", "text"),
    ),
    "WELFARE_CHECK": (Field("outcome", "text", True), Field("referred_to", "line")),
    "REQUEST_COMPLAINT": (Field("summary", "text", True), Field("referred_to", "line")),
    "SUPERVISOR_VISIT": (Field("outcome", "text", True),),
    "EQUIPMENT_CHECK": (Field("outcome", "text", True),),
    "GENERAL": (Field("text", "text", True),),
}
assert tuple(ENTRY_FIELDS) == c.LOG_ENTRY_TYPES  # noqa: S101 - one list of entry types, in the menu's order


def _sensitivity(body: Body) -> str:
    return "SENSITIVE" if body.get("entry_type") in ("INCIDENT", "SEARCH") else "NORMAL"


LOG_ENTRY = KindSpec(
    name="log_entry", label=N_("Wing log entry"), resource="log_entry", subtype_field="entry_type",
    subtypes=ENTRY_FIELDS, searchable=True, sensitivity=_sensitivity,
    summary_fields=("whereabouts", "text", "description", "summary", "outcome", "reason", "exceptions", "open_issues"),
)
