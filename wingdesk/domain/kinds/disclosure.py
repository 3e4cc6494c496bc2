"""What the wing disclosed about a prisoner, to whom and why, and what it withheld and why (issue 19: subject
access now; multi-agency handover uses the same record). Signed by the person who disclosed, kept on the wing and
sent to HQ; never part of the prisoner's own copy (it is the log of the act, not data about them)."""

from __future__ import annotations

from wingdesk.domain.kinds.spec import N_, KindSpec
from wingdesk.domain.schema import Field

PURPOSES = ("SUBJECT_ACCESS",)

FIELDS = (
    Field("purpose", "choice", True, PURPOSES),
    Field("recipient", "line", True, max_len=200),
    Field("legal_basis", "text", True, max_len=2000),
    Field("disclosed", "int", True, minimum=0),
    Field("copy_sha256", "line", True, max_len=64),
    Field("withheld", "list"),
)
WITHHELD = (
    Field("record_id", "line", True, max_len=40),
    Field("kind", "line", True, max_len=40),
    Field("reason", "text", True, max_len=2000),
)

DISCLOSURE = KindSpec(
    name="disclosure", label=N_("Disclosure"), resource="disclosure", fields=FIELDS, subtype_field="purpose",
    nested={"withheld": WITHHELD}, summary_fields=("recipient",), sensitivity=lambda body: "SENSITIVE",
    in_subject_access=False,
    labels={"SUBJECT_ACCESS": N_("Subject access"), "recipient": N_("Disclosed to"),
            "legal_basis": N_("Legal basis"), "disclosed": N_("Items disclosed"),
            "copy_sha256": N_("Fingerprint of the copy"), "withheld": N_("Withheld"), "record_id": N_("Record"),
            "kind": N_("Kind of record"), "purpose": N_("Purpose")},
)
