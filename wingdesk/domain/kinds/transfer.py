"""Transfer between prisons (issue 19 item 1; domain.md §4 "Transfers", §5 scenario 13).

A `transfer` record is the wing's signed log of one package: OUT on the sending wing (it carries the sealed
envelope to HQ, which routes it to the receiving device without opening it), IN on the receiving wing once its
governor accepted it (the prisoner's file arrived by transfer). A `transfer_receipt` record is the receiving
governor's signed acknowledgement; HQ routes it back to the sending device. `sent_by`/`received_by` are the
records' authors; the hashes are `package_sha256`."""

from __future__ import annotations

from wingdesk.domain.errors import ValidationError
from wingdesk.domain.kinds.spec import N_, Body, KindSpec
from wingdesk.domain.schema import Field
from wingdesk.domain.transfer import MAX_ENVELOPE

DIRECTIONS = ("OUT", "IN")


def _envelope_only_out(body: Body) -> None:
    if (body.get("direction") == "OUT") != bool(body.get("envelope")):
        raise ValidationError("required", field="envelope")


TRANSFER = KindSpec(
    name="transfer", label=N_("Transfer to another prison"), resource="transfer",
    fields=(Field("direction", "choice", True, DIRECTIONS), Field("transfer_id", "line", True, max_len=40),
            Field("other_device", "line", True, max_len=40), Field("other_wing", "line", True, max_len=100),
            Field("package_sha256", "line", True, max_len=64),
            Field("envelope", "text", max_len=MAX_ENVELOPE * 2)),
    subtype_field="direction", checks=(_envelope_only_out,), summary_fields=("other_wing",),
    sensitivity=lambda body: "SENSITIVE",
    in_subject_access=False,  # the wing's log of a sealed package; the records it carried are in the copy
    labels={"direction": N_("Direction"), "OUT": N_("Sent to another prison"), "IN": N_("Arrived by transfer"),
            "transfer_id": N_("Transfer"), "other_device": N_("Other prison's PC"),
            "other_wing": N_("Other prison"), "package_sha256": N_("Fingerprint of the package"),
            "envelope": N_("Sealed package")},
)

TRANSFER_RECEIPT = KindSpec(
    name="transfer_receipt", label=N_("Transfer receipt"), resource="transfer",
    fields=(Field("transfer_id", "line", True, max_len=40), Field("other_device", "line", True, max_len=40),
            Field("package_sha256", "line", True, max_len=64), Field("status", "choice", True, ("ACCEPTED",))),
    subtype_field="status", summary_fields=("transfer_id",), in_subject_access=False,
    labels={"transfer_id": N_("Transfer"), "other_device": N_("Other prison's PC"),
            "package_sha256": N_("Fingerprint of the package"), "status": N_("Status"),
            "ACCEPTED": N_("Accepted")},
)
