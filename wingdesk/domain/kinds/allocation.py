"""An allocation or risk-management decision (issue 15 item 4, domain.md §3 rules 9 and 14): placement (wing or
cell, cell sharing, keep-apart), regime and activities, contact conditions, resting on a signed-off assessment,
with the reasons, the less restrictive options considered and why each was not enough, a review date, and the
governor's approval; the prisoner is told the decision and its reasons. People decide: nothing here computes it."""

from __future__ import annotations

from wingdesk.domain.errors import ValidationError
from wingdesk.domain.kinds.spec import N_, Body, KindSpec
from wingdesk.domain.schema import Field

DECISIONS = ("PLACEMENT", "REGIME", "CONTACT")
CELL_SHARING = ("SINGLE_CELL", "SHARED_CELL", "SHARED_WITH_CONDITIONS")
PROPOSED, APPROVED, REFUSED = "PROPOSED", "APPROVED", "REFUSED"
TOLD_HOW = ("IN_PERSON", "WITH_INTERPRETER", "IN_WRITING")

OPTION = (  # a less restrictive option the decision-makers considered, and why it was not enough
    Field("option", "text", True, max_len=1000),
    Field("why_not", "text", True, max_len=2000),
)

FIELDS = (
    Field("decision_type", "choice", True, DECISIONS),
    Field("assessment_id", "line", True, max_len=40),
    Field("placement", "line", max_len=200),
    Field("cell_sharing", "choice", False, CELL_SHARING),
    Field("keep_apart", "text", max_len=2000),
    Field("regime_activities", "text", max_len=4000),
    Field("contact_conditions", "text", max_len=4000),
    Field("reasons", "text", True, max_len=8000),
    Field("less_restrictive_options", "list"),
    Field("review_date", "date", True),
    Field("status", "choice", True, (PROPOSED, APPROVED, REFUSED)),
    Field("decided_by", "line", max_len=40),
    Field("decided_on", "date"),
    Field("refusal_reason", "text", max_len=4000),
    Field("told_on", "date"),
    Field("told_how", "choice", False, TOLD_HOW),
)


def _considered(body: Body) -> None:
    if not body.get("less_restrictive_options"):
        raise ValidationError("required", field="less_restrictive_options")
    if not any(body.get(name) for name in ("placement", "cell_sharing", "keep_apart", "regime_activities",
                                            "contact_conditions")):
        raise ValidationError("required", field="placement")  # a decision decides something


def _wing_view(spec: KindSpec, body: Body) -> Body:
    """Officers and supervisors: what the approved decision asks of the wing, and its review date; never the
    reasons, the options weighed or the refusal."""
    if body.get("status") != APPROVED:
        return {"decision_type": body.get("decision_type"), "status": body.get("status")}
    kept = ("decision_type", "status", "placement", "cell_sharing", "keep_apart", "regime_activities",
            "contact_conditions", "review_date")
    return {k: body[k] for k in kept if k in body}


ALLOCATION = KindSpec(
    name="allocation", label=N_("Allocation decision"), resource="allocation", fields=FIELDS,
    subtype_field="decision_type", nested={"less_restrictive_options": OPTION}, checks=(_considered,),
    restricted=_wing_view, summary_fields=("decision_type", "status"), sensitivity=lambda body: "SENSITIVE",
    labels={
        "decision_type": N_("Decision"), "PLACEMENT": N_("Placement"), "REGIME": N_("Regime and activities"),
        "CONTACT": N_("Contact conditions"), "assessment_id": N_("Assessment it rests on"),
        "placement": N_("Wing or cell"), "cell_sharing": N_("Cell sharing"), "SINGLE_CELL": N_("Single cell"),
        "SHARED_CELL": N_("Shared cell"), "SHARED_WITH_CONDITIONS": N_("Shared, with conditions"),
        "keep_apart": N_("Keep apart from"), "regime_activities": N_("Regime and activities"),
        "contact_conditions": N_("Contact conditions"), "reasons": N_("Reasons"),
        "less_restrictive_options": N_("Less restrictive options considered"), "option": N_("Option"),
        "why_not": N_("Why it was not enough"), "review_date": N_("Review date"), "status": N_("Status"),
        "PROPOSED": N_("Proposed"), "APPROVED": N_("Approved by the governor"), "REFUSED": N_("Refused"),
        "decided_by": N_("Decided by"), "decided_on": N_("Decided on"), "refusal_reason": N_("Why it was refused"),
        "told_on": N_("Prisoner told on"), "told_how": N_("How the prisoner was told"),
        "IN_PERSON": N_("In person"), "WITH_INTERPRETER": N_("With an interpreter"), "IN_WRITING": N_("In writing"),
    },
)
