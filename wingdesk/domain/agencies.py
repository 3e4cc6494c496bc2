"""Agencies a wing may hand a prisoner's file to before release (issue 19 item 2; domain.md §2.8, §3).

HQ keeps the list (probation, social work centre, municipal prevention coordinator, vetted NGO) with each agency's
age public key, and sends it to the wings with its reference data, signed by HQ. A wing seals a handover only to
an agency on this list, and only while it is active."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

AGENCY_TYPES = ("probation", "social_work", "prevention", "ngo")
_NAME = re.compile(r"[^\x00-\x1f\x7f]{1,100}")  # one line, no control characters


@dataclass(frozen=True)
class Agency:
    agency_id: str
    name: str
    agency_type: str
    recipient: str  # the agency's age X25519 public key (age1…)
    active: bool
    rev: int

    def body(self) -> dict[str, Any]:
        """The reference-data body HQ sends (record_id = agency_id, rev = rev)."""
        return {"agency_id": self.agency_id, "name": self.name, "type": self.agency_type,
                "recipient": self.recipient, "active": self.active}


def agency_from_body(body: dict[str, Any], rev: int) -> Agency | None:
    """The agency an HQ item describes, or None when a field is missing or malformed (the recipient's key itself is
    checked by the adapter that stores it)."""
    agency_id, name, kind, recipient = (body.get(k) for k in ("agency_id", "name", "type", "recipient"))
    if not (isinstance(agency_id, str) and 0 < len(agency_id) <= 40):
        return None
    if not (isinstance(name, str) and _NAME.fullmatch(name) and name.strip() == name):
        return None
    if kind not in AGENCY_TYPES or not isinstance(recipient, str) or not recipient.startswith("age1"):
        return None
    if not isinstance(body.get("active"), bool) or len(recipient) > 100:
        return None
    return Agency(agency_id, name, str(kind), recipient, body["active"], rev)
