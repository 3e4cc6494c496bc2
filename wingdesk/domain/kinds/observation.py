"""Dynamic-security observation (domain.md §2.3): what an officer saw or heard, in facts, with its source."""

from __future__ import annotations

from wingdesk.domain import codes as c
from wingdesk.domain.kinds.intelligence import ASSESSMENTS, SOURCE_EVALUATIONS
from wingdesk.domain.kinds.spec import N_, Body, KindSpec
from wingdesk.domain.schema import Field

FIELDS = (
    Field("category", "choice", True, c.OBSERVATION_CATEGORIES),
    Field("polarity", "choice", True, c.POLARITIES),
    Field("what_seen_heard", "text", True),
    Field("where", "line"),
    Field("who_present", "line"),
    Field("officer_assessment", "text"),
    Field("source_type", "choice", True, c.SOURCE_TYPES),
    Field("urgent", "bool"),
    # proposed grading (issue 16): the officer's view of the source and of the information; security grades
    Field("proposed_source", "choice", False, SOURCE_EVALUATIONS),
    Field("proposed_assessment", "choice", False, ASSESSMENTS),
)


def _sensitivity(body: Body) -> str:
    return "SENSITIVE" if body.get("urgent") or body.get("polarity") == "CONCERN" else "NORMAL"


OBSERVATION = KindSpec(
    name="observation", label=N_("Observation"), resource="observation", fields=FIELDS,
    subtype_field="category", searchable=True, summary_fields=("what_seen_heard",), sensitivity=_sensitivity,
    labels={"proposed_source": N_("Proposed source evaluation"),
            "proposed_assessment": N_("Proposed intelligence assessment")},
)
