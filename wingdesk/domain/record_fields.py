"""Body field declarations per record kind and per wing-log entry type (domain.md §2.3–2.8)."""

from __future__ import annotations

from wingdesk.domain import codes as c
from wingdesk.domain.schema import Field

OBSERVATION = (
    Field("category", "choice", True, c.OBSERVATION_CATEGORIES),
    Field("polarity", "choice", True, c.POLARITIES),
    Field("what_seen_heard", "text", True),
    Field("where", "line"),
    Field("who_present", "line"),
    Field("officer_assessment", "text"),
    Field("source_type", "choice", True, c.SOURCE_TYPES),
    Field("urgent", "bool"),
)

_COMMON_LOG = (Field("text", "text"),)

LOG_ENTRY_FIELDS: dict[str, tuple[Field, ...]] = {
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
    "UNLOCK": (Field("exceptions", "text"),),
    "LOCK_UP": (Field("exceptions", "text"),),
    "MOVEMENT": (
        Field("destination", "choice", True, c.MOVEMENT_INTERNAL + c.MOVEMENT_EXTERNAL),
        Field("direction", "choice", True, c.MOVEMENT_DIRECTIONS),
        Field("escort", "line"),
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

PLAN = (
    Field("reason_for_plan", "text", True),
    Field("prisoner_goals_own_words", "text", True),
    Field("motivation_notes", "text"),
    Field("agreement_status", "choice", True, c.AGREEMENT_STATUS),
    Field("agreement_note", "text"),
    Field("status", "choice", True, c.PLAN_STATUS),
    Field("first_review_date", "date"),
    Field("needs", "list"),
    Field("steps", "list"),
    Field("reviews", "list"),
)

NEED = (
    Field("area", "choice", True, c.NEED_AREAS),
    Field("goal_text", "text", True),
    Field("target_date", "date"),
    Field("status", "choice", False, ("OPEN", "ACHIEVED", "CLOSED")),
)

STEP = (
    Field("step_type", "choice", True, c.STEP_TYPES),
    Field("description", "text", True),
    Field("responsible_person", "line", True),
    Field("responsible_role", "line"),
    Field("status", "choice", True, c.STEP_STATUS),
    Field("start_date", "date"),
    Field("end_date", "date"),
)

REVIEW = (
    Field("date", "date", True),
    Field("attendees", "text"),
    Field("summary", "text", True),
    Field("action", "choice", True, c.REVIEW_ACTIONS),
    Field("next_review_date", "date"),
)

PROGRESS_NOTE = (
    Field("discipline", "choice", True, ("PSY", "SW", "EDU", "REL")),
    Field("linked_goal", "line"),
    Field("text", "text", True),
)

CONTACT = (
    Field("contact_type", "choice", True, c.CONTACT_TYPES),
    Field("name", "line", True),
    Field("organisation", "line"),
    Field("relationship", "line"),
    Field("role_in_plan", "text"),
    Field("vetting_status", "choice", False, ("NOT_REQUIRED", "PENDING", "VETTED", "REFUSED")),
    Field("consent_to_share", "bool"),
    Field("contact_kind", "choice", True, c.CONTACT_KINDS),
    Field("summary", "text", True),
)

ALERT = (
    Field("code", "choice", True, c.ALERT_CODES),
    Field("description", "text", True),
    Field("active_from", "date", True),
    Field("active_to", "date"),
)
