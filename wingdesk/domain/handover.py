"""What a pre-release handover file holds (issue 19 item 2): the parts of the prisoner's file the preparer chose,
item by item, each cut down to what that part is for. Plain data and rules; services.handover gathers the records,
seals the file to the agency and keeps the handover record.

The file is JSON (format `wingdesk-handover/1`) sealed with age: the agency opens it with any age tool."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from wingdesk.domain.records import Record

FORMAT = "wingdesk-handover/1"
# parts of an assessment that name the wing's own records or staff accounts: they mean nothing to an agency and the
# sources an assessor read may be intelligence, whose mere existence is not for anyone outside the prison
_ASSESSMENT_INTERNAL = ("sources_used", "assessor_a", "assessor_b", "agreed_by", "countersigned_by", "informed_by")
RISK_FIELDS = ("level", "nature", "at_risk", "imminence", "confidence", "management_instructions",
               "next_review_date", "countersigned_on")


@dataclass(frozen=True)
class HandoverChoice:
    """One item the preparer may put in the file: a part of the file and the record it comes from."""

    section: str
    record_id: str
    kind: str
    occurred_at: str
    subtype: str | None

    @property
    def key(self) -> tuple[str, str]:
        return self.section, self.record_id


def section_content(section: str, record: Record) -> dict[str, Any]:
    """The part of a (readable, opened) record that goes into the file for this section."""
    body = record.body
    if section == "PLAN":
        return {k: v for k, v in body.items() if k != "needs"}
    if section == "NEEDS":
        return {"needs": list(body.get("needs", []))}
    if section == "RISK_SUMMARY":
        return {k: body[k] for k in RISK_FIELDS if k in body}
    if section == "ASSESSMENT":
        return {k: v for k, v in body.items() if k not in _ASSESSMENT_INTERNAL}
    return dict(body)  # PROGRESS_NOTE, CONTACT: the record as the preparer reads it


def handover_json(wing: str, made_at: str, made_by: str, agency: dict[str, str], basis: dict[str, str],
                  prisoner: dict[str, Any], items: list[tuple[HandoverChoice, Record]]) -> bytes:
    """The file's clear text, before it is sealed to the agency."""
    data = {
        "format": FORMAT, "wing": wing, "made_at": made_at, "made_by": made_by, "agency": agency,
        "legal_basis": basis, "prisoner": prisoner,
        "items": [{"section": c.section, "record_id": r.id, "kind": r.kind, "occurred_at": r.occurred_at,
                   "author_name": r.author_name, "author_role": r.author_role,
                   "content": section_content(c.section, r)} for c, r in items],
    }
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
