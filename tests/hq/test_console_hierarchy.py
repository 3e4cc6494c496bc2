"""The console's page for the prison/wing hierarchy (issue 17 item 3) over Starlette's TestClient: a revision
uploaded or edited in the box is checked and previewed as what it changes before anything is signed, "Publish"
signs and queues it for every wing; every refusal is one sentence with nothing queued; names are shown escaped;
analysts and forms without their token or from another origin are refused; every step in HQ's audit log."""

from __future__ import annotations

import json

import pytest

from tests.hierarchy_documents import PC_A, PC_B, changed, data, document
from tests.hq.conftest import Wing
from tests.hq.console_fixtures import ANALYST, form_token
from tests.hq.test_console_publish import client, hq, publish  # noqa: F401 - the fixture
from wingdesk.hq import hierarchy
from wingdesk.hq.devices import enrol_device
from wingdesk.hq.outbox import build_outbox_bundle
from wingdesk.sync.reference import open_hq_bundle

PATH = "/publish/hierarchy"


def _queued(hq) -> list[dict]:  # noqa: F811 - the fixture's name
    with hq.store.transaction(write=False) as repo:
        return [i for i in repo.reference_items("") if i["kind"] == "hierarchy"]


def preview(c, upload: bytes | None = None, text: str = "", origin: str | None = None):
    page = c.get(PATH).text
    files = {"file": ("hierarchy.json", upload, "application/json")} if upload is not None else \
        {"file": ("", b"", "application/octet-stream")}
    headers = {"Origin": origin} if origin else {}
    return c.post(f"{PATH}/preview", data={"csrf": form_token(page, f"{PATH}/preview"), "document": text},
                  files=files, headers=headers)


def test_a_revision_is_previewed_then_published_and_carried_to_a_wing(hq):  # noqa: F811
    wing = Wing(hq.ctx.keys, name="Krilo B")
    enrol_device(hq.store, *wing.enrolment(), "prod", hq.ctx.clock())
    doc = changed(1, lambda d: d["wings"][0].__setitem__("devices", [wing.device_id]))
    doc["prisons"][1]["name"] = "Затвор <script>alert(1)</script>"
    c = client(hq)
    page = c.get(PATH).text
    assert "No hierarchy has been published yet" in page and wing.device_id in page and "not assigned" in page
    shown = preview(c, json.dumps(doc, ensure_ascii=False).encode("utf-8"))
    assert shown.status_code == 200, shown.text
    text = shown.text
    assert "Preview: revision 1 of the prison/wing hierarchy" in text and "first revision published" in text
    assert "<script>alert(1)" not in text and "Затвор &lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "PC assigned" in text and wing.device_id[:8] in text and "Krilo B" in text
    assert _queued(hq) == [] and hq.audit("published") == []
    assert "hierarchy id=prisons version=1 sha256=" in hq.audit("console_publish_previewed")[0][2]
    answer = publish(c, text)
    assert answer.status_code == 303 and answer.headers["location"] == PATH
    [item] = _queued(hq)
    assert (item["rev"], item["body"]["version"]) == (1, 1)
    assert "kind=hierarchy id=prisons version=1" in hq.audit("published")[0][2]
    page = c.get(PATH).text
    assert "Published revision 1 of the prison/wing hierarchy" in page and "Revision 1 in force" in page
    assert "&lt;script&gt;" in page and "<script>alert" not in page
    assert '&#34;revision&#34;: 2' in page  # the box holds the revision in force as the next one
    opened = open_hq_bundle(build_outbox_bundle(hq.ctx, wing.device_id), hq.ctx.keys.current.sign_public,
                            wing.keys.enc_private, wing.device_id, "prod")
    assert [i["rev"] for i in opened.hierarchies] == [1]
    assert "Prison/wing hierarchy" in c.get("/publish").text  # in the list of publications


def test_the_edit_box_publishes_the_next_revision_and_shows_what_changes(hq):  # noqa: F811
    c = client(hq)
    publish(c, preview(c, data()).text)

    def edit(d: dict) -> None:
        d["wings"][0].update(name="Б крило (ново)", capacity=44)
        d["wings"][1]["devices"] = []
        d["wings"][0]["devices"] = [PC_A, PC_B]
        d["wings"].append({"code": "SK_2", "prison": "SKOPJE", "name": "Одделение 2",
                           "closed": {"on": "2026-12-01", "reason": "Merged into SK_1"}})
    shown = preview(c, text=json.dumps(changed(2, edit), ensure_ascii=False))
    assert shown.status_code == 200, shown.text
    for words in ("replaces revision 1", "Renamed", "Б крило (ново)", "Capacity changed", "PC moved to another wing",
                  "Added", "Одделение 2"):
        assert words in shown.text
    assert publish(c, shown.text).status_code == 303
    assert sorted(i["rev"] for i in _queued(hq)) == [1, 2]


CLOSED = {"on": "2026-11-30", "reason": "Closed"}


def _close_sk1(d: dict) -> None:
    d["wings"][1].update(closed=CLOSED, devices=[])


@pytest.mark.parametrize(("doc", "sentence"), [
    (changed(1, lambda d: d["wings"][1].__setitem__("code", "IDR_B")),
     "The hierarchy is refused: the code IDR_B is used twice (again at wings[1].code); a code names one prison or "
     "one wing."),
    (changed(1, lambda d: d["wings"][1]["devices"].append(PC_A)),
     "The hierarchy is refused: PC 0a1b2c3d is assigned to two wings (IDR_B and again at wings[1].devices[1]); a PC "
     "serves one wing."),
    (changed(1, lambda d: d["wings"][1].__setitem__("prison", "NOWHERE")),
     "The hierarchy is refused: the wing SK_1 is under a prison the hierarchy does not list."),
    (changed(1, lambda d: d["wings"][0].__setitem__("name", "Б\u202eкрило")),
     "The hierarchy is refused: wings[0].name contains a control or direction mark or a line break."),
    (changed(1, lambda d: d["wings"][0].__setitem__("capacity", 40000)),
     "The hierarchy is refused: wings[0].capacity is not a capacity (a whole number from 1 to 3000)."),
])
def test_a_bad_revision_is_refused_with_one_sentence(hq, doc, sentence):  # noqa: F811
    c = client(hq)
    refused = preview(c, data(doc))
    assert refused.status_code == 400 and sentence in refused.text
    assert 'name="sha256"' not in refused.text and _queued(hq) == []
    assert " hierarchy hierarchy_" in hq.audit("console_publish_refused")[0][2]
    assert "\u202e" not in refused.text


def test_a_refused_edit_keeps_what_was_typed(hq):  # noqa: F811
    c = client(hq)
    typed = json.dumps(changed(1, lambda d: d["wings"][0].__setitem__("capacity", 0)), ensure_ascii=False)
    refused = preview(c, text=typed)
    assert refused.status_code == 400 and "wings[0].capacity is not a capacity" in refused.text
    assert "&#34;capacity&#34;: 0" in refused.text and 'name="document"' in refused.text  # the box, as typed
    assert form_token(refused.text, f"{PATH}/preview")  # a fresh token: send it again once corrected


def test_a_closed_code_reused_or_left_out_is_refused(hq):  # noqa: F811
    c = client(hq)
    publish(c, preview(c, data()).text)
    publish(c, preview(c, data(changed(2, _close_sk1))).text)
    reused = changed(3, _close_sk1)
    del reused["wings"][1]["closed"]
    reused["wings"][1]["name"] = "Женско одделение"
    refused = preview(c, data(reused))
    assert refused.status_code == 400 and ("SK_1 was closed and may not be reused for a different prison or wing"
                                           in refused.text)
    dropped = changed(3, lambda d: d["wings"].pop(1))
    refused = preview(c, data(dropped))
    assert "it leaves out SK_1, which an earlier revision published; close it" in refused.text
    older = preview(c, data(document(2)))
    assert "Revision 2 of the hierarchy is not newer than revision 2" in older.text
    assert sorted(i["rev"] for i in _queued(hq)) == [1, 2]


def test_analysts_tokens_and_origins_are_refused(hq, hq_keys):  # noqa: F811
    analyst = client(hq, ANALYST)
    assert analyst.get(PATH).status_code == 403
    assert analyst.post(f"{PATH}/preview", data={"document": "{}"}).status_code == 403
    assert any(PATH in detail for _action, _device, detail in hq.audit("console_refused"))
    c = client(hq)
    assert c.post(f"{PATH}/preview", data={"document": data().decode()}).status_code in (400, 403)
    assert preview(c, data(), origin="https://evil.example").status_code == 403
    shown = preview(c, data())
    digest = shown.text.split('name="sha256" value="')[1].split('"')[0]
    assert c.post("/publish", data={"sha256": digest}).status_code in (400, 403)  # no token
    assert _queued(hq) == []
    assert publish(c, shown.text).status_code == 303 and len(_queued(hq)) == 1


def test_a_hostile_enrolled_name_is_shown_escaped(hq, hq_keys):  # noqa: F811
    wing = Wing(hq_keys, name="<script>alert(1)</script> \u202eC")
    enrol_device(hq.store, *wing.enrolment(), "prod", hq.ctx.clock())
    page = client(hq).get(PATH).text
    assert "<script>alert(1)" not in page and "\\u202eC" in page and "\u202e" not in page


def _form(c, action: str, **fields):
    page = c.get(PATH).text
    token = form_token(page, f"{PATH}/preview")
    return c.post(f"{PATH}/preview", data={"csrf": token, "action": action, **fields})


def test_the_small_forms_make_the_next_revision_one_change_at_a_time(hq, hq_keys):  # noqa: F811
    wing = Wing(hq_keys, name="Krilo B")
    enrol_device(hq.store, *wing.enrolment(), "prod", hq.ctx.clock())
    c = client(hq)
    shown = _form(c, "prison", code="IDRIZOVO", name="Казнено-поправен дом Идризово", kind="closed")
    assert shown.status_code == 200 and "Preview: revision 1 of the prison/wing hierarchy" in shown.text
    assert publish(c, shown.text).status_code == 303
    shown = _form(c, "wing", code="IDR_B", prison="IDRIZOVO", name="Б крило", capacity="40",
                  units=["young", "female"])
    assert shown.status_code == 200 and "Б крило" in shown.text
    publish(c, shown.text)
    shown = _form(c, "assign", device=wing.device_id, wing="IDR_B")
    assert "PC assigned" in shown.text and "Krilo B" in shown.text
    publish(c, shown.text)
    shown = _form(c, "wing", code="IDR_B", prison="IDRIZOVO", name="Б крило", capacity="38")
    assert "Capacity changed" in shown.text and "Special units changed" in shown.text
    publish(c, shown.text)
    shown = _form(c, "close", code="IDRIZOVO", on="2026-12-01", reason="Moved to the new building")
    assert shown.status_code == 200
    for words in ("Closed", "2026-12-01: Moved to the new building", "PC no longer assigned"):
        assert words in shown.text
    publish(c, shown.text)
    now = hierarchy.current(hq.store)
    assert now.revision == 5 and now.prison("IDRIZOVO").closed is not None
    assert now.wing("IDR_B").closed is not None and now.wing("IDR_B").devices == ()
    assert (now.wing("IDR_B").capacity, now.wing("IDR_B").units) == (38, ())
    assert len(_queued(hq)) == 5


@pytest.mark.parametrize(("action", "fields", "sentence"), [
    ("wing", {"code": "IDR_C", "prison": "IDRIZOVO", "name": "C", "capacity": "forty"},
     "wings[2].capacity is not a capacity (a whole number from 1 to 3000)."),
    ("wing", {"code": "IDR_C", "prison": "NOWHERE", "name": "C"},
     "the wing IDR_C is under a prison the hierarchy does not list."),
    ("prison", {"code": "SK_1", "name": "Again"}, "the code SK_1 is used twice"),
    ("close", {"code": "NOWHERE", "on": "2026-12-01", "reason": "x"},
     "The hierarchy has no prison or wing with the code chosen; nothing was published."),
    ("close", {"code": "SK_1", "on": "someday", "reason": "x"}, "wings[1].closed.on is missing a value"),
    ("assign", {"device": PC_A, "wing": "NOWHERE"},
     "The hierarchy has no prison or wing with the code chosen; nothing was published."),
])
def test_a_bad_change_in_a_small_form_is_refused_with_one_sentence(hq, action, fields, sentence):  # noqa: F811
    c = client(hq)
    publish(c, preview(c, data()).text)
    refused = _form(c, action, **fields)
    assert refused.status_code in (400, 409) and sentence in refused.text, refused.text[-800:]
    assert len(_queued(hq)) == 1 and 'name="sha256"' not in refused.text
