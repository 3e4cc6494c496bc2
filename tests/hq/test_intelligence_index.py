"""HQ security's index read from stored lines (hq.intelligence_index): the prison number of a line's own prisoner
taken from its canonical bytes without parsing, never from a prisoner named inside the body; a report's row and
the people it links."""

from __future__ import annotations

import uuid

import pytest

from tests.hq.test_console_security import report
from tests.hq.test_research import line
from wingdesk.hq.intelligence_index import numbers_of, report_of
from wingdesk.sync.payload import hashed_body


def stored(made: dict) -> tuple[str, int, str, str, bytes]:
    """The row HQ stores for a line: its body as the RFC 8785 bytes that were hashed."""
    digest, body = hashed_body(made["body"])
    return (made["record_id"], made["rev"], made["kind"], digest, body)


def numbered(made: dict, number) -> dict:
    made["body"]["prisoner_number"] = number
    return made


def test_the_number_is_the_lines_own_prisoners_not_one_named_in_the_body():
    own, other = str(uuid.uuid4()), str(uuid.uuid4())
    incident = numbered(line("incident", {"incident_type": "FIGHT", "prisoners": [
        {"prisoner_id": other, "role": "FIGHTER", "prisoner_number": "NOT-THIS"}],
        "description": '"prisoner_number":"FAKE","prisoner_id":"' + other + '"'}, own), "ID-77")
    assert numbers_of([stored(incident)]) == {own: "ID-77"}


@pytest.mark.parametrize("number, prisoner", [
    (None, str(uuid.uuid4())),  # no number
    ("ID-1", None),  # no prisoner: a nested prisoner_id must not be taken for the line's
    ('ID"1', str(uuid.uuid4())),  # escaped: left out rather than unescaped by hand
    ("x" * 41, str(uuid.uuid4())),  # longer than a prison number
    ("", str(uuid.uuid4())),
])
def test_lines_without_a_plain_number_and_prisoner_give_none(number, prisoner):
    made = numbered(line("incident", {"incident_type": "FIGHT", "prisoners": [
        {"prisoner_id": str(uuid.uuid4()), "role": "FIGHTER"}]}, prisoner), number)
    assert numbers_of([stored(made)]) == {}


def test_an_amendment_line_gives_no_number():
    amendment = {"record_id": str(uuid.uuid4()), "rev": 1, "kind": "amendment",
                 "body": {"id": "a", "record_id": "r", "text": '"prisoner_number":"X"', "prisoner_id": "p"}}
    assert numbers_of([stored(amendment)]) == {}


def test_a_report_row_and_its_people():
    subject, linked = str(uuid.uuid4()), str(uuid.uuid4())
    made = report(subject, [linked, subject, "y" * 65], month="2026-07")
    row, people = report_of("dev", stored(made))
    assert (row.device_id, row.month, row.subject, row.linked_count, row.shown) == ("dev", "2026-07",
                                                                                     "CONTRABAND_SECURITY", 3, 1)
    assert people == [subject, linked]  # once each, the subject first, an over-long id left out
    held = report_of("dev", stored(report(subject, [], grade=("SRC_1", "INT_A", "HANDLE_C"))))
    assert held is not None and held[0].shown == 0  # C-coded, not released
    assert report_of("dev", stored(line("observation", {"category": "NEEDS_REQUEST"}, subject))) is None
