"""A prisoner's violent-extremist-offender status as set at the wing (domain.md §2.2, issue 15 item 3): NONE,
TERRORISM_RELATED_CONVICTION (its basis: the offence) or RADICALISATION_CONCERN_UNDER_ASSESSMENT, which is
time-limited: it needs a review date and lapses unless renewed by a countersigned assessment
(domain/veo_rules.py). Set by people with their reasons; nothing computes it (domain.md §3 rule 9)."""

from __future__ import annotations

from wingdesk.domain import codes as c
from wingdesk.domain.errors import ValidationError
from wingdesk.domain.kinds.spec import N_, Body, KindSpec
from wingdesk.domain.schema import Field

CONCERN, CONVICTION = "RADICALISATION_CONCERN_UNDER_ASSESSMENT", "TERRORISM_RELATED_CONVICTION"

FIELDS = (
    Field("veo_status", "choice", True, c.VEO_STATUS),
    Field("basis", "text", True, max_len=2000),  # the offence, or why the concern was raised
    Field("review_date", "date"),
)


def _review_for_concern(body: Body) -> None:
    if body.get("veo_status") == CONCERN and not body.get("review_date"):
        raise ValidationError("required", field="review_date")


VEO_STATUS = KindSpec(
    name="veo_status", label=N_("Extremism status"), resource="veo_status", fields=FIELDS,
    subtype_field="veo_status", checks=(_review_for_concern,), summary_fields=("veo_status", "review_date"),
    sensitivity=lambda body: "SENSITIVE",
    labels={"veo_status": N_("Extremism status"), "basis": N_("Basis"), "review_date": N_("Review date"),
            "NONE": N_("None"), CONVICTION: N_("Terrorism-related conviction"),
            CONCERN: N_("Radicalisation concern under assessment")},
)
