"""Vetted outside people on the wing (issue 17 item 3): HQ's revisions arrive in the HQ→wing bundle and are kept
(every revision; the newest is the person's current state, an older one arriving later changes nothing), a forged
bundle or a malformed item is refused and audited, only the people listed for this wing arrive, and a contact with an
outside person names them from the list, with a reason when their vetting does not hold here. End to end from the
HQ console too."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from starlette.testclient import TestClient

from tests.hq.console_fixtures import ADMIN, PASSPHRASE, form_token, make_hq
from tests.integration.sync_helpers import enrol
from wingdesk.domain.errors import AccessDenied, ValidationError
from wingdesk.domain.vetted_people import VettedPerson
from wingdesk.hq import vetted_people
from wingdesk.hq.outbox import build_outbox_bundle
from wingdesk.sync import keys
from wingdesk.sync.reference import reference_item, seal_hq_bundle, utc_text
from wingdesk.sync.wing_sync import WingSync

TODAY = date.today()


def day(offset: int) -> str:
    return (TODAY + timedelta(days=offset)).isoformat()


def person(name: str, ref: str, *, role: str = "religious_counsellor", until: int = 365, start: int = -30,
           wings: tuple[str, ...] | None = None, organisation: str = "Islamic Community") -> VettedPerson:
    return VettedPerson("", name, role, organisation, "", wings, day(start), day(until), ref, True, "", 0)


@pytest.fixture
def device(wing, login, hq):
    wing.sync_factory = WingSync
    made = enrol(login("admin"), hq)
    from wingdesk.hq.devices import enrol_device  # a second prison, so that a list can leave B-Wing out
    from wingdesk.sync.enrolment import make_enrolment_request

    other = keys.generate_key_pairs()
    request, code = make_enrolment_request("0c9a4f8e-3b1d-4e55-8a1f-2d7c6b5e4a30", "Zenica 3", other, hq.env)
    enrol_device(hq.store, request, code, hq.env, hq.clock())
    return made


def sync(sup, hq, device, tmp_path, n: int):
    path = tmp_path / f"{n}.wdb"
    path.write_bytes(build_outbox_bundle(hq, device))
    return sup.sync.import_files([path])


def actions(session) -> list[tuple[str, str]]:
    return [(e.action, e.object) for e in session.ctx.repo.iter_audit()]


def test_revisions_arrive_in_order_and_only_the_wings_people(wing, login, hq, device, tmp_path):
    imam = vetted_people.add_person(hq, person("Imam Arben Krasniqi", "R-1"), set())
    vetted_people.add_person(hq, person("Zenica Only", "R-2", wings=("Zenica 3",)), set())
    vetted_people.renew(hq, replace(imam, vetted_until=day(10)), set())
    vetted_people.withdraw(hq, imam.person_id, "Clearance revoked")
    sup = login("sup")
    result = sync(sup, hq, device, tmp_path, 1)
    assert result.files[0].outcome == "applied" and result.vetted_people == 3
    assert [(p.rev, p.active) for p in sup.ctx.repo.vetted_revisions(imam.person_id)] == [
        (1, True), (2, True), (3, False)]
    [current] = sup.vetted_people.people()  # Zenica's person never reached B-Wing
    assert (current.person.name, current.person.rev, current.standing) == ("Imam Arben Krasniqi", 3, "WITHDRAWN")
    assert sup.vetted_people.for_wing() == []
    assert ("vetted_people_received", "hq_bundle:1:applied:3") in actions(sup)
    again = sync(sup, hq, device, tmp_path, 2)  # the cumulative snapshot: nothing applied twice
    assert again.vetted_people == 0 and len(sup.ctx.repo.vetted_revisions(imam.person_id)) == 3


def test_an_older_revision_arriving_later_is_kept_as_history_only(wing, login, hq, device, tmp_path):
    first = person("Vesna Volunteer", "R-7", role="volunteer")
    second = replace(first, person_id="5d3b2c1a-0f4e-4d6b-9a8c-7e6f5d4c3b2a", organisation="Red Cross", rev=2)
    at = utc_text(hq.clock())
    with hq.store.transaction() as repo:  # HQ queues revision 2 first (as if revision 1 had been lost)
        repo.add_reference_item(vetted_people.HELD, reference_item(
            "vetted_person", second.body(), second.person_id, 2), at)
    sup = login("sup")
    sync(sup, hq, device, tmp_path, 1)
    with hq.store.transaction() as repo:
        repo.add_reference_item(vetted_people.HELD, reference_item(
            "vetted_person", replace(second, organisation="Old NGO", rev=1).body(), second.person_id, 1),
            utc_text(hq.clock()))
    result = sync(sup, hq, device, tmp_path, 2)
    assert result.vetted_people == 1
    [current] = sup.vetted_people.people()
    assert (current.person.rev, current.person.organisation) == (2, "Red Cross")
    assert [p.organisation for p in sup.ctx.repo.vetted_revisions(second.person_id)] == ["Old NGO", "Red Cross"]
    assert ("vetted_people_received", "hq_bundle:2:older:1") in actions(sup)


def test_forged_bundles_and_malformed_items_are_refused_and_audited(wing, login, hq, device, tmp_path):
    sup = login("sup")
    status = sup.sync.status()
    forger = keys.generate_key_pairs()
    good = vetted_people.add_person(hq, person("Petar Peer", "R-3", role="peer_mentor"), set())
    items = [reference_item("vetted_person", good.body(), good.person_id, 1)]
    with hq.store.transaction(write=False) as repo:
        enc_public = repo.get_device(device).enc_public
    forged = seal_hq_bundle(device, 1, "0" * 64, items, forger.sign_private, enc_public, hq.env, hq.clock())
    (tmp_path / "forged.wdb").write_bytes(forged)
    refused = sup.sync.import_files([tmp_path / "forged.wdb"])
    assert refused.files[0].outcome == "refused" and sup.vetted_people.people() == []
    assert any(a == "sync_import_refused" for a, _ in actions(sup))
    assert status.device_id == device
    bad = dict(good.body(), vetted_until="2020-01-01", vetted_from="2021-01-01")  # ends before it starts
    with hq.store.transaction() as repo:
        repo.add_reference_item(vetted_people.HELD, reference_item(
            "vetted_person", bad, "7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d", 1), utc_text(hq.clock()))
        renamed = dict(good.body(), person_id="someone-else")  # a body that names another person than its item
        repo.add_reference_item(vetted_people.HELD, reference_item(
            "vetted_person", renamed, good.person_id, 2), utc_text(hq.clock()))
    result = sync(sup, hq, device, tmp_path, 1)
    assert result.files[0].outcome == "applied"
    assert [(s.person.name, s.person.rev) for s in sup.vetted_people.people()] == [("Petar Peer", 1)]
    assert ("vetted_person_refused", "hq_bundle:1:invalid:1") in actions(sup)


def test_a_contact_names_the_vetted_person_and_needs_a_reason_when_vetting_does_not_hold(
        wing, login, hq, device, tmp_path):
    valid = vetted_people.add_person(hq, person("Imam Arben Krasniqi", "R-1", until=20), set())
    expired = vetted_people.add_person(hq, person("Dragan Expired", "R-2", start=-400, until=-3), set())
    elsewhere = vetted_people.add_person(hq, person("Moved Away", "R-3"), set())
    vetted_people.renew(hq, replace(elsewhere, wings=("Zenica 3",)), set())
    sync(login("sup"), hq, device, tmp_path, 1)
    psy = login("psy")
    pid = psy.prisoners.page()[0].id
    standing = {s.person.name: s.standing for s in psy.vetted_people.people("RELIGIOUS_COUNSELLOR")}
    assert standing == {"Imam Arben Krasniqi": "VETTED", "Dragan Expired": "EXPIRED", "Moved Away": "NOT_LISTED_HERE"}
    record = psy.contacts.log_contact(pid, "RELIGIOUS_COUNSELLOR", "typed", "VISIT", "Friday prayers talk",
                                      vetted_person_id=valid.person_id)
    assert {k: record.body.get(k) for k in ("name", "organisation", "vetted_person_id", "vetted_standing",
                                            "vetting_status")} == {
        "name": "Imam Arben Krasniqi", "organisation": "Islamic Community", "vetted_person_id": valid.person_id,
        "vetted_standing": "VETTED", "vetting_status": "VETTED"}
    with pytest.raises(ValidationError) as refused:
        psy.contacts.log_contact(pid, "RELIGIOUS_COUNSELLOR", "", "VISIT", "Visit", vetted_person_id=expired.person_id)
    assert refused.value.code == "required" and refused.value.params["field"] == "vetting_reason"
    kept = psy.contacts.log_contact(pid, "RELIGIOUS_COUNSELLOR", "", "VISIT", "Visit",
                                    vetted_person_id=expired.person_id,
                                    vetting_reason="The visit had already taken place; renewal requested")
    assert (kept.body["vetted_standing"], kept.body["vetting_reason"]) == (
        "EXPIRED", "The visit had already taken place; renewal requested")
    assert kept.body.get("vetting_status") != "VETTED"
    assert ("contact_vetting_override", f"record:{kept.id}:EXPIRED") in actions(psy)
    moved = psy.contacts.log_contact(pid, "RELIGIOUS_COUNSELLOR", "", "MEETING", "Talk",
                                     vetted_person_id=elsewhere.person_id, vetting_reason="Came with the chaplain")
    assert moved.body["vetted_standing"] == "NOT_LISTED_HERE"
    with pytest.raises(ValidationError):  # not on the list at all: a reason too
        psy.contacts.log_contact(pid, "VOLUNTEER_NGO", "Unknown Helper", "VISIT", "Visit")
    unlisted = psy.contacts.log_contact(pid, "VOLUNTEER_NGO", "Unknown Helper", "VISIT", "Visit",
                                        vetting_reason="Escorted by staff throughout")
    assert (unlisted.body["name"], unlisted.body["vetted_standing"]) == ("Unknown Helper", "NOT_ON_LIST")
    with pytest.raises(ValidationError):  # a counsellor picked as a peer mentor
        psy.contacts.log_contact(pid, "PEER_MENTOR", "", "VISIT", "Visit", vetted_person_id=valid.person_id)
    family = psy.contacts.log_contact(pid, "FAMILY", "Mother", "VISIT", "Visit")  # family: no list, no reason
    assert "vetted_standing" not in family.body or family.body["vetted_standing"] is None
    sup = login("sup")
    assert [(s.person.name, s.standing, s.days_left, s.ends_soon) for s in sup.vetted_people.for_wing()] == [
        ("Dragan Expired", "EXPIRED", -3, False), ("Imam Arben Krasniqi", "VETTED", 20, True)]  # soonest first
    with pytest.raises(AccessDenied):
        login("off1").vetted_people.people()


def test_end_to_end_from_the_hq_console(wing, login, hq, device, tmp_path):
    console_hq = make_hq(tmp_path / "console", hq.keys, lambda: hq.clock, store=hq.store)
    c = TestClient(console_hq.app, base_url="https://testserver", follow_redirects=False)
    page = c.get("/login")
    c.post("/login", data={"csrf": form_token(page.text, "/login"), "name": ADMIN, "passphrase": PASSPHRASE})
    page = c.get("/publish/vetted").text
    assert "B-Wing" in page and "Zenica 3" in page
    answer = c.post("/publish/vetted", data={
        "csrf": form_token(page, "/publish/vetted"), "name": "Сестра Марија Петровска", "role": "ngo_worker",
        "organisation": "Каритас", "agency_id": "", "vetted_from": day(-1), "vetted_until": day(90),
        "decision_ref": "УИС-12/2026", "scope": "chosen", "device": [device]})
    assert answer.status_code == 303
    sup = login("sup")
    assert sync(sup, hq, device, tmp_path, 1).vetted_people == 1
    [listed] = sup.vetted_people.for_wing()
    assert (listed.person.name, listed.person.role, listed.standing, listed.days_left) == (
        "Сестра Марија Петровска", "ngo_worker", "VETTED", 90)
    psy = login("psy")
    record = psy.contacts.log_contact(psy.prisoners.page()[0].id, "VOLUNTEER_NGO", "", "SESSION", "Literacy class",
                                      vetted_person_id=listed.person.person_id)
    assert (record.body["name"], record.body["vetted_standing"]) == ("Сестра Марија Петровска", "VETTED")


def test_a_contact_cannot_claim_vetted_or_another_organisation_when_a_listed_person_is_picked(
        wing, login, hq, device, tmp_path):
    expired = vetted_people.add_person(hq, person("Dragan Expired", "R-2", start=-400, until=-3), set())
    valid = vetted_people.add_person(hq, person("Imam Arben Krasniqi", "R-1", organisation=""), set())
    sync(login("sup"), hq, device, tmp_path, 1)
    psy = login("psy")
    pid = psy.prisoners.page()[0].id
    kept = psy.contacts.log_contact(pid, "RELIGIOUS_COUNSELLOR", "", "VISIT", "Visit",
                                    vetted_person_id=expired.person_id, vetting_reason="already happened",
                                    vetting_status="VETTED", organisation="Some other body")
    assert (kept.body["vetted_standing"], kept.body.get("vetting_status")) == ("EXPIRED", None)
    assert kept.body["organisation"] == "Islamic Community"
    assert ("contact_vetting_override", f"record:{kept.id}:EXPIRED") in actions(psy)
    # HQ listed no organisation: the caller's is not put in its place
    plain = psy.contacts.log_contact(pid, "RELIGIOUS_COUNSELLOR", "", "VISIT", "Visit", organisation="Made up",
                                     vetting_status="REFUSED", vetted_person_id=valid.person_id)
    assert (plain.body.get("organisation") or "", plain.body["vetting_status"]) == ("", "VETTED")
    unlisted = psy.contacts.log_contact(pid, "VOLUNTEER_NGO", "Unknown Helper", "VISIT", "Visit",
                                        vetting_status="VETTED", vetting_reason="Escorted by staff throughout")
    assert (unlisted.body["vetted_standing"], unlisted.body.get("vetting_status")) == ("NOT_ON_LIST", None)
    family = psy.contacts.log_contact(pid, "FAMILY", "Mother", "VISIT", "Visit", vetting_status="NOT_REQUIRED")
    assert family.body["vetting_status"] == "NOT_REQUIRED"  # only outside people's status is derived


def test_a_backdated_contact_is_judged_on_the_day_it_happened(wing, login, hq, device, tmp_path):
    newly = vetted_people.add_person(hq, person("Newly Vetted", "R-5", start=-5, until=300), set())
    lapsed = vetted_people.add_person(hq, person("Lapsed Mentor", "R-6", start=-400, until=-10), set())
    sync(login("sup"), hq, device, tmp_path, 1)
    psy = login("psy")
    pid = psy.prisoners.page()[0].id
    month_ago = datetime.now(UTC) - timedelta(days=30)
    with pytest.raises(ValidationError) as refused:  # before the vetting began: a reason is needed
        psy.contacts.log_contact(pid, "RELIGIOUS_COUNSELLOR", "", "VISIT", "Visit a month ago",
                                 vetted_person_id=newly.person_id, occurred_at=month_ago)
    assert refused.value.params["field"] == "vetting_reason"
    early = psy.contacts.log_contact(pid, "RELIGIOUS_COUNSELLOR", "", "VISIT", "Visit a month ago",
                                     vetted_person_id=newly.person_id, occurred_at=month_ago,
                                     vetting_reason="Logged late; the decision was pending")
    assert (early.body["vetted_standing"], early.body.get("vetting_status")) == ("NOT_YET_VALID", None)
    assert ("contact_vetting_override", f"record:{early.id}:NOT_YET_VALID") in actions(psy)
    while_valid = psy.contacts.log_contact(pid, "RELIGIOUS_COUNSELLOR", "", "VISIT", "Visit while vetted",
                                           vetted_person_id=lapsed.person_id, occurred_at=month_ago)
    assert (while_valid.body["vetted_standing"], while_valid.body["vetting_status"]) == ("VETTED", "VETTED")
    assert not [a for a in actions(psy) if a == ("contact_vetting_override", f"record:{while_valid.id}:VETTED")]
    assert while_valid.occurred_at.startswith(month_ago.date().isoformat())
