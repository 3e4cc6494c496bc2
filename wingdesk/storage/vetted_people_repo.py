"""Vetted outside people HQ sent (table `vetted_people`, schema v38; issue 17 item 3): every revision kept."""

from __future__ import annotations

import json

from wingdesk.domain.vetted_people import VettedPerson, newest
from wingdesk.storage.base_repo import BaseRepo, Row

_COLS = ("person_id, name, role, organisation, agency_id, wings, vetted_from, vetted_until, decision_ref, active, "
         "reason, rev")


def _row(row: Row) -> VettedPerson:
    wings = None if row[5] is None else tuple(str(w) for w in json.loads(row[5]))
    return VettedPerson(row[0], row[1], row[2], row[3], row[4], wings, row[6], row[7], row[8], bool(row[9]),
                        row[10], int(row[11]))


class VettedPeopleRepo(BaseRepo):
    def put_vetted_person(self, person: VettedPerson, ref_seq: int, at: str) -> str:
        """Keep HQ's revision of a person: "applied" when it is now their newest, "older" when kept only as history
        (a newer one is already here), "unchanged" when this revision is already held."""
        held = self.query_one("SELECT MAX(rev), SUM(rev = ?) FROM vetted_people WHERE person_id = ?",
                              (person.rev, person.person_id))
        if held is not None and held[1]:
            return "unchanged"
        wings = None if person.wings is None else json.dumps(list(person.wings), ensure_ascii=False)
        self.execute("INSERT INTO vetted_people (person_id, rev, name, role, organisation, agency_id, wings, "
                     "vetted_from, vetted_until, decision_ref, active, reason, ref_seq, received_at) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (person.person_id, person.rev, person.name, person.role, person.organisation,
                      person.agency_id, wings, person.vetted_from, person.vetted_until, person.decision_ref,
                      int(person.active), person.reason, ref_seq, at))
        return "older" if held is not None and held[0] is not None and int(held[0]) > person.rev else "applied"

    def vetted_people(self) -> list[VettedPerson]:
        """The current state of every person HQ sent (their highest revision), by name."""
        return newest([_row(r) for r in self.query(f"SELECT {_COLS} FROM vetted_people")])

    def vetted_revisions(self, person_id: str) -> list[VettedPerson]:
        return [_row(r) for r in self.query(f"SELECT {_COLS} FROM vetted_people WHERE person_id = ? ORDER BY rev",
                                            (person_id,))]
