"""Treatment records (domain.md §2.5–2.7): the individual plan, sealed progress notes, disengagement contacts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from wingdesk.domain import codes as c
from wingdesk.domain.kinds.spec import N_, Body, HqStorage, KindSpec, keep, keep_structured
from wingdesk.domain.schema import Field, require_not_before
from wingdesk.domain.vetted_people import STANDINGS, VETTED

PLAN_FIELDS = (
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


def _plan_dates(body: Body) -> None:
    for step in body.get("steps", []):
        require_not_before("end_date", step.get("end_date"), "start_date", step.get("start_date"))
    for review in body.get("reviews", []):
        require_not_before("next_review_date", review.get("next_review_date"), "date", review.get("date"))


def _plan_wing_actions(spec: KindSpec, body: Body) -> Body:
    """Officers see what the wing must do (steps, review dates), not the prisoner's goals or reviews."""
    kept = keep_structured(spec, body)
    kept["needs"] = [{"area": n.get("area")} for n in body.get("needs", [])]
    kept["steps"] = [{k: s.get(k) for k in ("step_type", "description", "responsible_person", "status")}
                     for s in body.get("steps", [])]
    return kept


PLAN = KindSpec(
    name="plan", label=N_("Treatment plan"), resource="plan", fields=PLAN_FIELDS, subtype_field="status",
    nested={"needs": NEED, "steps": STEP, "reviews": REVIEW}, checks=(_plan_dates,), restricted=_plan_wing_actions,
    summary_fields=("prisoner_goals_own_words",), sensitivity=lambda body: "SENSITIVE",
)



def plan_accepting(step_types: Iterable[str]) -> KindSpec:
    """PLAN whose steps also accept `step_types` beside the built-in ones: the interventions HQ added
    (domain.code_lists), which the caller (services.treatment) reads from the wing's store and passes in."""
    added = tuple(dict.fromkeys(code for code in step_types if code not in c.STEP_TYPES))
    if not added:
        return PLAN
    step = tuple(replace(f, choices=(*f.choices, *added)) if f.name == "step_type" else f for f in STEP)
    return replace(PLAN, nested={**PLAN.nested, "steps": step})


NOTE_FIELDS = (
    Field("discipline", "choice", True, ("PSY", "SW", "EDU", "REL")),
    Field("linked_goal", "line"),
    Field("text", "text", True),
)

PROGRESS_NOTE = KindSpec(
    name="progress_note", label=N_("Progress note"), resource="progress_note", fields=NOTE_FIELDS,
    subtype_field="discipline", restricted=keep("discipline"), sealed_fields=("text", "linked_goal"),
    summary_fields=("text",), sensitivity=lambda body: "RESTRICTED", hq_storage=HqStorage.SEALED,
)

CONTACT_FIELDS = (
    Field("contact_type", "choice", True, c.CONTACT_TYPES),
    Field("name", "line", True),
    Field("organisation", "line"),
    Field("relationship", "line"),
    Field("role_in_plan", "text"),
    Field("vetting_status", "choice", False, ("NOT_REQUIRED", "PENDING", "VETTED", "REFUSED")),
    Field("consent_to_share", "bool"),
    Field("contact_kind", "choice", True, c.CONTACT_KINDS),
    Field("summary", "text", True),
    # the person picked from HQ's vetted list (issue 17 item 3), where their vetting stood here when the contact was
    # logged, and, when it did not hold (or the person is not on the list), the reason given for logging it anyway
    Field("vetted_person_id", "line"),
    Field("vetted_standing", "choice", False, STANDINGS),
    Field("vetting_reason", "text"),
)
CONTACT_PICKED = ("vetted_person_id", "vetted_standing", "vetting_reason")  # set by the vetted-person picker


def _vetting_reason(body: Body) -> None:
    """People decide, reasons are recorded: a contact with someone whose vetting does not hold here needs one."""
    from wingdesk.domain.errors import ValidationError

    if body.get("vetted_standing") not in (None, VETTED) and not str(body.get("vetting_reason") or "").strip():
        raise ValidationError("required", field="vetting_reason")


CONTACT = KindSpec(
    name="contact", label=N_("Contact"), resource="contact", fields=CONTACT_FIELDS, subtype_field="contact_type",
    checks=(_vetting_reason,),
    restricted=keep("contact_type", "name", "organisation", "vetting_status", "contact_kind",
                    "vetted_standing"), searchable=True,
    summary_fields=("name", "summary"), sensitivity=lambda body: "SENSITIVE",
)
