"""Agencies HQ sent for handovers (table `agencies`, schema v29; issue 19 item 2)."""

from __future__ import annotations

from wingdesk.domain.agencies import Agency
from wingdesk.storage.base_repo import BaseRepo, Row

_COLS = "agency_id, name, agency_type, recipient, active, rev"


def _row(row: Row) -> Agency:
    return Agency(row[0], row[1], row[2], row[3], bool(row[4]), int(row[5]))


class AgenciesRepo(BaseRepo):
    def put_agency(self, agency: Agency, ref_seq: int) -> bool:
        """Store HQ's revision of an agency unless a newer one is already here; True when stored."""
        held = self.query_one("SELECT rev FROM agencies WHERE agency_id = ?", (agency.agency_id,))
        if held is not None and int(held[0]) >= agency.rev:
            return False
        self.execute("INSERT OR REPLACE INTO agencies (agency_id, name, agency_type, recipient, active, rev, ref_seq) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?)", (agency.agency_id, agency.name, agency.agency_type,
                                                      agency.recipient, int(agency.active), agency.rev, ref_seq))
        return True

    def get_agency(self, agency_id: str) -> Agency | None:
        row = self.query_one(f"SELECT {_COLS} FROM agencies WHERE agency_id = ?", (agency_id,))
        return _row(row) if row else None

    def list_agencies(self, active_only: bool = True) -> list[Agency]:
        where = "WHERE active = 1 " if active_only else ""
        return [_row(r) for r in self.query(f"SELECT {_COLS} FROM agencies {where}ORDER BY name, agency_id")]
