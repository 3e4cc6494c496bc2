"""Graded intelligence travels to HQ with its handling code (issue 16 item 4): a P-coded report once graded, a
C-coded one only after the security officer's explicit release; an ungraded one stays on the wing. HQ's ingest
accepts the released revision (every author's signature checked) and keeps the whole report for HQ security."""

from __future__ import annotations

import json

import pytest

from tests.integration.conftest import first_prisoner
from wingdesk.domain.errors import AccessDenied, StateError, ValidationError
from wingdesk.hq.ingest import ingest
from wingdesk.sync import usb


def _send(sup_at_hq, hq, stick) -> dict[tuple[str, int], dict]:
    """Export to a fresh folder, ingest at HQ; every record revision HQ holds afterwards."""
    stick.mkdir()
    sup_at_hq.sync.export(stick)
    for path in usb.list_bundles(usb.outbox_dir(stick)):
        assert ingest(hq, usb.read_bundle_file(path)).outcome in ("accepted", "duplicate")
    with hq.store.transaction(write=False) as repo:
        lines = [json.loads(body) for _kind, body in repo._rows("SELECT kind, body FROM records")]
    return {(b["record"]["id"], b["record"]["revision"]): b["record"] for b in lines if "record" in b}


def test_c_coded_reports_leave_the_wing_only_after_release(sup_at_hq, login, hq, tmp_path):
    sec = login("sec")
    pid = first_prisoner(sec).id
    ungraded = sec.intelligence.create(pid, "CONTRABAND_SECURITY", "Rumour only.")
    open_report = sec.intelligence.grade(sec.intelligence.create(pid, "CONTRABAND_SECURITY", "Seen twice.").id,
                                         "SRC_2", "INT_B", "HANDLE_P", "Two officers saw it.",
                                         sanitised_text="Contraband route suspected.")
    coded = sec.intelligence.grade(sec.intelligence.create(pid, "PRESSURE_ON_OTHERS", "Named debt collector.").id,
                                   "SRC_1", "INT_A", "HANDLE_C", "Direct.", conditions="Not for the prisoner file.")

    held = _send(sup_at_hq, hq, tmp_path / "one")
    assert held[(open_report.id, 2)]["body"]["handling_code"] == "HANDLE_P"
    assert held[(open_report.id, 2)]["body"]["report_text"] == "Seen twice."  # HQ security reads the whole report
    assert not [k for k in held if k[0] in (ungraded.id, coded.id)]  # neither ungraded nor unreleased C

    with pytest.raises(AccessDenied):
        sup_at_hq.intelligence.release(coded.id, "HQ asked.")
    with pytest.raises(StateError):
        sec.intelligence.release(open_report.id, "Not needed.")  # P goes by itself
    with pytest.raises(ValidationError):
        sec.intelligence.release(coded.id, "")
    released = sec.intelligence.release(coded.id, "Regional security unit needs it.")
    assert released.body["released_by"] == "Sid Security"
    with pytest.raises(StateError):
        sec.intelligence.release(coded.id, "Twice.")
    assert any(e.action == "intel_release" and coded.id in e.object for e in sec.ctx.repo.audit_page(0, 200))

    held = _send(sup_at_hq, hq, tmp_path / "two")
    line = held[(coded.id, released.revision)]
    assert line["body"]["handling_code"] == "HANDLE_C" and line["body"]["handling_conditions"]
    assert line["body"]["released"] is True
    assert not [k for k in held if k[0] == ungraded.id]

    regraded = sec.intelligence.grade(coded.id, "SRC_1", "INT_A", "HANDLE_C", "Direct, rechecked.",
                                      conditions="Not for the prisoner file.")
    assert regraded.body["released"] is False  # a changed C-coded report needs a new release
    held = _send(sup_at_hq, hq, tmp_path / "three")
    assert (coded.id, regraded.revision) not in held
