"""The wing's reading of HQ's successor package (issue 22 item 4, sync.successor_import): prisoners under the dead
PC's ids with the identity HQ holds, checked as a roster item is; a prisoner HQ holds no (valid) identity for keeps
its prison number in place of the name; record, amendment and countersignature lines kept apart."""

from __future__ import annotations

from wingdesk.sync.successor_import import successor_contents
from wingdesk.sync.successor_package import SuccessorPackage

IDENTITY = {"number": "A-1", "given_name": "Ana", "family_name": "Admitted", "sex": "F", "legal_status": "REMAND",
            "date_of_birth": "1990-02-03", "cell": "B1-04"}


def _package(prisoners, records=()):
    return SuccessorPackage("new", "0190a000-0000-7000-8000-000000000001", "B-Wing", 1, "0" * 64, 0, "", [],
                            list(records), prisoners)


def test_prisoners_keep_the_dead_pcs_ids_and_the_identity_hq_holds():
    contents = successor_contents(_package([
        {"prisoner_id": "p1", "number": "A-1", "identity": IDENTITY, "status": "RELEASED"},
        {"prisoner_id": "p2", "number": "T-2", "identity": None, "status": "TRANSFERRED"},
        {"prisoner_id": "p3", "number": "X-3", "identity": {**IDENTITY, "sex": "?"}, "status": "nonsense"}]), "B-Wing")
    by_id = {p.id: p for p in contents.prisoners}
    named = by_id["p1"]
    assert (named.number, named.given_name, named.family_name, named.sex, named.legal_status, named.date_of_birth,
            named.cell, named.status, named.wing) == ("A-1", "Ana", "Admitted", "F", "REMAND", "1990-02-03", "B1-04",
                                                      "RELEASED", "B-Wing")
    unnamed = by_id["p2"]  # came by a sealed transfer: HQ holds only the number
    assert (unnamed.family_name, unnamed.given_name, unnamed.sex, unnamed.legal_status, unnamed.status) == (
        "T-2", "", "X", "OTHER", "TRANSFERRED")
    invalid = by_id["p3"]  # an identity that is not a valid one is not used; an unknown status is not either
    assert (invalid.family_name, invalid.number, invalid.status) == ("X-3", "X-3", "IN_CUSTODY")
    assert set(contents.unnamed) == {"p2", "p3"}


def test_the_number_the_records_carry_wins_over_the_identitys_own():
    contents = successor_contents(_package([{"prisoner_id": "p1", "number": "A-1-NEW",
                                             "identity": IDENTITY, "status": "IN_CUSTODY"}]), "B-Wing")
    assert contents.prisoners[0].number == "A-1-NEW"


def test_lines_are_sorted_by_what_they_are():
    lines = [{"record_id": "r", "rev": 1, "kind": "observation", "body": {"record": {"id": "r"}}},
             {"record_id": "a", "rev": 1, "kind": "amendment", "body": {"id": "a"}},
             {"record_id": "c", "rev": 1, "kind": "countersignature", "body": {"id": "c"}},
             {"record_id": "k", "rev": 1, "kind": "user_key", "body": {"id": "k"}}]
    contents = successor_contents(_package([], lines), "B-Wing")
    assert [b["record"]["id"] for b in contents.records] == ["r"]
    assert [b["id"] for b in contents.amendments] == ["a"] and [b["id"] for b in contents.countersignatures] == ["c"]
