"""Pre-release multi-agency handover (issue 19 item 2): agencies listed at HQ reach the wing in an HQ-signed
bundle; treatment staff or the governor seal the items they choose to the agency's age key, on a recorded legal
basis; the file opens with that key alone (pyrage and Debian's `age` tool); nothing unchosen, withheld or from
intelligence is ever in it; the signed handover record travels to HQ; probation's outcome comes back coded."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import subprocess

import pyrage
import pytest

from tests.integration.assessment_helpers import agreed_assessment, install
from tests.integration.conftest import first_prisoner
from tests.integration.sync_helpers import enrol
from wingdesk.domain.errors import AccessDenied, NotFound, ValidationError
from wingdesk.hq.agencies import AgencyRefused, add_agency, list_agencies, remove_agency
from wingdesk.hq.ingest import ingest
from wingdesk.hq.outbox import build_outbox_bundle
from wingdesk.i18n.messages import describe
from wingdesk.sync import usb
from wingdesk.sync.wing_sync import WingSync

CHOSEN_CANARY = "Canary-goal-3318 wants to finish the welding course"
NOTE_CANARY = "Canary-note-6620 talked about his brother's workshop"
UNCHOSEN_CANARY = "Canary-unchosen-2291 met the cousin in the yard"
WITHHELD_CANARY = "Canary-withheld-4402 the neighbour reported him"
INTEL_CANARY = "Canary-intel-8857 named a recruiter on landing C"
AGE = shutil.which("age") or os.environ.get("WINGDESK_AGE_TOOL")


@pytest.fixture
def setting(wing, login, hq, tmp_path):
    """An HQ with one probation office and one NGO; the wing has them after the next HQ bundle."""
    wing.sync_factory = WingSync
    sup = login("sup")
    device = enrol(sup, hq)
    probation_key, ngo_key = pyrage.x25519.Identity.generate(), pyrage.x25519.Identity.generate()
    add_agency(hq, "Probation Office North", "probation", str(probation_key.to_public()))
    add_agency(hq, "Bridges NGO", "ngo", str(ngo_key.to_public()))
    (tmp_path / "1.wdb").write_bytes(build_outbox_bundle(hq, device))
    assert sup.sync.import_files([tmp_path / "1.wdb"]).files[0].outcome == "applied"
    install(login)
    psy, sw, gov, sec = login("psy"), login("sw"), login("gov"), login("sec")
    prisoner = first_prisoner(psy)
    plan = psy.treatment.create_plan(prisoner.id, {
        "reason_for_plan": "Release in three months", "prisoner_goals_own_words": CHOSEN_CANARY,
        "needs": [{"area": "EDUCATION_TRAINING_EMPLOYMENT", "goal_text": "Welding certificate"}]})
    note = psy.treatment.add_note(prisoner.id, NOTE_CANARY)
    unchosen = psy.contacts.log_contact(prisoner.id, "FAMILY", "Cousin", "VISIT", UNCHOSEN_CANARY)
    withheld = psy.contacts.log_contact(prisoner.id, "FAMILY", "Neighbour", "VISIT", WITHHELD_CANARY)
    sec.subject_access.withhold(withheld.id, "Would identify who told us.")
    sec.intelligence.create(prisoner.id, "PRESSURE_ON_OTHERS", INTEL_CANARY)
    assessment = agreed_assessment(psy, sw, prisoner.id, "MODERATE", "MODERATE")
    gov.assessments.countersign(assessment)
    return dict(device=device, sup=sup, psy=psy, gov=gov, prisoner=prisoner, plan=plan, note=note,
                unchosen=unchosen, withheld=withheld, assessment=assessment, probation=probation_key, ngo=ngo_key)


def _agency(session, name):
    return next(a for a in session.handover.agencies() if a.name == name)


def _hand_over(session, s, chosen, tmp_path, basis="LEGAL_OBLIGATION", detail="Law on probation, Art. 12"):
    out = tmp_path / "handover.age"
    result = session.handover.prepare(s["prisoner"].id, _agency(session, "Probation Office North").agency_id,
                                      basis, detail, chosen, out.write_bytes)
    return result, out


def test_the_file_opens_with_the_agency_key_alone_and_holds_only_what_was_chosen(setting, tmp_path):
    s = setting
    psy = s["psy"]
    keys = {c.key for c in psy.handover.choices(s["prisoner"].id)}
    assert ("PLAN", s["plan"].id) in keys and ("NEEDS", s["plan"].id) in keys
    assert ("PROGRESS_NOTE", s["note"].id) in keys and ("ASSESSMENT", s["assessment"]) in keys
    assert ("CONTACT_LOG", s["unchosen"].id) in keys and not [k for k in keys if k[1] == s["withheld"].id]
    chosen = [("PLAN", s["plan"].id), ("PROGRESS_NOTE", s["note"].id), ("RISK_SUMMARY", s["assessment"])]
    result, out = _hand_over(psy, s, chosen, tmp_path)
    sealed = out.read_bytes()
    assert hashlib.sha256(sealed).hexdigest() == result.file_sha256 == result.record.body["file_sha256"]
    for canary in (CHOSEN_CANARY, NOTE_CANARY):
        assert canary.encode() not in sealed  # sealed, not merely encoded
    clear = pyrage.decrypt(sealed, [s["probation"]]).decode("utf-8")
    data = json.loads(clear)
    assert data["format"] == "wingdesk-handover/1" and data["legal_basis"]["code"] == "LEGAL_OBLIGATION"
    assert [(i["section"], i["record_id"]) for i in data["items"]] == chosen
    assert CHOSEN_CANARY in clear and NOTE_CANARY in clear
    assert "Welding certificate" not in clear  # NEEDS was not chosen, only the plan without its needs
    for never in (UNCHOSEN_CANARY, WITHHELD_CANARY, INTEL_CANARY, "sources_used", "Would identify"):
        assert never not in clear
    risk = data["items"][2]["content"]
    assert risk["level"] == "MODERATE" and "formulation" not in risk
    with pytest.raises(pyrage.DecryptError):
        pyrage.decrypt(sealed, [s["ngo"]])  # another agency's key
    with pytest.raises(pyrage.DecryptError):
        pyrage.decrypt(sealed, [pyrage.x25519.Identity.generate()])
    body = result.record.body
    assert (body["agency_name"], body["legal_basis"]) == ("Probation Office North", "LEGAL_OBLIGATION")
    assert [(i["section"], i["record_id"]) for i in body["items"]] == chosen
    assert any(e.action == "handover" for e in psy.audit_trail.repo.audit_page(0, 50))


@pytest.mark.skipif(AGE is None, reason="Debian's age tool is not installed (apt install age)")
def test_debians_age_tool_opens_the_file_with_the_agency_key(setting, tmp_path):
    s = setting
    _result, out = _hand_over(s["psy"], s, [("PLAN", s["plan"].id)], tmp_path)
    key_file = tmp_path / "probation.key"
    key_file.write_text(str(s["probation"]) + "\n")
    opened = subprocess.run([AGE, "-d", "-i", str(key_file), str(out)], capture_output=True, check=True)
    assert CHOSEN_CANARY in opened.stdout.decode("utf-8")
    key_file.write_text(str(s["ngo"]) + "\n")
    refused = subprocess.run([AGE, "-d", "-i", str(key_file), str(out)], capture_output=True)
    assert refused.returncode != 0 and CHOSEN_CANARY.encode() not in refused.stdout


def test_no_legal_basis_is_refused_in_one_sentence_and_nothing_is_written(setting, tmp_path):
    s = setting
    for basis, detail in (("", "Law on probation"), ("LEGAL_OBLIGATION", "  "), ("BECAUSE", "x")):
        with pytest.raises(ValidationError) as error:
            _hand_over(s["gov"], s, [("PLAN", s["plan"].id)], tmp_path, basis, detail)
        sentence = describe(error.value)
        assert sentence.count(".") == 1 and "legal basis" in sentence
    with pytest.raises(ValidationError):
        _hand_over(s["gov"], s, [], tmp_path)
    assert not (tmp_path / "handover.age").exists()
    assert not s["gov"].handover.handovers(s["prisoner"].id)


def test_an_item_not_offered_to_the_caller_cannot_be_slipped_in(setting, tmp_path):
    s = setting
    gov = s["gov"]
    assert ("PROGRESS_NOTE", s["note"].id) not in {c.key for c in gov.handover.choices(s["prisoner"].id)}
    for chosen in ([("PROGRESS_NOTE", s["note"].id)], [("CONTACT_LOG", s["withheld"].id)],
                   [("PLAN", s["note"].id)]):
        with pytest.raises(NotFound):
            _hand_over(gov, s, chosen, tmp_path)
    assert not (tmp_path / "handover.age").exists()


@pytest.mark.parametrize("who", ["off1", "sup", "sec", "admin"])
def test_other_roles_are_refused(setting, login, tmp_path, who):
    s = setting
    session = login(who)
    with pytest.raises(AccessDenied):
        session.handover.choices(s["prisoner"].id)
    with pytest.raises(AccessDenied):
        session.handover.prepare(s["prisoner"].id, "x", "CONSENT", "Signed form", [("PLAN", s["plan"].id)],
                                 (tmp_path / "x.age").write_bytes)
    with pytest.raises(AccessDenied):
        session.handover.record_outcome(s["prisoner"].id, "RECALLED", "2027-03")
    assert not (tmp_path / "x.age").exists()


def test_a_removed_agency_gets_nothing_more(setting, hq, tmp_path):
    s = setting
    assert [a.name for a in list_agencies(hq)] == ["Bridges NGO", "Probation Office North"]
    with pytest.raises(AgencyRefused):
        add_agency(hq, "probation office north", "probation", str(pyrage.x25519.Identity.generate().to_public()))
    remove_agency(hq, "Probation Office North")
    (tmp_path / "2.wdb").write_bytes(build_outbox_bundle(hq, s["device"]))
    assert s["sup"].sync.import_files([tmp_path / "2.wdb"]).files[0].outcome == "applied"
    assert [a.name for a in s["gov"].handover.agencies()] == ["Bridges NGO"]
    agency_id = s["gov"].ctx.repo.get_agency(list_agencies(hq, include_removed=True)[1].agency_id).agency_id
    with pytest.raises(NotFound):
        s["gov"].handover.prepare(s["prisoner"].id, agency_id, "CONSENT", "Signed form",
                                  [("PLAN", s["plan"].id)], (tmp_path / "x.age").write_bytes)


def test_the_handover_and_outcome_travel_to_hq_and_no_canary_reaches_the_log(setting, hq, tmp_path, caplog):
    s = setting
    caplog.set_level(logging.DEBUG)
    result, _out = _hand_over(s["gov"], s, [("PLAN", s["plan"].id), ("CONTACT_LOG", s["unchosen"].id)], tmp_path)
    outcome = s["gov"].handover.record_outcome(s["prisoner"].id, "IN_WORK_OR_TRAINING", "2027-04",
                                               result.record.id)
    assert outcome.body == {"outcome": "IN_WORK_OR_TRAINING", "month": "2027-04-01",
                            "agency_id": result.agency.agency_id, "handover_id": result.record.id}
    with pytest.raises(ValidationError):
        s["gov"].handover.record_outcome(s["prisoner"].id, "IN_WORK_OR_TRAINING", "2027-04-15")
    stick = tmp_path / "stick"
    stick.mkdir()
    s["sup"].sync.export(stick)
    for path in usb.list_bundles(usb.outbox_dir(stick)):
        assert ingest(hq, usb.read_bundle_file(path)).outcome == "accepted"
    with hq.store.transaction(write=False) as repo:
        rows = [json.loads(body) for (body,) in repo._rows("SELECT body FROM records")]
    held = {b["record"]["id"]: b["record"] for b in rows if "record" in b}
    assert held[result.record.id]["kind"] == "handover"
    assert held[result.record.id]["body"]["file_sha256"] == result.file_sha256
    assert held[outcome.id]["body"]["outcome"] == "IN_WORK_OR_TRAINING"
    logged = caplog.text
    for canary in (CHOSEN_CANARY, NOTE_CANARY, UNCHOSEN_CANARY, WITHHELD_CANARY, INTEL_CANARY, "Law on probation"):
        assert canary not in logged


def test_the_command_lists_then_seals_and_refuses_an_officer(setting, wing, tmp_path):
    import sys
    from pathlib import Path

    s = setting
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    out = tmp_path / "probation.age"

    def run(user, password, *more):
        return subprocess.run([sys.executable, "-m", "wingdesk", "--data", str(wing.directory), "--user", user,
                               "--password-stdin", "handover", s["prisoner"].number, *more],
                              input=password + "\n", capture_output=True, text=True, env=env, timeout=120)

    listed = run("psy", "psychologist passphrase", "--list")
    assert listed.returncode == 0, listed.stderr
    assert f"PLAN:{s['plan'].id}" in listed.stdout and "Probation Office North" in listed.stdout
    assert s["withheld"].id not in listed.stdout
    seal = ["--agency", "probation office north", "--items", f"PLAN:{s['plan'].id}", "--out", str(out)]
    refused = run("off1", "officer one passphrase", "--basis", "CONSENT", "--detail", "Form 3", *seal)
    assert refused.returncode != 0 and "Traceback" not in refused.stderr and not out.exists()
    no_basis = run("psy", "psychologist passphrase", *seal)
    assert no_basis.returncode != 0 and "legal basis" in no_basis.stderr and not out.exists()
    done = run("psy", "psychologist passphrase", "--basis", "CONSENT", "--detail", "Form 3 signed", *seal)
    assert done.returncode == 0, done.stderr
    assert CHOSEN_CANARY in pyrage.decrypt(out.read_bytes(), [s["probation"]]).decode("utf-8")
    again = run("psy", "psychologist passphrase", "--basis", "CONSENT", "--detail", "Form 3 signed", *seal)
    assert again.returncode != 0 and "Traceback" not in again.stderr  # never over an existing file
    assert run("psy", "psychologist passphrase", "--outcome", "RECALLED", "--month", "2027-13").returncode != 0
    outcome = run("psy", "psychologist passphrase", "--outcome", "RECALLED", "--month", "2027-05")
    assert outcome.returncode == 0, outcome.stderr
    assert s["psy"].ctx.repo.get_record(outcome.stdout.strip()).body == {"outcome": "RECALLED", "month": "2027-05-01"}


def test_more_items_than_one_record_lists_is_refused_before_anything_is_sealed(setting, tmp_path, monkeypatch):
    from wingdesk.services import handover

    s = setting
    monkeypatch.setattr(handover, "MAX_ITEMS", 2)
    chosen = [("PLAN", s["plan"].id), ("NEEDS", s["plan"].id), ("CONTACT_LOG", s["unchosen"].id)]
    with pytest.raises(ValidationError) as error:
        _hand_over(s["psy"], s, chosen, tmp_path)
    assert describe(error.value) == "One handover holds at most 2 items: make two. Nothing was sealed."
    assert not (tmp_path / "handover.age").exists()


def test_a_weak_agency_key_from_hq_is_never_stored_on_the_wing(setting, hq, tmp_path):
    from tests.weak_key_vectors import WEAK_X25519
    from wingdesk.crypto import bech32
    from wingdesk.hq.outbox import add_reference

    s = setting
    weak_id = "7d0c4b7e-3f7a-4c55-9d0e-2a1b3c4d5e6f"
    weak = {"agency_id": weak_id, "name": "Weak Key Agency", "type": "ngo", "active": True,
            "recipient": bech32.encode("age", WEAK_X25519[1])}  # past HQ's own check: a bug or a forged body
    add_reference(hq, "agency", weak, record_id=weak_id)
    (tmp_path / "3.wdb").write_bytes(build_outbox_bundle(hq, s["device"]))
    assert s["sup"].sync.import_files([tmp_path / "3.wdb"]).files[0].outcome == "applied"
    assert "Weak Key Agency" not in [a.name for a in s["gov"].handover.agencies()]
    assert s["gov"].ctx.repo.get_agency(weak_id) is None
