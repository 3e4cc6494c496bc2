"""The console's list of vetted agencies (issue 17 item 3 with issue 19 item 2) over Starlette's TestClient: listing
queues an `agency` reference item for every wing, removing queues its next revision, a bad key or a duplicate name
is refused with one sentence and nothing queued, hostile names are shown escaped, analysts and forms without their
token are refused; every action in HQ's audit log."""

from __future__ import annotations

import pyrage
import pytest
from starlette.testclient import TestClient

from tests.hq.conftest import Clock
from tests.hq.console_fixtures import ADMIN, ANALYST, PASSPHRASE, form_token, make_hq

HOSTILE = "<script>alert(1)</script> \"Most\" \u202eOGN"


@pytest.fixture
def hq(tmp_path, hq_keys):
    made = make_hq(tmp_path / "hq", hq_keys, Clock)
    yield made
    made.store.close()


def client(hq, name: str = ADMIN) -> TestClient:
    c = TestClient(hq.app, base_url="https://testserver", follow_redirects=False)
    page = c.get("/login")
    c.post("/login", data={"csrf": form_token(page.text, "/login"), "name": name, "passphrase": PASSPHRASE})
    return c


def key() -> str:
    return str(pyrage.x25519.Identity.generate().to_public())


def add(c: TestClient, name: str, recipient: str, kind: str = "ngo"):
    page = c.get("/publish/agencies").text
    return c.post("/publish/agencies", data={"csrf": form_token(page, "/publish/agencies"), "name": name,
                                             "type": kind, "recipient": recipient})


def queued(hq) -> list[tuple[int, dict]]:
    with hq.store.transaction(write=False) as repo:
        return [(i["rev"], i["body"]) for i in repo.reference_items("") if i["kind"] == "agency"]


def test_list_and_remove_an_agency_for_every_wing(hq):
    c = client(hq)
    assert 'href="/publish/agencies"' in c.get("/publish").text
    recipient = key()
    answer = add(c, HOSTILE, recipient, "social_work")
    assert answer.status_code == 303 and answer.headers["location"] == "/publish/agencies"
    [(rev, body)] = queued(hq)
    assert (rev, body["name"], body["recipient"], body["active"]) == (1, HOSTILE, recipient, True)
    page = c.get("/publish/agencies").text
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Social work centre" in page and "\\u202eOGN" in page  # the direction mark shown, not obeyed
    removed = c.post("/publish/agencies/remove",
                     data={"csrf": form_token(page, "/publish/agencies/remove"), "name": HOSTILE})
    assert removed.status_code == 303
    assert [(r, b["active"]) for r, b in queued(hq)] == [(1, True), (2, False)]
    assert "No agency is listed yet." in c.get("/publish/agencies").text
    assert hq.audit("console_agency_added")[0][2].startswith(f"staff={ADMIN} agency=")
    assert hq.audit("console_agency_removed")[0][2].endswith("rev=2")


@pytest.mark.parametrize("recipient", ["age1notakeyatall", "ssh-ed25519 AAAA", "age1" + "q" * 58])
def test_a_bad_key_is_refused_with_one_sentence(hq, recipient):
    refused = add(client(hq), "Probation North", recipient, "probation")
    sentence = "The key must be the agency&#39;s age public key (it begins with age1); nothing was listed."
    assert refused.status_code == 400 and sentence in refused.text and queued(hq) == []
    assert hq.audit("console_agency_refused")[0][2] == f"staff={ADMIN} bad_key"


def test_a_duplicate_or_overlong_name_and_an_unknown_kind_are_refused(hq):
    c = client(hq)
    add(c, "Bridges NGO", key())
    duplicate = add(c, "bridges ngo", key())
    assert duplicate.status_code == 409 and "already listed; remove it first to change its key" in duplicate.text
    assert add(c, "x" * 101, key()).status_code == 400
    unknown = add(c, "Someone", key(), "police")
    assert unknown.status_code == 400 and "Choose the kind of agency." in unknown.text
    page = c.get("/publish/agencies").text
    gone = c.post("/publish/agencies/remove", data={"csrf": form_token(page, "/publish/agencies/remove"),
                                                    "name": "Nobody"})
    assert gone.status_code == 404 and "No agency with this name is listed." in gone.text
    assert len(queued(hq)) == 1


def test_an_analyst_and_a_form_without_its_token_are_refused(hq):
    analyst = client(hq, ANALYST)
    assert analyst.get("/publish/agencies").status_code == 403
    c = client(hq)
    answer = c.post("/publish/agencies", data={"name": "X", "type": "ngo", "recipient": key()})
    assert answer.status_code == 403 and queued(hq) == []
