"""Vetted outside people (issue 17 item 3): religious counsellors, volunteers, NGO workers and peer mentors HQ has
vetted to work with prisoners, the prisons they may visit and for how long (rule of law: only vetted outside people
work with prisoners; people decide, reasons are recorded).

HQ keeps each person as revisions of one reference item (a renewal or a withdrawal is the next revision, nothing is
deleted) and sends a person only to the wings listed for them; a wing keeps every revision it received and reads
the newest as the person's current state."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

ROLES = ("religious_counsellor", "volunteer", "ngo_worker", "peer_mentor")
# the contact type (domain.codes.CONTACT_TYPES) a contact with a person of this role is logged under
ROLE_CONTACT_TYPE = {"religious_counsellor": "RELIGIOUS_COUNSELLOR", "volunteer": "VOLUNTEER_NGO",
                     "ngo_worker": "VOLUNTEER_NGO", "peer_mentor": "PEER_MENTOR"}
OUTSIDE_CONTACT_TYPES = ("RELIGIOUS_COUNSELLOR", "VOLUNTEER_NGO", "PEER_MENTOR")  # picked from the vetted list

# what a contact record says about the person's vetting when it was logged (the contact's `vetted_standing`)
VETTED, EXPIRED, NOT_YET_VALID, WITHDRAWN, NOT_LISTED_HERE, NOT_ON_LIST = (
    "VETTED", "EXPIRED", "NOT_YET_VALID", "WITHDRAWN", "NOT_LISTED_HERE", "NOT_ON_LIST")
STANDINGS = (VETTED, EXPIRED, NOT_YET_VALID, WITHDRAWN, NOT_LISTED_HERE, NOT_ON_LIST)

MAX_NAME, MAX_ORGANISATION, MAX_REFERENCE, MAX_REASON, MAX_WING, MAX_WINGS = 120, 120, 60, 500, 200, 200
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def clean_text(text: object, limit: int, required: bool = True) -> str | None:
    """`text` as one stripped line of at most `limit` characters with no control or format character (no
    direction mark: a name must read the same on every screen), or None when it is not."""
    if not isinstance(text, str):
        return None
    value = text.strip()
    if (required and not value) or len(value) > limit:
        return None
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in value):
        return None
    return value


def day_of(text: object) -> date | None:
    if not isinstance(text, str) or not _DAY.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


@dataclass(frozen=True)
class VettedPerson:
    person_id: str
    name: str
    role: str
    organisation: str
    agency_id: str  # "" or one of HQ's listed agencies (domain.agencies)
    wings: tuple[str, ...] | None  # None: every prison; else the wing names of the PCs chosen (shown, never matched
    # at HQ); a wing receives [its own name] when listed for it, [] when taken off the list
    vetted_from: str  # YYYY-MM-DD
    vetted_until: str  # YYYY-MM-DD, the last day the vetting holds
    decision_ref: str  # the reference number of the vetting decision
    active: bool  # False: withdrawn
    reason: str  # why it was withdrawn ("" while active)
    rev: int
    devices: tuple[str, ...] | None = None  # HQ only: the enrolled PCs chosen (their ids), what HQ routes by

    def body(self) -> dict[str, Any]:
        """The reference-data body HQ sends (record_id = person_id, rev = rev)."""
        return {"person_id": self.person_id, "name": self.name, "role": self.role,
                "organisation": self.organisation, "agency_id": self.agency_id,
                "wings": None if self.wings is None else list(self.wings), "vetted_from": self.vetted_from,
                "vetted_until": self.vetted_until, "decision_ref": self.decision_ref, "active": self.active,
                "reason": self.reason, **({} if self.devices is None else {"devices": list(self.devices)})}

    @property
    def contact_type(self) -> str:
        return ROLE_CONTACT_TYPE[self.role]

    def permits(self, wing: str) -> bool:
        """Is this person listed for the wing of exactly that name? (A wing's name is what it wrote in its own
        enrolment request, so HQ routes by the PCs chosen, not by name; what a wing receives names only itself.)"""
        return self.wings is None or wing[:MAX_WING] in self.wings

    def standing(self, today: date, wing: str) -> str:
        """VETTED, or why not: WITHDRAWN, NOT_LISTED_HERE, NOT_YET_VALID or EXPIRED (in that order)."""
        if not self.active:
            return WITHDRAWN
        if not self.permits(wing):
            return NOT_LISTED_HERE
        if today < date.fromisoformat(self.vetted_from):
            return NOT_YET_VALID
        if today > date.fromisoformat(self.vetted_until):
            return EXPIRED
        return VETTED

    def days_left(self, today: date) -> int:
        """Days from `today` to the last day of the vetting (0: it ends today; negative: it has ended)."""
        return (date.fromisoformat(self.vetted_until) - today).days


def person_from_body(body: dict[str, Any], rev: int) -> VettedPerson | None:
    """The person an HQ item describes, or None when a field is missing or malformed."""
    person_id, agency_id = body.get("person_id"), body.get("agency_id", "")
    if not (isinstance(person_id, str) and 0 < len(person_id) <= 40) or not isinstance(agency_id, str) or len(
            agency_id) > 40 or not isinstance(rev, int) or isinstance(rev, bool) or rev < 1:
        return None
    name = clean_text(body.get("name"), MAX_NAME)
    organisation = clean_text(body.get("organisation", ""), MAX_ORGANISATION, required=False)
    decision = clean_text(body.get("decision_ref"), MAX_REFERENCE)
    reason = clean_text(body.get("reason", ""), MAX_REASON, required=False)
    start, end = day_of(body.get("vetted_from")), day_of(body.get("vetted_until"))
    wings, devices = _wings(body.get("wings")), _devices(body.get("devices"))
    active = body.get("active")
    if None in (name, organisation, decision, reason, start, end) or False in (wings, devices) or not isinstance(
            active, bool):
        return None
    if body.get("role") not in ROLES or end < start or (not active and not reason):  # type: ignore[operator]
        return None
    return VettedPerson(person_id, str(name), str(body["role"]), str(organisation), agency_id,
                        wings if isinstance(wings, tuple) else None, str(body["vetted_from"]),
                        str(body["vetted_until"]), str(decision), active, str(reason), rev,
                        devices if isinstance(devices, tuple) else None)


def _wings(value: object) -> tuple[str, ...] | None | bool:
    """None (every prison), the wing names, or False when malformed. An empty list is what HQ sends a wing taken
    off the person's list (the wing's view names only itself)."""
    if value is None:
        return None
    if not isinstance(value, list) or len(value) > MAX_WINGS:
        return False
    # the names HQ enrolled its wings under, exactly (they are matched, never typed here; shown escaped)
    if not all(isinstance(w, str) and 0 < len(w) <= MAX_WING for w in value):
        return False
    return tuple(str(w) for w in value)


def _devices(value: object) -> tuple[str, ...] | None | bool:
    """None (not given: every prison, or a wing's view), the PC ids chosen, or False when malformed."""
    if value is None:
        return None
    if not isinstance(value, list) or not 0 < len(value) <= MAX_WINGS or not all(
            isinstance(d, str) and 0 < len(d) <= 40 for d in value):
        return False
    return tuple(str(d) for d in value)


def newest(people: list[VettedPerson]) -> list[VettedPerson]:
    """The highest revision of each person, by name."""
    held: dict[str, VettedPerson] = {}
    for person in people:
        if person.person_id not in held or held[person.person_id].rev < person.rev:
            held[person.person_id] = person
    return sorted(held.values(), key=lambda p: (p.name.casefold(), p.person_id))
