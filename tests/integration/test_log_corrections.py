"""Correcting a log entry before the day is submitted: an amendment below it, the original left legible."""

import pytest

from wingdesk.domain.errors import AccessDenied, StateError, ValidationError


def test_an_officer_corrects_their_own_entry_while_the_day_is_open(login):
    off1, off2, sup = login("off1"), login("off2"), login("sup")
    move = {"from_cell": "B1-04", "to_cell": "B1-07", "reason": "Request", "authorised_by": "Sara Supervisor"}
    entry = off1.logs.add_entry("CELL_CHANGE", move, prisoner_id=off1.prisoners.page()[0].id)
    note = off1.logs.correct_entry(entry.id, "To cell B1-09, not B1-07.")
    assert note.kind == "amendment" and note.author_name == "Omar Officer"
    [shown] = [e for e in off1.logs.day().entries if e.id == entry.id]
    assert shown.body["to_cell"] == "B1-07"  # the original is unchanged ...
    assert [a.text for a in shown.amendments] == ["To cell B1-09, not B1-07."]  # ... the correction below it
    with pytest.raises(AccessDenied):
        off2.logs.correct_entry(entry.id, "Not mine to correct")
    with pytest.raises(ValidationError):
        off1.logs.correct_entry(entry.id, "   ")
    off1.logs.submit_day()
    with pytest.raises(StateError) as locked:  # after submission only a supervisor's return reopens an entry
        off1.logs.correct_entry(entry.id, "Too late")
    assert locked.value.code == "day_locked"
    sup.logs.countersign(entry.day)
    assert all(check.valid for check in sup.logs.verify_day(entry.day))  # the signature covers the correction


def test_a_correction_is_the_authors_whatever_the_role(login):
    """Supervisors may annotate any entry, but an amendment is the author's own correction: theirs is refused
    (once the day is submitted they return the entry with a comment instead)."""
    off1, sup = login("off1"), login("sup")
    entry = off1.logs.add_entry("GENERAL", {"text": "Landing quiet"})
    with pytest.raises(AccessDenied):
        sup.logs.correct_entry(entry.id, "Actually landing 2")
