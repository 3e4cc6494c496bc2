"""Assessments travel to HQ like every record (issue 15 item 7): every revision of the assessment and both
assessors' own ratings, sealed in the bundle, accepted by HQ's ingest and kept, each signed by its author."""

from __future__ import annotations

import json

from tests.integration.assessment_helpers import agreed_assessment, install
from tests.integration.conftest import first_prisoner
from wingdesk.hq.ingest import ingest
from wingdesk.sync import usb


def test_a_countersigned_assessment_and_both_ratings_reach_hq(sup_at_hq, login, hq, tmp_path):
    install(login)
    psy, sw, gov = login("psy"), login("sw"), login("gov")
    assessment = agreed_assessment(psy, sw, first_prisoner(psy).id, "MODERATE", "MODERATE")
    signed = gov.assessments.countersign(assessment)
    stick = tmp_path / "stick"
    stick.mkdir()
    sup_at_hq.sync.export(stick)
    outcomes = [ingest(hq, usb.read_bundle_file(p)) for p in usb.list_bundles(usb.outbox_dir(stick))]
    assert [o.outcome for o in outcomes] == ["accepted"]
    with hq.store.transaction(write=False) as repo:
        lines = [(kind, json.loads(body)) for kind, body in repo._rows("SELECT kind, body FROM records")]
    held = {(b["record"]["id"], b["record"]["revision"]): b["record"] for _k, b in lines if "record" in b}
    final = held[(assessment, signed.revision)]
    assert final["body"]["status"] == "COUNTERSIGNED" and final["body"]["level"] == "MODERATE"
    assert final["author_id"] == gov.user.id
    ratings = [r for r in held.values() if r["kind"] == "assessment_rating"]
    assert {(r["body"]["position"], r["author_id"]) for r in ratings} == {("FIRST", psy.user.id),
                                                                           ("SECOND", sw.user.id)}
