"""The accepted file on the receiving wing (issue 19 item 1): between two demo wings through one HQ, the carried
alerts become alerts written here by the accepting governor (so the officers see them), the carried plan,
assessment and sanitised intelligence are read-only to the roles this wing's policy lets read them, each open
audited; nothing carried goes to HQ as this wing's record except those new alerts; `wingdesk verify` holds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from tests.integration.assessment_helpers import agreed_assessment, install
from tests.integration.conftest import ACCOUNTS, ADMIN_PW
from tests.integration.test_transfer import (  # noqa: F401 - `prisons` is the fixture this file builds on
    ALERT_CANARY,
    DND_CANARY,
    INTEL_ORIGINAL,
    INTEL_SANITISED,
    prisons,
)
from wingdesk.services.carried import BROKEN, HOLDS, SEALED, UNCHECKED

PLAN_CANARY = "Canary-plan-6610 wants to finish the welding course"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def arrived(request, hq):
    """The sender adds a plan and a countersigned assessment; the file is sealed, travels, and is accepted."""
    s = request.getfixturevalue("prisons")
    sender, receiver, devices, prisoner = s["sender"], s["receiver"], s["devices"], s["prisoner"]
    install(lambda name: sender.wing.sign_in(name, ADMIN_PW if name == "admin" else ACCOUNTS[name][2]))
    psy, sw, gov = sender.login("psy"), sender.login("sw"), sender.login("gov")
    plan = psy.treatment.create_plan(prisoner.id, {
        "reason_for_plan": "Long sentence", "prisoner_goals_own_words": PLAN_CANARY,
        "needs": [{"area": "EDUCATION_TRAINING_EMPLOYMENT", "goal_text": "Welding certificate"}]})
    assessment = agreed_assessment(psy, sw, prisoner.id, "MODERATE", "MODERATE")
    gov.assessments.countersign(assessment)
    sealed = gov.transfer.seal(prisoner.id, devices["b"])
    sender.send(hq)
    receiver.fetch(hq, devices["b"])
    receiver.login("gov").transfer.accept(sealed.transfer_id)
    [here] = [p for p in receiver.login("sup").prisoners.page() if p.number == "X-100"]
    return dict(s, here=here, plan=plan, assessment=assessment, sealed=sealed)


def _audited(session, prisoner_id):
    entries = session.audit_trail.repo.audit_page(0, 500)
    return [e for e in entries if e.action == "read_sensitive" and f"prisoner:{prisoner_id}:carried:" in e.object]


def test_the_officer_sees_the_carried_alert_written_here_by_the_governor(arrived):
    a = arrived
    officer = a["receiver"].login("off1")
    [alert] = officer.alerts.active(a["here"].id)
    body = alert.body
    assert body["description"] == ALERT_CANARY and body["code"] == "SELF_HARM_RISK"
    assert body["carried_from"] == "B-Wing" and body["carried_author"] == "Sara Supervisor"
    assert body["carried_author_role"] == "supervisor" and body["carried_record_id"] == a["alert"].id
    assert body["carried_written_on"] == a["alert"].recorded_at[:10]
    assert alert.author_name == "Gita Governor" and alert.author_role == "governor"  # written here, by the governor
    assert alert.id != a["alert"].id
    assert "SELF_HARM_RISK" in officer.prisoners.get(a["here"].id).alert_codes  # on the page's profile too
    assert not any(DND_CANARY in r.body.get("description", "") for r in officer.alerts.active(a["here"].id))
    original = officer.carried.original_alert(alert.id)  # the original, as signed there, checked here
    assert original.record.id == a["alert"].id and original.record.author_name == "Sara Supervisor"
    assert original.signature == HOLDS and original.record.body["description"] == ALERT_CANARY
    assert any(f":alert:{a['alert'].id}" in e.object for e in _audited(officer, a["here"].id))
    # it is reviewed here like any alert
    reviewed = a["receiver"].login("sup").alerts.review_alert(alert.id, "Seen on arrival.", body["review_date"])
    assert reviewed.revision == 2 and reviewed.body["carried_from"] == "B-Wing"


def test_treatment_staff_read_the_carried_plan_and_assessment_with_their_signatures(arrived):
    a = arrived
    psy = a["receiver"].login("psy")
    carried = psy.carried.carried(a["here"].id)
    assert carried.from_wing == "B-Wing" and carried.sealed_by == "Gita Governor"
    kinds = {item.record.kind: item for item in carried.items}
    assert set(kinds) == {"plan", "assessment"}  # no intelligence for treatment staff
    plan = kinds["plan"]
    assert plan.record.id == a["plan"].id and plan.record.body["prisoner_goals_own_words"] == PLAN_CANARY
    assert plan.record.author_name == "Pia Psychologist" and plan.signature == HOLDS
    assert kinds["assessment"].record.id == a["assessment"] and kinds["assessment"].signature == HOLDS
    [entry] = _audited(psy, a["here"].id)
    assert entry.object.endswith(":assessment,plan")
    psy.carried.carried(a["here"].id)
    assert len(_audited(psy, a["here"].id)) == 2  # every open


@pytest.mark.parametrize(("name", "kinds"), [
    ("off1", None), ("sup", None), ("psy", {"plan", "assessment"}), ("sw", {"plan", "assessment"}),
    ("sec", {"assessment", "intelligence_report"}), ("gov", {"plan", "assessment", "intelligence_report"})])
def test_each_role_sees_what_this_wings_policy_lets_it_read(arrived, name, kinds):
    a = arrived
    session = a["receiver"].login(name)
    carried = session.carried.carried(a["here"].id)
    if kinds is None:
        assert carried is None and _audited(session, a["here"].id) == []  # not opened, nothing to audit
        return
    assert {item.record.kind for item in carried.items} == kinds
    text = str([item.record.body for item in carried.items])
    assert INTEL_ORIGINAL not in text and DND_CANARY not in text
    assert (INTEL_SANITISED in text) == ("intelligence_report" in kinds)
    for item in carried.items:
        assert item.signature == (SEALED if item.record.kind == "intelligence_report" else HOLDS)
    assert len(_audited(session, a["here"].id)) == 1


def test_a_carried_record_altered_in_the_package_shows_its_signature_broken(arrived):
    """The check is real: the same item with one word changed no longer holds under its author's key."""
    a = arrived
    service = a["receiver"].login("psy").carried
    content = a["receiver"].login("gov").transfer.carried_file(a["here"].id)
    [plan] = [r for r in content["records"] if r["kind"] == "plan"]
    assert service._signature(plan) == HOLDS
    altered = {**plan, "body": {**plan["body"], "prisoner_goals_own_words": "Wants nothing"}}
    assert service._signature(altered) == BROKEN
    rehashed = {**altered, "content_sha256": replace(  # hash recomputed by a forger: the signature still fails
        a["plan"], body=altered["body"]).content_sha256()}
    assert service._signature(rehashed) == BROKEN
    assert service._signature({**plan, "author_key": None}) == UNCHECKED  # a package sealed before keys travelled
    other_key = a["receiver"].login("sw").ctx.keyring.public_key().hex()
    assert service._signature({**plan, "author_key": other_key}) == BROKEN  # someone else's key: does not hold


def test_only_the_new_alerts_go_to_hq_as_this_wings_records_and_verify_holds(arrived, hq):
    a = arrived
    receiver, devices = a["receiver"], a["devices"]
    receiver.send(hq)
    with hq.store.transaction() as repo:
        rows = repo._rows("SELECT kind, body FROM records WHERE device_id = ?", (devices["b"],))
    kinds = sorted(str(kind) for kind, _body in rows)
    assert kinds == ["alert", "transfer", "transfer_receipt"]
    text = " ".join(str(body) for _kind, body in rows)
    assert ALERT_CANARY in text  # the alert the governor wrote here
    for canary in (PLAN_CANARY, INTEL_SANITISED, INTEL_ORIGINAL, DND_CANARY):
        assert canary not in text
    assert json.loads([body for kind, body in rows if kind == "alert"][0])  # stored as this wing's record
    assert receiver.login("gov").audit.verify_everything(every_signature=True).intact
    receiver.close()
    result = subprocess.run([sys.executable, "-m", "wingdesk", "--data", str(receiver.wing.directory), "--user", "gov",
                             "--password-stdin", "verify"], input=ACCOUNTS["gov"][2] + "\n", capture_output=True,
                            text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "Verified:" in result.stdout


def test_a_package_with_an_alert_this_version_cannot_hold_is_refused_whole(request, hq, monkeypatch):
    """An alert code this wing does not know (say, from a newer version) is one sentence, and nothing is kept:
    no prisoner, no alert, the package still waiting."""
    from wingdesk.domain.errors import ValidationError
    from wingdesk.services import transfer as transfer_service

    s = request.getfixturevalue("prisons")
    sender, receiver, devices = s["sender"], s["receiver"], s["devices"]
    real = transfer_service.carried

    def newer(content, *args):
        item = real(content, *args)
        if item["kind"] == "alert":
            item["body"] = {**item["body"], "code": "NEWER_VERSION_CODE"}
        return item

    monkeypatch.setattr(transfer_service, "carried", newer)
    sealed = sender.login("gov").transfer.seal(s["prisoner"].id, devices["b"])
    sender.send(hq)
    receiver.fetch(hq, devices["b"])
    gov_b = receiver.login("gov")
    with pytest.raises(ValidationError) as refused:
        gov_b.transfer.accept(sealed.transfer_id)
    assert refused.value.code == "transfer_malformed"
    assert [t.transfer_id for t in gov_b.transfer.pending()] == [sealed.transfer_id]
    assert not [p for p in receiver.login("sup").prisoners.page() if p.number == "X-100"]
    assert not [r for r in receiver.login("off1").alerts.active() if r.body.get("carried_from")]
