"""The console's list of vetted outside people (issue 17 item 3) over Starlette's TestClient: listing, renewing and
withdrawing queue revisions (nothing deleted), each HQ→wing bundle carries only the people listed for that wing
(and the revision that takes a wing off a person's list), hostile input is shown escaped or refused with one
sentence and nothing queued, analysts and forms without their token are refused; every action in HQ's audit log."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from tests.hq.conftest import Clock, Wing, enrol
from tests.hq.console_fixtures import ADMIN, ANALYST, PASSPHRASE, form_token, make_hq
from wingdesk.hq import vetted_people
from wingdesk.hq.outbox import build_outbox_bundle
from wingdesk.sync.reference import open_hq_bundle

HOSTILE = "<script>alert(1)</script> Ana"


@pytest.fixture
def hq(tmp_path, hq_keys):
    made = make_hq(tmp_path / "hq", hq_keys, Clock)
    yield made
    made.store.close()


@pytest.fixture
def wings(hq, hq_keys):
    return {name: enrol(hq.ctx, Wing(hq_keys, name=name)) for name in ("Idrizovo A", "Idrizovo B", "Zenica 3")}


def client(hq, name: str = ADMIN) -> TestClient:
    c = TestClient(hq.app, base_url="https://testserver", follow_redirects=False)
    page = c.get("/login")
    c.post("/login", data={"csrf": form_token(page.text, "/login"), "name": name, "passphrase": PASSPHRASE})
    return c


def fields(**changes) -> dict:
    values = {"name": "Imam Arben Krasniqi", "role": "religious_counsellor", "organisation": "Islamic Community",
              "agency_id": "", "vetted_from": "2025-01-01", "vetted_until": "2026-01-01", "decision_ref": "MoJ-17/2025",
              "scope": "all"}
    values.update(changes)
    return values


def post(c: TestClient, action: str, data: dict, page_path: str | None = None):
    page = c.get(page_path or action).text
    return c.post(action, data={"csrf": form_token(page, action), **data})


def held(hq) -> list[vetted_people.VettedPerson]:
    return vetted_people.list_people(hq.ctx)


def carried(hq, wing: Wing) -> list[tuple[str, int, bool]]:
    data = build_outbox_bundle(hq.ctx, wing.device_id)
    update = open_hq_bundle(data, hq.ctx.keys.current.sign_public, wing.keys.enc_private, wing.device_id, wing.env)
    return [(i["body"]["name"], i["rev"], i["body"]["active"]) for i in update.vetted_people]


def test_list_renew_and_withdraw_are_revisions_and_audited(hq, wings):
    c = client(hq)
    assert 'href="/publish/vetted"' in c.get("/publish").text
    answer = post(c, "/publish/vetted", fields(name=HOSTILE))
    assert answer.status_code == 303 and answer.headers["location"] == "/publish/vetted"
    [person] = held(hq)
    assert (person.name, person.rev, person.wings, person.active) == (HOSTILE, 1, None, True)
    page = c.get("/publish/vetted").text
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; Ana" in page
    assert "Religious counsellor" in page and "Every prison" in page
    edit = f"/publish/vetted/{person.person_id}"
    renewed = post(c, edit, fields(name="Arben Krasniqi", vetted_until="2025-03-20", scope="chosen",
                                   device=[wings["Zenica 3"].device_id, wings["Idrizovo A"].device_id]))
    assert renewed.status_code == 303 and renewed.headers["location"] == edit
    [person] = held(hq)
    assert (person.rev, person.wings, person.vetted_until) == (2, ("Idrizovo A", "Zenica 3"), "2025-03-20")
    listing = c.get("/publish/vetted").text
    assert "ends within 30 days" in listing and "Idrizovo A, Zenica 3" in listing
    form = c.get(edit).text  # the renewal form ticks the PCs listed, by id
    assert f'value="{wings["Idrizovo A"].device_id}" checked' in form
    assert f'value="{wings["Idrizovo B"].device_id}" checked' not in form
    withdrawn = post(c, f"{edit}/withdraw", {"reason": "Security clearance revoked by the ministry"}, edit)
    assert withdrawn.status_code == 303
    revisions = vetted_people.history(hq.ctx, person.person_id)
    assert [(r.rev, r.active, r.reason) for r in revisions] == [
        (1, True, ""), (2, True, ""), (3, False, "Security clearance revoked by the ministry")]
    shown = c.get(edit).text
    assert "Withdrawn: Security clearance revoked by the ministry" in shown and "/withdraw" not in shown
    again = post(c, edit, fields(vetted_until="2027-01-01"))  # re-vetted: listed again as revision 4
    assert again.status_code == 303 and held(hq)[0].active and held(hq)[0].rev == 4
    audit = [(a, d.split(" rev=")[1].split(" ")[0]) for a, _, d in hq.audit("console_vetted_added")
             + hq.audit("console_vetted_renewed") + hq.audit("console_vetted_withdrawn")]
    assert sorted(audit) == [("console_vetted_added", "1"), ("console_vetted_renewed", "2"),
                             ("console_vetted_renewed", "4"), ("console_vetted_withdrawn", "3")]
    assert all(HOSTILE not in d and "Krasniqi" not in d for _, _, d in hq.audit("console_vetted_added"))
    assert hq.audit("console_vetted_added")[0][2].startswith(f"staff={ADMIN} person={person.person_id}")


def test_each_bundle_carries_only_the_people_listed_for_its_wing(hq, wings):
    c = client(hq)
    post(c, "/publish/vetted", fields(name="Everywhere Person", decision_ref="R-1"))
    post(c, "/publish/vetted", fields(name="Only A", decision_ref="R-2", scope="chosen",
                                      device=[wings["Idrizovo A"].device_id], role="volunteer"))
    post(c, "/publish/vetted", fields(name="Only Zenica", decision_ref="R-3", scope="chosen",
                                      device=[wings["Zenica 3"].device_id]))
    a, b, z = wings["Idrizovo A"], wings["Idrizovo B"], wings["Zenica 3"]
    assert sorted(carried(hq, a)) == [("Everywhere Person", 1, True), ("Only A", 1, True)]
    assert carried(hq, b) == [("Everywhere Person", 1, True)]
    assert sorted(carried(hq, z)) == [("Everywhere Person", 1, True), ("Only Zenica", 1, True)]
    only_a = next(p for p in held(hq) if p.name == "Only A")
    post(c, f"/publish/vetted/{only_a.person_id}", fields(name="Only A", decision_ref="R-2", scope="chosen",
                                                          device=[wings["Idrizovo B"].device_id],
                                                          role="volunteer"))
    # wing A learns it is no longer listed (revision 2 names only B); B gets revision 2 only, never revision 1
    assert ("Only A", 2, True) in carried(hq, a)
    assert sorted(carried(hq, b)) == [("Everywhere Person", 1, True), ("Only A", 2, True)]
    assert all(name != "Only A" for name, _, _ in carried(hq, z))
    everywhere = next(p for p in held(hq) if p.name == "Everywhere Person")
    post(c, f"/publish/vetted/{everywhere.person_id}/withdraw", {"reason": "Moved abroad"},
         f"/publish/vetted/{everywhere.person_id}")
    for wing in (a, b, z):
        assert ("Everywhere Person", 2, False) in carried(hq, wing)


@pytest.mark.parametrize(("changes", "sentence"), [
    ({"name": "Ana \u202eOGN"}, "The name must be one line of at most 120 characters"),
    ({"name": "x" * 121}, "The name must be one line of at most 120 characters"),
    ({"name": "   "}, "The name must be one line of at most 120 characters"),
    ({"organisation": "NGO\u200f"}, "The organisation must be one line"),
    ({"role": "imam"}, "Choose the person&#39;s role; nothing was saved."),
    ({"vetted_until": "2024-12-31"}, "Give both vetting dates, the end not before the start"),
    ({"vetted_from": "01.01.2025"}, "Give both vetting dates"),
    ({"decision_ref": "R" * 61}, "The vetting decision&#39;s reference must be one line"),
    ({"scope": "chosen"}, "Choose every prison, or at least one of the prisons listed"),
    ({"scope": "chosen", "device": ["Nowhere"]}, "Choose every prison, or at least one of the prisons listed"),
    ({"agency_id": "not-an-agency"}, "The agency chosen is not listed"),
])
def test_hostile_or_bad_input_is_refused_with_one_sentence(hq, wings, changes, sentence):
    refused = post(client(hq), "/publish/vetted", fields(**changes))
    assert refused.status_code == 400 and sentence in refused.text and held(hq) == []
    assert hq.audit("console_vetted_refused")[0][2].startswith(f"staff={ADMIN} bad_")


def test_duplicates_withdrawal_without_reason_and_unknown_people_are_refused(hq, wings):
    c = client(hq)
    post(c, "/publish/vetted", fields())
    duplicate = post(c, "/publish/vetted", fields(name="Someone Else"))
    assert duplicate.status_code == 409 and "already has a vetting decision with this reference" in duplicate.text
    [person] = held(hq)
    edit = f"/publish/vetted/{person.person_id}"
    no_reason = post(c, f"{edit}/withdraw", {"reason": " "}, edit)
    assert no_reason.status_code == 400 and "Give the reason for the withdrawal" in no_reason.text
    assert held(hq)[0].active and held(hq)[0].rev == 1
    assert c.get("/publish/vetted/nobody").status_code == 404
    page = c.get(edit).text
    unknown = c.post("/publish/vetted/nobody", data={"csrf": form_token(page, edit), **fields()})
    assert unknown.status_code == 404 and "This person is not listed" in unknown.text


def test_analyst_and_missing_or_replayed_tokens_are_refused(hq, wings):
    analyst = client(hq, ANALYST)
    assert analyst.get("/publish/vetted").status_code == 403
    assert analyst.post("/publish/vetted", data=fields()).status_code == 403
    c = client(hq)
    assert c.post("/publish/vetted", data=fields()).status_code in (400, 403)
    page = c.get("/publish/vetted").text
    token = form_token(page, "/publish/vetted")
    assert c.post("/publish/vetted", data={"csrf": token, **fields()}).status_code == 303
    replay = c.post("/publish/vetted", data={"csrf": token, **fields(decision_ref="R-9")})
    assert replay.status_code in (400, 403) and len(held(hq)) == 1
    cross = c.post("/publish/vetted", data={"csrf": form_token(c.get("/publish/vetted").text, "/publish/vetted"),
                                            **fields(decision_ref="R-10")}, headers={"Origin": "https://evil.example"})
    assert cross.status_code in (400, 403) and len(held(hq)) == 1


def test_a_wing_with_a_hostile_name_can_be_chosen_and_is_shown_escaped(hq, hq_keys):
    hostile = "<script>alert(1)</script> \"Krilo\" \u202eC"
    wing = enrol(hq.ctx, Wing(hq_keys, name=hostile))
    c = client(hq)
    page = c.get("/publish/vetted").text
    assert "<script>alert(1)" not in page and "\\u202eC" in page
    answer = post(c, "/publish/vetted", fields(scope="chosen", device=[wing.device_id]))
    assert answer.status_code == 303 and held(hq)[0].wings == (hostile,)
    assert carried(hq, wing) == [("Imam Arben Krasniqi", 1, True)]
    listing = c.get("/publish/vetted").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &#34;Krilo&#34; \\u202eC" in listing


def test_two_pcs_giving_the_same_wing_name_are_told_apart_and_only_the_one_ticked_receives(hq, hq_keys):
    """Two prisons' "B-Wing" and a PC enrolled as "b-wing": each is a separate choice, marked as sharing its name,
    and a person ticked for one reaches that PC only."""
    ours, twin, folded = (enrol(hq.ctx, Wing(hq_keys, name=n)) for n in ("B-Wing", "B-Wing", "b-wing"))
    c = client(hq)
    page = c.get("/publish/vetted").text
    for wing in (ours, twin, folded):
        assert f'name="device" value="{wing.device_id}"' in page and f"PC {wing.device_id[:8]}" in page
    assert page.count("name given by another PC too") == 3
    assert post(c, "/publish/vetted", fields(scope="chosen", device=[ours.device_id])).status_code == 303
    assert held(hq)[0].devices == (ours.device_id,)
    assert carried(hq, ours) == [("Imam Arben Krasniqi", 1, True)]
    assert carried(hq, twin) == [] and carried(hq, folded) == []
    by_name = post(c, "/publish/vetted", fields(decision_ref="R-2", scope="chosen", wing=["B-Wing"]))
    assert by_name.status_code == 400 and len(held(hq)) == 1  # a wing name no longer chooses anything
