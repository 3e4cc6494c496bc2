"""Translated labels for every stored code (domain/codes.py), role and record field name."""

from __future__ import annotations

import functools
import logging
from collections.abc import Mapping

from wingdesk.domain.errors import WingError
from wingdesk.i18n import N_, _, current_language
from wingdesk.i18n.messages import describe

log = logging.getLogger(__name__)

CODE_LABELS: dict[str, str] = {
    # sensitivity
    "NORMAL": N_("Normal"), "SENSITIVE": N_("Sensitive"), "RESTRICTED": N_("Restricted"),
    # observation categories, polarity, source
    "POSITIVE_ENGAGEMENT": N_("Positive engagement"), "WELLBEING_VULNERABILITY": N_("Wellbeing or vulnerability"),
    "ASSOCIATION_CHANGE": N_("Change of association"), "CONFLICT_INTIMIDATION": N_("Conflict or intimidation"),
    "CONTRABAND_SECURITY": N_("Contraband or security"),
    "STATEMENT_ENDORSING_VIOLENCE": N_("Statement endorsing violence"),
    "PRESSURE_ON_OTHERS": N_("Pressure on others"), "ROUTINE_CHANGE": N_("Change of routine"),
    "STAFF_CONTACT_QUALITY": N_("Quality of contact with staff"), "NEEDS_REQUEST": N_("Need or request"),
    "POSITIVE": N_("Positive"), "NEUTRAL": N_("Neutral"), "CONCERN": N_("Concern"),
    "DIRECT": N_("Seen or heard directly"), "PRISONER_DISCLOSURE": N_("Told by the prisoner"),
    "THIRD_PARTY": N_("Told by someone else"), "DOCUMENT": N_("From a document"),
    # wing log entry types
    "HANDOVER": N_("Handover"), "ROLL_COUNT": N_("Roll count"), "UNLOCK": N_("Unlock"), "LOCK_UP": N_("Lock-up"),
    "MOVEMENT": N_("Movement"), "CELL_CHANGE": N_("Cell change"), "SEARCH": N_("Search"), "VISIT": N_("Visit"),
    "INCIDENT": N_("Incident"), "WELFARE_CHECK": N_("Welfare check"),
    "REQUEST_COMPLAINT": N_("Request or complaint"), "SUPERVISOR_VISIT": N_("Supervisor's visit"),
    "EQUIPMENT_CHECK": N_("Equipment check"), "GENERAL": N_("General"),
    "FORMAL": N_("Formal"), "INFORMAL": N_("Informal"), "EMERGENCY": N_("Emergency"),
    # movements
    "WORK": N_("Work"), "EDUCATION": N_("Education"), "HEALTH": N_("Health"), "VISITS": N_("Visits"),
    "RELIGIOUS_SERVICE": N_("Religious service"), "EXERCISE": N_("Exercise"), "PROGRAMME": N_("Programme"),
    "ADJUDICATION": N_("Adjudication"), "COURT": N_("Court"), "HOSPITAL": N_("Hospital"),
    "TRANSFER": N_("Transfer"), "RELEASE": N_("Release"), "TEMP_RELEASE": N_("Temporary release"),
    "OUT": N_("Out"), "IN": N_("In"),
    # searches and visits
    "CELL": N_("Cell"), "AREA": N_("Area"), "PERSON": N_("Person"), "ROUTINE": N_("Routine"),
    "INTELLIGENCE_LED": N_("Intelligence-led"), "SOCIAL": N_("Social"), "LEGAL": N_("Legal"),
    "OFFICIAL": N_("Official"), "RELIGIOUS": N_("Religious"), "NGO": N_("NGO"),
    # incident types
    "ASSAULT": N_("Assault"), "FIGHT": N_("Fight"), "DISORDER": N_("Disorder"),
    "CONCERTED_INDISCIPLINE": N_("Concerted indiscipline"), "BARRICADE": N_("Barricade"), "DAMAGE": N_("Damage"),
    "DRUGS": N_("Drugs"), "FIND": N_("Find"), "MOBILE_PHONE": N_("Mobile phone"), "FIRE": N_("Fire"),
    "FOOD_REFUSAL": N_("Food refusal"), "SELF_HARM": N_("Self-harm"), "DEATH": N_("Death"),
    "ESCAPE_ATTEMPT": N_("Escape or attempt"), "HOSTAGE": N_("Hostage"),
    "INCIDENT_AT_HEIGHT": N_("Incident at height"), "KEY_OR_LOCK": N_("Key or lock"),
    "TOOL_LOSS": N_("Tool loss"), "BOMB_THREAT": N_("Bomb threat"), "MISCELLANEOUS": N_("Miscellaneous"),
    # shifts
    "EARLY": N_("Early shift"), "LATE": N_("Late shift"), "NIGHT": N_("Night shift"),
    # treatment plans
    "EDUCATION_TRAINING_EMPLOYMENT": N_("Education, training and employment"),
    "ACCOMMODATION": N_("Accommodation"), "FAMILY_RELATIONSHIPS": N_("Family relationships"),
    "PEERS_ASSOCIATES": N_("Peers and associates"), "SUBSTANCE_USE": N_("Substance use"),
    "MENTAL_HEALTH_WELLBEING": N_("Mental health and wellbeing"),
    "THINKING_BEHAVIOUR": N_("Thinking and behaviour"),
    "ATTITUDES_IDENTITY_BELONGING": N_("Attitudes, identity and belonging"), "FINANCE": N_("Finance"),
    "FAITH_PASTORAL": N_("Faith and pastoral care"), "VOCATIONAL": N_("Vocational training"),
    "PSYCHOLOGICAL": N_("Psychological support"), "SOCIAL_WORK": N_("Social work"),
    "RELIGIOUS_COUNSELLING": N_("Religious counselling"), "MENTORING_PEER": N_("Mentoring or peer support"),
    "FAMILY_CONTACT": N_("Family contact"), "SPORT_CULTURE": N_("Sport and culture"),
    "PRE_RELEASE_PROBATION": N_("Pre-release and probation"), "PLANNED": N_("Planned"),
    "IN_PROGRESS": N_("In progress"), "COMPLETED": N_("Completed"), "STOPPED": N_("Stopped"),
    "DRAFT": N_("Draft"), "AGREED": N_("Agreed"), "DO_NOT_AGREE": N_("Does not agree"),
    "COULD_NOT_ANSWER": N_("Could not answer"), "AWAITING_COUNTERSIGN": N_("Awaiting countersignature"),
    "ACTIVE": N_("Active"), "UNDER_REVIEW": N_("Under review"), "CLOSED": N_("Closed"),
    "REJECTED": N_("Rejected"), "REMAIN": N_("Remain on plan"), "PLAN_UPDATED": N_("Plan updated"),
    "CLOSE": N_("Close plan"), "PEOPLE_INFORMED": N_("People informed"), "OPEN": N_("Open"),
    "ACHIEVED": N_("Achieved"), "ENDED": N_("Ended"),
    # contacts
    "FAMILY": N_("Family"), "RELIGIOUS_COUNSELLOR": N_("Religious counsellor"), "PEER_MENTOR": N_("Peer mentor"),
    "VOLUNTEER_NGO": N_("Volunteer or NGO"), "PROBATION": N_("Probation"),
    "SOCIAL_WORK_CENTRE": N_("Social work centre"), "EDUCATION_EMPLOYER": N_("Education or employer"),
    "MUNICIPAL_PCVE_COORDINATOR": N_("Municipal prevention coordinator"), "POLICE": N_("Police"),
    "PHONE": N_("Phone"), "VIDEO": N_("Video call"), "LETTER": N_("Letter"), "MEETING": N_("Meeting"),
    "SESSION": N_("Session"), "NOT_REQUIRED": N_("Not required"), "PENDING": N_("Pending"),
    "VETTED": N_("Vetted"), "REFUSED": N_("Refused"),
    "EXPIRED": N_("Vetting expired"), "NOT_YET_VALID": N_("Vetting not yet valid"),
    "WITHDRAWN": N_("Vetting withdrawn"), "NOT_LISTED_HERE": N_("Not listed for this prison"),
    "NOT_ON_LIST": N_("Not on HQ's vetted list"),
    "religious_counsellor": N_("Religious counsellor"), "volunteer": N_("Volunteer"),
    "ngo_worker": N_("NGO worker"), "peer_mentor": N_("Peer mentor"),
    # alerts
    "SELF_HARM_RISK": N_("Self-harm risk"), "VULNERABLE": N_("Vulnerable"), "KEEP_APART": N_("Keep apart"),
    "RISK_TO_STAFF": N_("Risk to staff"), "RISK_TO_OTHERS": N_("Risk to others"),
    "ESCAPE_RISK": N_("Escape risk"), "PREGNANT_CARE_PLAN": N_("Pregnancy or care plan"),
    "DO_NOT_DISCLOSE": N_("Do not disclose"),
    # profile
    "REMAND": N_("Remand"), "CONVICTED": N_("Convicted"), "OTHER": N_("Other"),
    "F": N_("Female"), "M": N_("Male"), "X": N_("Other or not stated"), "NONE": N_("None"),
    "TERRORISM_RELATED_CONVICTION": N_("Terrorism-related conviction"),
    "RADICALISATION_CONCERN_UNDER_ASSESSMENT": N_("Radicalisation concern under assessment"),
    "IN_CUSTODY": N_("In custody"), "TRANSFERRED": N_("Transferred out"), "RELEASED": N_("Released"),
    "ROLL_RESOLUTION": N_("Roll discrepancy resolved"),
    # disciplines and day states
    "PSY": N_("Psychology"), "SW": N_("Social work"), "EDU": N_("Education"), "REL": N_("Religious counselling"),
    "SUBMITTED": N_("Submitted"), "RETURNED": N_("Returned"), "ANNOTATED": N_("Answered"),
    "COUNTERSIGNED": N_("Countersigned"), "SEALED": N_("Sealed"),
    # amendments
    "AMENDMENT": N_("Amendment"), "ANNOTATION": N_("Officer's answer"), "COMMENT": N_("Supervisor's comment"),
    "PRISONER_COMMENT": N_("Prisoner's comment"), "WITHHOLD": N_("Withheld from the prisoner's copy"),
    "DISCLOSE": N_("Disclosed in the prisoner's copy again"),
}

ROLE_LABELS = {
    "officer": N_("Wing officer"), "supervisor": N_("Supervisor"), "treatment": N_("Treatment staff"),
    "security": N_("Security officer"), "governor": N_("Governor"), "admin": N_("Administrator"),
}

FIELD_LABELS = {
    "category": N_("Category"), "polarity": N_("Polarity"), "what_seen_heard": N_("What was seen or heard"),
    "where": N_("Where"), "who_present": N_("Who was present"), "officer_assessment": N_("Officer's assessment"),
    "source_type": N_("Source"), "urgent": N_("Urgent"), "text": N_("Text"),
    "outgoing_officer": N_("Outgoing officer"), "incoming_officer": N_("Incoming officer"), "roll": N_("Roll"),
    "open_issues": N_("Open issues"), "prisoners_of_concern": N_("Prisoners of concern"),
    "keys_equipment": N_("Keys and equipment"), "roll_kind": N_("Kind of count"), "expected": N_("Expected"),
    "counted": N_("Counted"), "resolution": N_("Resolution"), "resolved_at": N_("Resolved at"),
    "exceptions": N_("Exceptions"), "destination": N_("Destination"), "direction": N_("Direction"),
    "escort": N_("Escort"), "from_cell": N_("From cell"), "to_cell": N_("To cell"), "reason": N_("Reason"),
    "authorised_by": N_("Authorised by"), "search_kind": N_("Kind of search"), "place": N_("Place"),
    "finds": N_("Finds"), "visit_kind": N_("Kind of visit"), "visitor_count": N_("Number of visitors"),
    "conduct": N_("Conduct"), "incident_type": N_("Type of incident"), "description": N_("Description"),
    "prisoners_involved": N_("Prisoners involved"), "staff_involved": N_("Staff involved"),
    "action_taken": N_("Action taken"), "outcome": N_("Outcome"), "referred_to": N_("Referred to"),
    "summary": N_("Summary"), "reason_for_plan": N_("Reason for the plan"),
    "prisoner_goals_own_words": N_("Prisoner's goals in their own words"),
    "motivation_notes": N_("Motivation"), "agreement_status": N_("Agreement"),
    "agreement_note": N_("Agreement note"), "status": N_("Status"), "first_review_date": N_("First review"),
    "needs": N_("Needs"), "steps": N_("Steps"), "reviews": N_("Reviews"), "area": N_("Area"),
    "goal_text": N_("Goal"), "target_date": N_("Target date"), "step_type": N_("Type of step"),
    "responsible_person": N_("Responsible person"), "responsible_role": N_("Responsible role"),
    "start_date": N_("Start date"), "end_date": N_("End date"), "date": N_("Date"), "attendees": N_("Attendees"),
    "action": N_("Action"), "next_review_date": N_("Next review"), "discipline": N_("Discipline"),
    "linked_goal": N_("Linked goal"), "contact_type": N_("Type of contact"), "name": N_("Name"),
    "organisation": N_("Organisation"), "relationship": N_("Relationship"), "role_in_plan": N_("Role in the plan"),
    "vetting_status": N_("Vetting"), "consent_to_share": N_("Consent to share"),
    "vetted_person_id": N_("Vetted person"), "vetted_standing": N_("Vetting on HQ's list"),
    "vetting_reason": N_("Reason for logging it anyway"),
    "contact_kind": N_("Kind of contact"), "code": N_("Alert"), "active_from": N_("Active from"),
    "active_to": N_("Active until"), "entry_type": N_("Type of entry"), "number": N_("Prison number"),
    "given_name": N_("Given name"), "family_name": N_("Family name"), "sex": N_("Sex"),
    "legal_status": N_("Legal status"), "name_cyrillic": N_("Name in Cyrillic"),
    "date_of_birth": N_("Date of birth"), "cell": N_("Cell"), "admission_date": N_("Admission date"),
    "expected_release": N_("Expected release"), "languages": N_("Languages"),
    "interpreter_needed": N_("Interpreter needed"), "username": N_("User name"),
    "display_name": N_("Full name"), "passphrase": N_("Passphrase"), "wing": N_("Wing"), "prison": N_("Prison"),
    "prisoner": N_("Prisoner"), "record": N_("Record"), "shift": N_("Shift"), "day": N_("Day"),
    "occurred_at": N_("Happened at"),
    # admission and where a prisoner is (issue 14)
    "family_name_cyrillic": N_("Family name in Cyrillic"), "given_name_cyrillic": N_("Given name in Cyrillic"),
    "first_time": N_("First time in custody"), "groups": N_("Special groups"), "location": N_("Where now"),
    "young_adult_age": N_("Young adult age"), "expected_back": N_("Expected back"), "roll_entry": N_("Roll count"),
    "whereabouts": N_("Where the prisoner was"), "checked_by": N_("Checked by"),
    # admission deadlines of special groups (issue 15 item 3)
    "screening_hours": N_("Hours allowed for the reception screening"),
    "needs_days": N_("Days allowed for the needs assessment"),
}


# field names and codes a record kind declares with itself (wingdesk.domain.kinds): a new kind brings its labels
# (read on first use: the sign-in window shows errors through this module and must not load the registry)
@functools.cache
def kind_own_labels() -> dict[str, str]:
    from wingdesk.domain.kinds import KINDS

    return {key: text for spec in KINDS.values() for key, text in spec.labels.items()}


# codes HQ added to a built-in list (domain.code_lists: the plan step types), code -> {language: label}; set by
# `set_added_labels` from services.treatment.added_step_types when the window opens and after each HQ import
_ADDED: dict[str, Mapping[str, str]] = {}


def set_added_labels(labels: Mapping[str, Mapping[str, str]]) -> None:
    """Install the labels of the codes HQ added (every version's, retired ones too: old records keep them)."""
    _ADDED.clear()
    _ADDED.update(labels)


def code_label(code: object) -> str:
    """The translated label of a stored code (here or in a record kind's declaration), else the label HQ published
    for it in the user's language (English when it has none there); unknown codes as they are."""
    text = CODE_LABELS.get(str(code)) or kind_own_labels().get(str(code))
    if text:
        return _(text)
    added = _ADDED.get(str(code))
    if added:
        return added.get(current_language()) or added.get("en") or str(code)
    return str(code)


def role_label(role: object) -> str:
    text = ROLE_LABELS.get(str(role))
    return _(text) if text else str(role)


def kind_label(kind: object) -> str:
    from wingdesk.domain.kinds import KINDS

    spec = KINDS.get(str(kind))
    return _(spec.label) if spec else str(kind)


def field_label(name: str, kind: str | None = None) -> str:
    """A field's translated label; a kind's own label first when the field is known to belong to that kind."""
    spec = None
    if kind:
        from wingdesk.domain.kinds import KINDS

        spec = KINDS.get(kind)
    text = (spec.labels.get(name) if spec else None) or FIELD_LABELS.get(name) or kind_own_labels().get(name)
    return _(text) if text else name.replace("_", " ")


def error_text(error: BaseException) -> str:
    """One translated sentence for an error, with the field named in the user's language."""
    if isinstance(error, WingError):
        # "field" and, for two-field rules such as date order, "other" name fields: shown by their labels
        params = error.params
        kind = params.get("kind")
        named = {key: field_label(value, kind if isinstance(kind, str) else None)
                 for key in ("field", "other") if isinstance(value := params.get(key), str)}
        if named:
            return describe(type(error)(error.code, **{**params, **named}))
        return describe(error)
    log.error("unexpected error: %s at %s", type(error).__name__, _where(error))
    return _("Something went wrong ({kind}). Try again; if it happens again, tell the administrator.").format(
        kind=type(error).__name__
    )


def _where(error: BaseException) -> str:
    """Where an unexpected error was raised, as module:function:line of its innermost frame, for the
    administrator's log. Never the error's message: it may quote record text or a name."""
    trace = error.__traceback__
    if trace is None:
        return "?"
    while trace.tb_next is not None:
        trace = trace.tb_next
    code = trace.tb_frame.f_code
    return f"{trace.tb_frame.f_globals.get('__name__', '?')}:{code.co_name}:{trace.tb_lineno}"
