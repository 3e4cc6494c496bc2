"""Incidents, use-of-force reports and each officer's statement travel to HQ like every kind: sealed in the bundle,
accepted by HQ's ingest (which checks every author's signature against their enrolled key) and kept as records."""

from __future__ import annotations

import json

from tests.integration.conftest import first_prisoner
from wingdesk.hq.ingest import ingest
from wingdesk.sync import usb


def test_reports_and_statements_reach_hq_signed_by_their_authors(sup_at_hq, login, hq, tmp_path):
    off1, off2 = login("off1"), login("off2")
    incident = off1.incidents.create({"incident_type": "ASSAULT", "description": "Punch at the servery"})
    report = off1.use_of_force.report({
        "primary_reason": "ASSAULT_ON_STAFF", "place": "Servery", "description": "Held after a punch.",
        "duration_minutes": 2, "incident_id": incident.id,
        "prisoners": [{"prisoner_id": first_prisoner(off1).id, "role": "ASSAILANT"}],
        "staff": [{"user_id": off1.user.id, "role": "ACTIVELY_INVOLVED"},
                  {"user_id": off2.user.id, "role": "WITNESS"}]})
    mine = off1.use_of_force.add_statement(report.id, "ACTIVELY_INVOLVED", "I held his arm.")
    theirs = off2.use_of_force.add_statement(report.id, "WITNESS", "I saw the punch and the hold.")
    sup_at_hq.use_of_force.complete(report.id, "Proportionate.")
    stick = tmp_path / "stick"
    stick.mkdir()
    sup_at_hq.sync.export(stick)
    outcomes = [ingest(hq, usb.read_bundle_file(p)) for p in usb.list_bundles(usb.outbox_dir(stick))]
    assert [o.outcome for o in outcomes] == ["accepted"]
    with hq.store.transaction(write=False) as repo:
        lines = [(kind, json.loads(body)) for kind, body in repo._rows("SELECT kind, body FROM records")]
    held = {(b["record"]["id"], b["record"]["revision"]): b["record"] for k, b in lines if "record" in b}
    assert (incident.id, 1) in held and (report.id, 2) in held  # the completed revision too
    assert held[(report.id, 2)]["body"]["status"] == "COMPLETE"
    assert held[(mine.id, 1)]["author_id"] == off1.user.id and held[(theirs.id, 1)]["author_id"] == off2.user.id
