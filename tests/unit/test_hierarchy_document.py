"""The prison/wing hierarchy document (domain.hierarchy): each refusal with its own sentence naming the place or
the stable code, never a name; the rules across revisions (nothing left out, no closed code reused, no wing moved);
what a revision changes."""

from __future__ import annotations

import pytest

from tests.hierarchy_documents import IDRIZOVO, PC_A, PC_B, changed, data, document
from wingdesk.domain.hierarchy.changes import changes, check_continues
from wingdesk.domain.hierarchy.model import HierarchyError
from wingdesk.domain.hierarchy.parse import parse_bytes, parse_hierarchy
from wingdesk.i18n.messages import MESSAGES

CLOSED = {"on": "2026-11-30", "reason": "Renovation"}


def _refused(doc: dict, code: str) -> HierarchyError:
    with pytest.raises(HierarchyError) as refused:
        parse_hierarchy(doc)
    assert refused.value.code == code
    assert code in MESSAGES
    return refused.value


def test_a_sound_document_reads_back():
    hierarchy = parse_bytes(data())
    place = hierarchy.place(PC_A)
    assert place is not None
    assert (place.prison_code, place.prison_name, place.wing_code, place.capacity, place.units) == (
        "IDRIZOVO", IDRIZOVO, "IDR_B", 40, ("young", "first_time"))
    assert set(hierarchy.places()) == {PC_A, PC_B}
    assert hierarchy.place("0a1b2c3d-0000-4000-8000-0000000000ff") is None


def test_duplicate_codes_are_refused_across_prisons_and_wings():
    doc = changed(1, lambda d: d["prisons"].append({"code": "IDRIZOVO", "name": "Again"}))
    assert _refused(doc, "hierarchy_duplicate_code").params == {"where": "prisons[2].code", "entry": "IDRIZOVO"}
    doc = changed(1, lambda d: d["wings"].__setitem__(1, {**d["wings"][1], "code": "IDRIZOVO"}))
    assert _refused(doc, "hierarchy_duplicate_code").params["where"] == "wings[1].code"  # one namespace


def test_a_pc_assigned_to_two_wings_is_refused():
    doc = changed(1, lambda d: d["wings"][1]["devices"].append(PC_A))
    error = _refused(doc, "hierarchy_device_twice")
    assert error.params == {"where": "wings[1].devices[1]", "device": PC_A[:8], "entry": "IDR_B"}


def test_a_wing_under_an_unknown_prison_is_refused():
    doc = changed(1, lambda d: d["wings"][1].__setitem__("prison", "NOWHERE"))
    assert _refused(doc, "hierarchy_unknown_prison").params["entry"] == "SK_1"


@pytest.mark.parametrize("name", ["B\u202eWing", "B\u200fWing", "B\nWing", "B\x1bWing", "B\u2066Wing", "\u00ad"])
def test_names_with_control_or_direction_marks_are_refused(name):
    doc = changed(1, lambda d: d["wings"][0].__setitem__("name", name))
    error = _refused(doc, "hierarchy_control_chars")
    assert error.params == {"where": "wings[0].name"} and name not in str(error.params)


@pytest.mark.parametrize("capacity", [0, -5, 3001, 10**9, True, 40.0, "40"])
def test_absurd_capacities_are_refused(capacity):
    doc = changed(1, lambda d: d["wings"][0].__setitem__("capacity", capacity))
    assert _refused(doc, "hierarchy_bad_capacity").params["where"] == "wings[0].capacity"


@pytest.mark.parametrize(("change", "code"), [
    (lambda d: d["prisons"][0].__setitem__("kind", "spa"), "hierarchy_bad_kind"),
    (lambda d: d["wings"][0].__setitem__("units", ["young", "young"]), "hierarchy_bad_unit"),
    (lambda d: d["wings"][0].__setitem__("units", ["vip"]), "hierarchy_bad_unit"),
    (lambda d: d["wings"][0].__setitem__("devices", ["B-Wing"]), "hierarchy_bad_device"),
    (lambda d: d["wings"][0].__setitem__("code", "b-wing"), "hierarchy_bad_code"),
    (lambda d: d["wings"][0].__setitem__("name", "x" * 121), "hierarchy_text_too_long"),
    (lambda d: d["wings"][0].__setitem__("name", "  "), "hierarchy_bad_value"),
    (lambda d: d["wings"][0].__setitem__("colour", "red"), "hierarchy_unknown_field"),
    (lambda d: d.__setitem__("revision", 0), "hierarchy_bad_value"),
    (lambda d: d.__setitem__("format", 2), "hierarchy_format_unknown"),
    (lambda d: d.__setitem__("prisons", []), "hierarchy_bad_value"),
    (lambda d: d["prisons"][1].__setitem__("closed", {"on": "2026-02-30", "reason": "x"}), "hierarchy_bad_value"),
    (lambda d: d["prisons"][1].__setitem__("closed", CLOSED), "hierarchy_open_wing_closed_prison"),
    (lambda d: d["wings"][1].__setitem__("closed", CLOSED), "hierarchy_closed_wing_has_pc"),
])
def test_other_refusals(change, code):
    _refused(changed(1, change), code)


def test_not_json_and_too_large():
    for raw, code in ((b"{", "hierarchy_not_json"), (b" " * (200 * 1024) + b"{}", "hierarchy_too_large"),
                      (b'{"format": 1, "format": 1}', "hierarchy_not_json")):
        with pytest.raises(HierarchyError) as refused:
            parse_bytes(raw)
        assert refused.value.code == code


def _continues(before: dict, after: dict) -> None:
    check_continues(parse_hierarchy(before), parse_hierarchy(after))


def test_across_revisions_nothing_is_left_out_moved_or_reused():
    first = document(1)
    with pytest.raises(HierarchyError) as refused:
        _continues(first, document(1))
    assert refused.value.code == "hierarchy_not_newer"
    dropped = changed(2, lambda d: d["wings"].pop(1))
    with pytest.raises(HierarchyError) as refused:
        _continues(first, dropped)
    assert (refused.value.code, refused.value.params) == ("hierarchy_code_dropped", {"entry": "SK_1"})
    moved = changed(2, lambda d: d["wings"][1].__setitem__("prison", "IDRIZOVO"))
    with pytest.raises(HierarchyError) as refused:
        _continues(first, moved)
    assert refused.value.code == "hierarchy_wing_moved"

    def close_sk1(d: dict) -> None:
        d["wings"][1].update(closed=CLOSED, devices=[])
    closed = changed(2, close_sk1)
    _continues(first, closed)
    reused = changed(3, close_sk1)
    reused["wings"][1].update(name="Нов затвор за жени", closed=None)
    del reused["wings"][1]["closed"]
    with pytest.raises(HierarchyError) as refused:
        _continues(closed | {"revision": 2}, reused)
    assert (refused.value.code, refused.value.params) == ("hierarchy_code_reused", {"entry": "SK_1"})
    reopened = changed(3, lambda d: None)  # the same wing open again, as it was
    _continues(closed, reopened)


def test_changes_name_what_a_revision_does():
    first = parse_hierarchy(document(1))

    def edit(d: dict) -> None:
        d["wings"][0].update(name="Б крило (ново)", capacity=42)
        d["wings"][1]["devices"] = []
        d["wings"][0]["devices"] = [PC_A, PC_B]
        d["prisons"].append({"code": "STIP", "name": "Затвор Штип"})
    after = parse_hierarchy(changed(2, edit))
    found = {(c.what, c.code, c.before, c.after, c.device_id) for c in changes(first, after)}
    assert found == {("added", "STIP", "", "Затвор Штип", ""), ("renamed", "IDR_B", "Б крило", "Б крило (ново)", ""),
                     ("capacity", "IDR_B", "40", "42", ""), ("pc_moved", "IDR_B", "SK_1", "IDR_B", PC_B)}
    assert {c.what for c in changes(None, first)} == {"added", "pc_assigned"}
