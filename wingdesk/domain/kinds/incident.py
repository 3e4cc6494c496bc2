"""Incident reports and use-of-force reports with each involved officer's own statement (domain.md §2.4,
scenarios 5 and 6; §3 rule 12: every use of force and restraint is recorded and reviewed).

An incident goes DRAFT → AWAITING_REVIEW → CLOSED (the supervisor closes it). A use-of-force report is
SUBMITTED by the reporting officer, each officer it names writes and signs their own statement (a record of its
own, so it carries its author's signature like every record), and the supervisor COMPLETEs it."""

from __future__ import annotations

from wingdesk.domain import codes as c
from wingdesk.domain.errors import ValidationError
from wingdesk.domain.kinds.spec import N_, Body, KindSpec
from wingdesk.domain.schema import Field

INCIDENT_STATUS = ("DRAFT", "AWAITING_REVIEW", "CLOSED")
PRISONER_ROLES = ("ASSAILANT", "SUSPECTED_ASSAILANT", "VICTIM", "FIGHTER", "PERPETRATOR", "IN_POSSESSION",
                  "PRESENT_AT_SCENE", "SUSPECTED_INVOLVED")
STAFF_ROLES = ("FIRST_ON_SCENE", "ACTIVELY_INVOLVED", "WITNESS", "VICTIM", "AUTHORISING_OFFICER", "HEALTHCARE")
FIND_TYPES = ("FIND", "MOBILE_PHONE", "DRUGS")  # the incident types a search's finds raise

UOF_STATUS = ("SUBMITTED", "COMPLETE")
UOF_REASONS = ("ASSAULT_ON_STAFF", "ASSAULT_ON_PRISONER", "FIGHT_BETWEEN_PRISONERS", "SELF_HARM_PREVENTION",
               "REFUSAL_TO_RELOCATE", "DISORDER", "ESCAPE_PREVENTION", "DAMAGE_TO_PROPERTY")
UOF_TECHNIQUES = ("GUIDING_HOLD", "ESCORTING_HOLD", "RESTRAINT_STANDING", "RESTRAINT_KNEELING",
                  "RESTRAINT_PRONE", "RESTRAINT_SUPINE", "PAIN_INDUCING_TECHNIQUE", "BATON_DRAWN", "BATON_USED")
UOF_RESTRAINTS = ("HANDCUFFS", "LEG_RESTRAINTS", "BODY_BELT")

PRISONER_ITEM = (
    Field("prisoner_id", "line", True),
    Field("role", "choice", True, PRISONER_ROLES),
)
STAFF_ITEM = (
    Field("user_id", "line", True),
    Field("name", "line", True),
    Field("role", "choice", True, STAFF_ROLES),
)

INCIDENT_FIELDS = (
    Field("incident_type", "choice", True, c.INCIDENT_TYPES),
    Field("status", "choice", True, INCIDENT_STATUS),
    Field("place", "line"),
    Field("description", "text", True),
    Field("injuries", "text"),
    Field("actions_taken", "text"),
    Field("referrals", "text"),
    Field("source_entry_id", "line"),  # the wing-log search entry whose finds raised this draft
    Field("review_note", "text"),  # the supervisor's, when closing
    Field("prisoners", "list"),
    Field("staff", "list"),
)

# what must be filled in before an incident goes for review, and what closing adds
FOR_REVIEW = ("place", "injuries", "actions_taken")
FOR_CLOSING = (*FOR_REVIEW, "review_note")


def _ready_for_status(body: Body) -> None:
    status = body.get("status")
    needed = FOR_CLOSING if status == "CLOSED" else FOR_REVIEW if status == "AWAITING_REVIEW" else ()
    for name in needed:
        if not body.get(name):
            raise ValidationError("incident_incomplete", field=name)
    if needed and not body.get("staff"):
        raise ValidationError("incident_incomplete", field="staff")


INCIDENT = KindSpec(
    name="incident", label=N_("Incident report"), resource="incident", fields=INCIDENT_FIELDS,
    subtype_field="incident_type", nested={"prisoners": PRISONER_ITEM, "staff": STAFF_ITEM},
    checks=(_ready_for_status,), searchable=True, summary_fields=("description",),
    sensitivity=lambda body: "SENSITIVE",
    labels={
        "incident": N_("Incident report"), "injuries": N_("Injuries"), "actions_taken": N_("Actions taken"),
        "referrals": N_("Referrals"), "source_entry_id": N_("From search entry"),
        "review_note": N_("Supervisor's review"), "prisoners": N_("Prisoners involved"),
        "staff": N_("Staff involved"), "prisoner_id": N_("Prisoner"), "user_id": N_("Officer"), "role": N_("Role"),
        "DRAFT": N_("Draft"), "AWAITING_REVIEW": N_("Awaiting review"), "CLOSED": N_("Closed"),
        "ASSAILANT": N_("Assailant"), "SUSPECTED_ASSAILANT": N_("Suspected assailant"), "VICTIM": N_("Victim"),
        "FIGHTER": N_("Fighter"), "PERPETRATOR": N_("Perpetrator"), "IN_POSSESSION": N_("In possession"),
        "PRESENT_AT_SCENE": N_("Present at the scene"), "SUSPECTED_INVOLVED": N_("Suspected of involvement"),
        "FIRST_ON_SCENE": N_("First on scene"), "ACTIVELY_INVOLVED": N_("Actively involved"),
        "WITNESS": N_("Witness"), "AUTHORISING_OFFICER": N_("Authorising officer"), "HEALTHCARE": N_("Healthcare"),
        "find_type": N_("What was found"),
    },
)

UOF_FIELDS = (
    Field("primary_reason", "choice", True, UOF_REASONS),
    Field("reasons", "list", choices=UOF_REASONS),
    Field("status", "choice", True, UOF_STATUS),
    Field("place", "line", True),
    Field("description", "text", True),
    Field("positive_communication", "bool"),
    Field("techniques", "list", choices=UOF_TECHNIQUES),
    Field("restraints", "list", choices=UOF_RESTRAINTS),
    Field("duration_minutes", "int", True, minimum=0),
    Field("camera_ids", "line"),
    Field("prisoner_injuries", "text"),
    Field("staff_injuries", "text"),
    Field("healthcare_seen", "bool"),
    Field("healthcare_seen_at", "datetime"),
    Field("healthcare_seen_by", "line"),
    Field("incident_id", "line"),
    Field("supervisor_note", "text"),
    Field("prisoners", "list"),
    Field("staff", "list"),
)


def _uof_rules(body: Body) -> None:
    if not body.get("staff"):
        raise ValidationError("required", field="staff")
    if body.get("healthcare_seen"):
        for name in ("healthcare_seen_at", "healthcare_seen_by"):
            if not body.get(name):
                raise ValidationError("required", field=name)
    ids = [s["user_id"] for s in body["staff"]]
    if len(set(ids)) != len(ids):
        raise ValidationError("duplicate", field="staff")
    if body.get("status") == "COMPLETE" and not body.get("supervisor_note"):
        raise ValidationError("required", field="supervisor_note")


USE_OF_FORCE = KindSpec(
    name="use_of_force", label=N_("Use-of-force report"), resource="use_of_force", fields=UOF_FIELDS,
    subtype_field="primary_reason", nested={"prisoners": PRISONER_ITEM, "staff": STAFF_ITEM},
    checks=(_uof_rules,), searchable=True, summary_fields=("description",), sensitivity=lambda body: "SENSITIVE",
    labels={
        "use_of_force": N_("Use-of-force report"), "primary_reason": N_("Main reason"), "reasons": N_("Reasons"),
        "positive_communication": N_("De-escalation by talking tried first"), "techniques": N_("Techniques"),
        "restraints": N_("Restraints"), "duration_minutes": N_("Duration (minutes)"),
        "camera_ids": N_("Camera ids"), "prisoner_injuries": N_("Prisoner's injuries"),
        "staff_injuries": N_("Staff injuries"), "healthcare_seen": N_("Seen by healthcare"),
        "healthcare_seen_at": N_("Seen by healthcare at"), "healthcare_seen_by": N_("Seen by healthcare: who"),
        "incident_id": N_("Incident report"), "supervisor_note": N_("Supervisor's conclusion"),
        "SUBMITTED": N_("Submitted"), "COMPLETE": N_("Complete"),
        "ASSAULT_ON_STAFF": N_("Assault on staff"), "ASSAULT_ON_PRISONER": N_("Assault on a prisoner"),
        "FIGHT_BETWEEN_PRISONERS": N_("Fight between prisoners"),
        "SELF_HARM_PREVENTION": N_("Preventing self-harm"), "REFUSAL_TO_RELOCATE": N_("Refusal to relocate"),
        "DISORDER": N_("Disorder"), "ESCAPE_PREVENTION": N_("Preventing an escape"),
        "DAMAGE_TO_PROPERTY": N_("Damage to property"),
        "GUIDING_HOLD": N_("Guiding hold"), "ESCORTING_HOLD": N_("Escorting hold"),
        "RESTRAINT_STANDING": N_("Standing restraint"), "RESTRAINT_KNEELING": N_("Kneeling restraint"),
        "RESTRAINT_PRONE": N_("Face-down restraint"), "RESTRAINT_SUPINE": N_("Face-up restraint"),
        "PAIN_INDUCING_TECHNIQUE": N_("Pain-inducing technique"), "BATON_DRAWN": N_("Baton drawn"),
        "BATON_USED": N_("Baton used"), "HANDCUFFS": N_("Handcuffs"), "LEG_RESTRAINTS": N_("Leg restraints"),
        "BODY_BELT": N_("Body belt"),
    },
)

STATEMENT_FIELDS = (
    Field("report_id", "line", True),
    Field("involvement", "choice", True, STAFF_ROLES),
    Field("account", "text", True),
    Field("techniques_used", "list", choices=UOF_TECHNIQUES),
    Field("own_injuries", "text"),
)

USE_OF_FORCE_STATEMENT = KindSpec(
    name="use_of_force_statement", label=N_("Use-of-force statement"), resource="use_of_force",
    fields=STATEMENT_FIELDS, subtype_field="involvement", searchable=True, summary_fields=("account",),
    sensitivity=lambda body: "SENSITIVE",
    labels={"use_of_force_statement": N_("Use-of-force statement"), "report_id": N_("Use-of-force report"),
            "involvement": N_("Involvement"), "account": N_("Own account"),
            "techniques_used": N_("Techniques I used"), "own_injuries": N_("My injuries")},
)
