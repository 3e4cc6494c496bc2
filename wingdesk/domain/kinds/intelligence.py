"""Intelligence reports (domain.md §2.3 "Report (SEC)", issue 16): made by security from one or more
observations, or written by security directly, and graded by a person on the 3×5×2 scheme [CoP-APP]:

- source evaluation: 1 reliable / 2 untested / 3 not reliable;
- intelligence assessment: A known directly to the source / B known indirectly, corroborated / C known
  indirectly / D not known / E suspected false;
- handling code: P lawful sharing permitted / C sharing permitted with the written conditions.

Nothing here computes a grade: it is the security officer's judgement, stated with a short rationale. The
original text stays with security; supervisors and the governor see only the sanitised text, and only once
security has shared it with them (each sharing names to whom and why). A report graded 3 or E, or not graded,
carries a review date and is flagged for deletion review when it passes, unless renewed with a reason.
A report travels to HQ once graded, a C-coded one only after security has released it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from wingdesk.domain import codes as c
from wingdesk.domain.errors import ValidationError
from wingdesk.domain.kinds.spec import N_, Body, KindSpec
from wingdesk.domain.schema import Field

SOURCE_EVALUATIONS = ("SRC_1", "SRC_2", "SRC_3")
ASSESSMENTS = ("INT_A", "INT_B", "INT_C", "INT_D", "INT_E")
HANDLING_CODES = ("HANDLE_P", "HANDLE_C")
# what a report is about: the observation categories that can carry security information
SUBJECTS = tuple(k for k in c.OBSERVATION_CATEGORIES
                 if k not in ("POSITIVE_ENGAGEMENT", "STAFF_CONTACT_QUALITY", "NEEDS_REQUEST"))
SHARE_WITH = ("SUPERVISOR", "GOVERNOR")  # whom security may give the sanitised text to (role codes)
REVIEW_MONTHS = 6
LOW_GRADES = ("SRC_3", "INT_E")
GRADE_FIELDS = ("source_evaluation", "assessment", "handling_code")
MAX_LINKS = 100

DISSEMINATION_ITEM = (
    Field("to", "choice", True, SHARE_WITH),
    Field("reason", "text", True, max_len=1000),
    Field("by", "line", True),
    Field("at", "datetime", True),
)

FIELDS = (
    Field("subject", "choice", True, SUBJECTS),
    Field("report_text", "text", True),  # the original: security only
    Field("observation_ids", "list"),  # the observations it was made from (none: written by security directly)
    Field("source_evaluation", "choice", False, SOURCE_EVALUATIONS),
    Field("assessment", "choice", False, ASSESSMENTS),
    Field("handling_code", "choice", False, HANDLING_CODES),
    Field("handling_conditions", "text", max_len=2000),
    Field("grading_rationale", "text", max_len=2000),
    Field("sanitised_text", "text", max_len=4000),
    Field("dissemination", "list"),
    Field("linked_prisoners", "list"),
    Field("linked_reports", "list"),
    Field("linked_places", "line"),
    Field("linked_items", "line"),
    Field("review_date", "date"),
    Field("review_reason", "text", max_len=2000),
    Field("released", "bool"),
    Field("released_by", "line"),
    Field("released_at", "datetime"),
    Field("release_reason", "text", max_len=2000),
)


def is_graded(body: Mapping[str, Any]) -> bool:
    return all(body.get(name) for name in GRADE_FIELDS)


def is_low_grade(body: Mapping[str, Any]) -> bool:
    """Ungraded, or graded 3 (source not reliable) or E (suspected false): kept only while reviewed."""
    return not is_graded(body) or body.get("source_evaluation") in LOW_GRADES or body.get("assessment") in LOW_GRADES


def grade_text(body: Mapping[str, Any]) -> str:
    """"2/B/P" for a graded report, "" otherwise (codes only: the same in every language)."""
    if not is_graded(body):
        return ""
    return "/".join(str(body[name]).split("_")[1] for name in GRADE_FIELDS)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it has fewer days (31 Aug + 6 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError("no such month")  # unreachable: every month has 28 days


def _id_list(body: Body, name: str) -> None:
    items = body.get(name) or []
    if len(items) > MAX_LINKS or any(not isinstance(i, str) or not 0 < len(i) <= 64 for i in items):
        raise ValidationError("bad_list", field=name)
    if len(set(items)) != len(items):
        raise ValidationError("bad_list", field=name)


def _grading_whole(body: Body) -> None:
    """A grade is all three parts with a rationale; C needs its conditions; sharing needs a grade and text."""
    given = [name for name in GRADE_FIELDS if body.get(name)]
    if given and len(given) < len(GRADE_FIELDS):
        missing = next(name for name in GRADE_FIELDS if not body.get(name))
        raise ValidationError("required", field=missing)
    if given and not body.get("grading_rationale"):
        raise ValidationError("required", field="grading_rationale")
    if body.get("handling_code") == "HANDLE_C" and not body.get("handling_conditions"):
        raise ValidationError("required", field="handling_conditions")
    if body.get("dissemination") and not (given and body.get("sanitised_text")):
        raise ValidationError("intel_share_needs_grade", field="sanitised_text")
    if body.get("released") and not (given and body.get("released_by") and body.get("release_reason")):
        raise ValidationError("required", field="release_reason")
    for name in ("observation_ids", "linked_prisoners", "linked_reports"):
        _id_list(body, name)


def shared_with(body: Mapping[str, Any]) -> set[str]:
    return {str(item.get("to")) for item in body.get("dissemination") or [] if isinstance(item, dict)}


def disclosed_to(role: str, body: Body) -> bool:
    """Whether a role with restricted read sees this report at all: graded, with sanitised text, shared with
    that role by security; a supervisor only when the handling code is P (domain.md §1: "r (sanitised, code P)")."""
    role = role.upper()  # a role's stored code ("supervisor") as the sharing names it
    if not is_graded(body) or not body.get("sanitised_text") or role not in shared_with(body):
        return False
    return role != "SUPERVISOR" or body.get("handling_code") == "HANDLE_P"


def travels(body: Body) -> bool:
    """Goes to HQ: graded, and either P-coded or released by security (a C-coded report leaves only then)."""
    return is_graded(body) and (body.get("handling_code") == "HANDLE_P" or body.get("released") is True)


SANITISED_VIEW = ("subject", "source_evaluation", "assessment", "handling_code", "handling_conditions",
                  "sanitised_text")


def _sanitised(spec: KindSpec, body: Body) -> Body:
    return {k: body[k] for k in SANITISED_VIEW if k in body}


INTELLIGENCE_REPORT = KindSpec(
    name="intelligence_report", label=N_("Intelligence report"), resource="intelligence_report", fields=FIELDS,
    subtype_field="subject", nested={"dissemination": DISSEMINATION_ITEM}, checks=(_grading_whole,),
    restricted=_sanitised, disclosed=disclosed_to, travels=travels, searchable=True,
    summary_fields=("report_text",), sensitivity=lambda body: "RESTRICTED",
    # never in the prisoner's copy, not even as "withheld": listing it would tell them a source exists (issue 19)
    in_subject_access=False,
    labels={
        "report_text": N_("Report (original)"), "observation_ids": N_("From observations"),
        "source_evaluation": N_("Source evaluation"), "assessment": N_("Intelligence assessment"),
        "handling_code": N_("Handling code"), "handling_conditions": N_("Conditions for sharing"),
        "grading_rationale": N_("Reason for the grade"), "sanitised_text": N_("Sanitised text"),
        "dissemination": N_("Shared with"), "to": N_("Shared with"), "by": N_("Shared by"), "at": N_("Shared at"),
        "linked_prisoners": N_("Linked prisoners"), "linked_reports": N_("Linked reports"),
        "linked_places": N_("Linked places"), "linked_items": N_("Linked items"),
        "review_date": N_("Review by"), "review_reason": N_("Reason for keeping"), "released": N_("Released to HQ"),
        "released_by": N_("Released by"), "released_at": N_("Released at"),
        "release_reason": N_("Reason for release"), "subject": N_("Subject"),
        "SRC_1": N_("1 – Reliable"), "SRC_2": N_("2 – Untested"), "SRC_3": N_("3 – Not reliable"),
        "INT_A": N_("A – Known directly to the source"), "INT_B": N_("B – Known indirectly, corroborated"),
        "INT_C": N_("C – Known indirectly"), "INT_D": N_("D – Not known"), "INT_E": N_("E – Suspected false"),
        "HANDLE_P": N_("P – Lawful sharing permitted"), "HANDLE_C": N_("C – Sharing with conditions"),
        "SUPERVISOR": N_("Supervisors"), "GOVERNOR": N_("Governor"),
    },
)
