"""Handover agencies kept at HQ (issue 19 item 2): probation, social work centres, municipal prevention
coordinators and vetted NGOs, each with its age public key. Kept as `agency` reference items queued for every
device, so they reach the wings in the next HQ-signed bundle like the roster and the accounts; a change or a
removal is the next revision of the same item (the wing keeps only the newest)."""

from __future__ import annotations

import uuid

from wingdesk.crypto.public_keys import require_age_recipient
from wingdesk.domain.agencies import AGENCY_TYPES, Agency, agency_from_body
from wingdesk.hq.ingest import HqContext
from wingdesk.hq.outbox import add_reference

_NS = uuid.UUID("2b0f6a52-0c51-4f55-9a84-5d0e8f3b7c21")


class AgencyRefused(ValueError):
    """`code`: bad_agency (a name or type that is not allowed), duplicate_agency, unknown_agency."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def list_agencies(ctx: HqContext, include_removed: bool = False) -> list[Agency]:
    """The newest revision of each agency, by name."""
    newest: dict[str, Agency] = {}
    with ctx.store.transaction(write=False) as repo:
        items = [i for i in repo.reference_items("") if i["kind"] == "agency"]
    for item in items:
        agency = agency_from_body(item["body"], item["rev"])
        if agency is not None and (agency.agency_id not in newest or newest[agency.agency_id].rev < agency.rev):
            newest[agency.agency_id] = agency
    return sorted((a for a in newest.values() if include_removed or a.active), key=lambda a: (a.name, a.agency_id))


def add_agency(ctx: HqContext, name: str, agency_type: str, recipient: str) -> Agency:
    """List a new agency (or bring back a removed one under the same name) for every wing."""
    require_age_recipient(recipient)  # WeakPublicKey: nothing is queued
    name = name.strip()
    known = {a.name.casefold(): a for a in list_agencies(ctx, include_removed=True)}
    held = known.get(name.casefold())
    if held is not None and held.active:
        raise AgencyRefused("duplicate_agency")
    agency_id = held.agency_id if held else str(uuid.uuid5(_NS, name.casefold()))
    agency = Agency(agency_id, name, agency_type, recipient, True, held.rev + 1 if held else 1)
    if agency_type not in AGENCY_TYPES or agency_from_body(agency.body(), agency.rev) is None:
        raise AgencyRefused("bad_agency")
    add_reference(ctx, "agency", agency.body(), record_id=agency.agency_id, rev=agency.rev)
    return agency


def remove_agency(ctx: HqContext, name: str) -> Agency:
    """Take an agency off the list: the wings seal nothing more to it (their past handovers still name it)."""
    held = next((a for a in list_agencies(ctx) if a.name.casefold() == name.strip().casefold()), None)
    if held is None:
        raise AgencyRefused("unknown_agency")
    removed = Agency(held.agency_id, held.name, held.agency_type, held.recipient, False, held.rev + 1)
    add_reference(ctx, "agency", removed.body(), record_id=removed.agency_id, rev=removed.rev)
    return removed
