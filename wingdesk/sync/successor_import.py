"""The wing's reading of HQ's successor package (issue 22 item 4): roster rows under the dead PC's ids and the
record lines, for services.successor to write. HQ's identity of a prisoner is checked as a roster item's is
(sync.wing_reference); a prisoner HQ holds no valid identity for keeps only its prison number (docs/security.md §6a).
"""

from __future__ import annotations

from dataclasses import replace

from wingdesk.domain.people import Prisoner
from wingdesk.services.successor_types import SuccessorContents
from wingdesk.sync.successor_package import SuccessorPackage
from wingdesk.sync.wing_reference import new_prisoner

NO_NAME = ""  # the given name of a prisoner HQ holds no identity for: the prison number stands in the family name
_STATUSES = ("IN_CUSTODY", "RELEASED", "TRANSFERRED")
# lines the wing writes (sync.wing_records.extra_line) that HQ keeps and hands on too
EXTRA_KINDS = ("amendment", "countersignature", "tombstone")


def successor_contents(package: SuccessorPackage, wing: str) -> SuccessorContents:
    prisoners, unnamed = [], []
    for entry in package.prisoners:
        prisoner_id, number = str(entry["prisoner_id"]), str(entry["number"])
        identity = entry.get("identity")
        found = new_prisoner({"prisoner": {**identity, "number": number}}, wing, prisoner_id) if isinstance(
            identity, dict) else None
        if found is None:
            unnamed.append(prisoner_id)
            found = Prisoner(prisoner_id, number, wing, NO_NAME, number, "X", "OTHER")
        status = entry.get("status")
        prisoners.append(replace(found, status=status if status in _STATUSES else "IN_CUSTODY"))
    records = [line["body"] for line in package.records if isinstance(line["body"].get("record"), dict)]
    extras = {kind: [line["body"] for line in package.records if line["kind"] == kind] for kind in EXTRA_KINDS}
    return SuccessorContents(package.predecessor_id, package.users, prisoners, tuple(unnamed), records,
                             extras["amendment"], extras["countersignature"], extras["tombstone"])

