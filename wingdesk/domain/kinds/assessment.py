"""Risk and needs (re)assessment (domain.md §2.7, issue 15 item 2): a structured professional judgement made with
one version of an instrument, rated by two assessors independently, agreed, and countersigned by a lead.

Two kinds: the assessment itself (what was agreed, the overall judgement people chose, the prisoner informed and
their comments) and each assessor's own ratings, kept as a separate record so the second assessor cannot read the
first's before submitting theirs (services/assessments.py decides who sees which). Nothing here computes a level
(domain.md rule 4, §3 rule 9): the level is a code an assessor picks.
"""

from __future__ import annotations

from wingdesk.domain.kinds.spec import N_, Body, KindSpec
from wingdesk.domain.schema import Field, require_not_before

ASSESSMENT_KINDS = ("SCREENING_AT_ADMISSION", "INITIAL", "PERIODIC", "EVENT_TRIGGERED", "PRE_RELEASE")
DRAFT, RATED, SECOND_RATED, AGREED, COUNTERSIGNED = "DRAFT", "RATED", "SECOND_RATED", "AGREED", "COUNTERSIGNED"
STATUSES = (DRAFT, RATED, SECOND_RATED, AGREED, COUNTERSIGNED)
# The overall judgement (domain.md §2.7: level, nature, who is at risk, imminence, confidence), chosen by people.
LEVELS = ("LOW", "MODERATE", "HIGH")
NATURES = ("VIOLENCE", "EXTREMIST_VIOLENCE", "SUPPORT_FOR_VIOLENCE", "SELF_HARM", "OTHER_HARM")
AT_RISK = ("STAFF", "OTHER_PRISONERS", "PUBLIC", "KNOWN_PERSON", "SELF", "NONE_IDENTIFIED")
IMMINENCE = ("NOT_IMMINENT", "WITHIN_MONTHS", "WITHIN_WEEKS", "IMMEDIATE")
CONFIDENCE = ("LOW", "MODERATE", "HIGH")
INFORMED_HOW = ("IN_PERSON", "WITH_INTERPRETER", "IN_WRITING")
POSITIONS = ("FIRST", "SECOND")
JUDGEMENT = ("level", "nature", "at_risk", "imminence", "confidence", "formulation", "management_instructions",
             "next_review_date")

RATING = (  # one rated part (an item, or a domain's own judgement) of the instrument
    Field("part", "line", True, max_len=80),
    Field("rating", "line", True, max_len=40),
    Field("rationale", "text"),
)
SOURCE = (Field("record_id", "line", True, max_len=40),)  # an observation, report or note the assessor read
COMMENT = (  # the prisoner disputes a domain in their own words; the rating stays as it was
    Field("part", "line", True, max_len=80),
    Field("comment", "text", True),
    Field("recorded_on", "date", True),
)

FIELDS = (
    Field("assessment_kind", "choice", True, ASSESSMENT_KINDS),
    Field("instrument_id", "line", True, max_len=80),
    Field("instrument_version", "int", True, minimum=1),
    Field("status", "choice", True, STATUSES),
    Field("sources_used", "list"),
    Field("assessor_a", "line", max_len=40),
    Field("assessor_b", "line", max_len=40),
    Field("agreed_by", "line", max_len=40),  # the assessor who proposed the agreed ratings; the other confirms
    Field("agreed", "list"),
    Field("level", "choice", False, LEVELS),
    Field("nature", "choice", False, NATURES),
    Field("at_risk", "choice", False, AT_RISK),
    Field("imminence", "choice", False, IMMINENCE),
    Field("confidence", "choice", False, CONFIDENCE),
    Field("formulation", "text"),
    Field("management_instructions", "text"),
    Field("next_review_date", "date"),
    Field("countersigned_by", "line", max_len=40),
    Field("countersigned_on", "date"),
    Field("informed_on", "date"),
    Field("informed_how", "choice", False, INFORMED_HOW),
    Field("informed_by", "line", max_len=40),
    Field("participated", "bool"),
    Field("prisoner_comments", "list"),
)


def _dates(body: Body) -> None:
    require_not_before("next_review_date", body.get("next_review_date"), "countersigned_on",
                       body.get("countersigned_on"))


def _wing_view(spec: KindSpec, body: Body) -> Body:
    """Officers and supervisors (domain.md §1 "r (level + instructions)"): the level once countersigned, the
    instructions for the wing and the review date; never ratings, rationale, formulation or comments."""
    kept: Body = {k: body[k] for k in ("assessment_kind", "status", "next_review_date") if k in body}
    if body.get("status") == COUNTERSIGNED:
        kept["level"] = body.get("level")
        kept["management_instructions"] = body.get("management_instructions")
    return kept


ASSESSMENT = KindSpec(
    name="assessment", label=N_("Assessment"), resource="assessment", fields=FIELDS,
    subtype_field="assessment_kind", nested={"sources_used": SOURCE, "agreed": RATING, "prisoner_comments": COMMENT},
    checks=(_dates,), restricted=_wing_view, summary_fields=("level",), sensitivity=lambda body: "SENSITIVE",
    labels={
        "assessment_kind": N_("Kind of assessment"), "SCREENING_AT_ADMISSION": N_("Screening at admission"),
        "INITIAL": N_("Initial assessment"), "PERIODIC": N_("Periodic review"),
        "EVENT_TRIGGERED": N_("Review after an event"), "PRE_RELEASE": N_("Pre-release assessment"),
        "instrument_id": N_("Instrument"), "instrument_version": N_("Instrument version"),
        "sources_used": N_("Sources used"), "assessor_a": N_("First assessor"), "assessor_b": N_("Second assessor"),
        "agreed_by": N_("Agreed ratings proposed by"), "agreed": N_("Agreed ratings"), "level": N_("Level"),
        "nature": N_("Nature of the risk"), "at_risk": N_("Who is at risk"), "imminence": N_("Imminence"),
        "confidence": N_("Confidence"), "formulation": N_("Formulation"),
        "management_instructions": N_("Instructions for the wing"), "next_review_date": N_("Next review"),
        "countersigned_by": N_("Countersigned by"), "countersigned_on": N_("Countersigned on"),
        "informed_on": N_("Prisoner informed on"), "informed_how": N_("How the prisoner was informed"),
        "informed_by": N_("Informed by"), "participated": N_("Prisoner took part"),
        "prisoner_comments": N_("Prisoner's comments"),
        "RATED": N_("Rated by the first assessor"), "SECOND_RATED": N_("Rated by both assessors"),
        "AGREED": N_("Agreed"), "COUNTERSIGNED": N_("Countersigned"),
        "VIOLENCE": N_("Violence"), "EXTREMIST_VIOLENCE": N_("Extremist violence"),
        "SUPPORT_FOR_VIOLENCE": N_("Support for violence"), "SELF_HARM": N_("Self-harm"),
        "OTHER_HARM": N_("Other harm"), "STAFF": N_("Staff"), "OTHER_PRISONERS": N_("Other prisoners"),
        "PUBLIC": N_("The public"), "KNOWN_PERSON": N_("A known person"), "SELF": N_("The prisoner themselves"),
        "NONE_IDENTIFIED": N_("No one identified"), "NOT_IMMINENT": N_("Not imminent"),
        "WITHIN_MONTHS": N_("Within months"), "WITHIN_WEEKS": N_("Within weeks"), "IMMEDIATE": N_("Immediate"),
        "IN_PERSON": N_("In person"), "WITH_INTERPRETER": N_("With an interpreter"),
        "IN_WRITING": N_("In writing"), "LOW": N_("Low"), "MODERATE": N_("Moderate"), "HIGH": N_("High"),
        "part": N_("Domain or item"), "rating": N_("Rating"), "rationale": N_("Rationale"),
        "record_id": N_("Record"), "comment": N_("Comment"), "recorded_on": N_("Recorded on"),
    },
)

RATING_FIELDS = (
    Field("assessment_id", "line", True, max_len=40),
    Field("position", "choice", True, POSITIONS),
    Field("ratings", "list"),
)

ASSESSMENT_RATING = KindSpec(
    name="assessment_rating", label=N_("Assessor's ratings"), resource="assessment_rating", fields=RATING_FIELDS,
    subtype_field="position", nested={"ratings": RATING}, sensitivity=lambda body: "SENSITIVE",
    labels={"assessment_id": N_("Assessment"), "position": N_("Assessor"), "ratings": N_("Ratings"),
            "FIRST": N_("First assessor"), "SECOND": N_("Second assessor")},
)
