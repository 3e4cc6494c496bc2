"""Pre-release multi-agency handover (issue 19 item 2; domain.md §2.8, §3 rules 1, 3, 5 and 8).

A `handover` record is the wing's log of one disclosure to an agency: what went (each record's id, kind and the
part of the file it was chosen for), to whom (the agency and the key it was sealed to), why (a coded legal basis or
the prisoner's consent, with the reference in words) and the sealed file's SHA-256. Signed by whoever prepared it,
kept on the wing and sent to HQ. The prisoner may see it in their own copy: who received their data is theirs to
know (Convention 108+ Art. 9).

An `outcome` record is probation's feedback after release, for research: a coded outcome and the month, nothing
in free text."""

from __future__ import annotations

from wingdesk.domain.errors import ValidationError
from wingdesk.domain.handover_codes import LEGAL_BASES, OUTCOMES
from wingdesk.domain.kinds.spec import N_, Body, KindSpec
from wingdesk.domain.schema import Field

# the legal bases a disclosure to an agency rests on (Convention 108+ Art. 5(2)); CONSENT is the prisoner's own
# the parts of the file a handover is made of, each chosen item by item
SECTIONS = ("PLAN", "NEEDS", "PROGRESS_NOTE", "CONTACT_LOG", "RISK_SUMMARY", "ASSESSMENT")

FIELDS = (
    Field("agency_id", "line", True, max_len=40),
    Field("agency_name", "line", True, max_len=100),
    Field("agency_type", "choice", True, ("probation", "social_work", "prevention", "ngo")),
    Field("sealed_to", "line", True, max_len=100),
    Field("legal_basis", "choice", True, LEGAL_BASES),
    Field("basis_detail", "text", True, max_len=2000),
    Field("items", "list"),
    Field("file_sha256", "line", True, max_len=64),
)
ITEM = (
    Field("record_id", "line", True, max_len=40),
    Field("kind", "line", True, max_len=40),
    Field("section", "choice", True, SECTIONS),
)


def _some_items(body: Body) -> None:
    if not body.get("items"):
        raise ValidationError("required", field="items")


HANDOVER = KindSpec(
    name="handover", label=N_("Handover to an agency"), resource="handover", fields=FIELDS,
    subtype_field="agency_type", nested={"items": ITEM}, checks=(_some_items,),
    summary_fields=("agency_name", "legal_basis"), sensitivity=lambda body: "SENSITIVE",
    labels={"agency_id": N_("Agency"), "agency_name": N_("Agency"), "agency_type": N_("Type of agency"),
            "sealed_to": N_("Sealed to key"), "legal_basis": N_("Legal basis"),
            "basis_detail": N_("Legal basis or consent, in words"), "items": N_("Items handed over"),
            "file_sha256": N_("Fingerprint of the file"), "section": N_("Part of the file"),
            "record_id": N_("Record"), "kind": N_("Kind of record"),
            "probation": N_("Probation service"), "social_work": N_("Social work centre"),
            "prevention": N_("Municipal prevention coordinator"), "ngo": N_("Vetted NGO"),
            "CONSENT": N_("The prisoner's written consent"), "LEGAL_OBLIGATION": N_("A duty set by law"),
            "COURT_ORDER": N_("A court order"), "PUBLIC_TASK": N_("A public task set by law"),
            "VITAL_INTERESTS": N_("To protect someone's life"),
            "PLAN": N_("Treatment plan"), "NEEDS": N_("Needs and goals"), "PROGRESS_NOTE": N_("Progress note"),
            "CONTACT_LOG": N_("Contact"), "RISK_SUMMARY": N_("Risk summary and instructions"),
            "ASSESSMENT": N_("Latest countersigned assessment")},
)



def _month(body: Body) -> None:
    """The month is kept as its first day: nothing finer is needed for research."""
    if not str(body.get("month", "")).endswith("-01"):
        raise ValidationError("bad_choice", field="month")


OUTCOME = KindSpec(
    name="outcome", label=N_("Outcome after release"), resource="handover", subtype_field="outcome",
    fields=(Field("outcome", "choice", True, OUTCOMES), Field("month", "date", True),
            Field("agency_id", "line", max_len=40), Field("handover_id", "line", max_len=40)),
    checks=(_month,), summary_fields=("month",),
    labels={"outcome": N_("Outcome"), "month": N_("Month"), "handover_id": N_("Handover"),
            "COMPLETED_SUPERVISION": N_("Completed supervision"),
            "ENGAGED_WITH_SUPERVISION": N_("Engaged with supervision"),
            "IN_WORK_OR_TRAINING": N_("In work or training"), "STABLE_HOUSING": N_("Stable housing"),
            "BREACH_OF_CONDITIONS": N_("Breach of conditions"), "RECALLED": N_("Recalled to prison"),
            "NEW_CONVICTION": N_("New conviction"), "LOST_CONTACT": N_("Lost contact")},
)
