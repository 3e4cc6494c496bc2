"""The console's Publishing pages (issue 17 item 3) over Starlette's TestClient: an upload is previewed before
anything is signed, "Publish" signs and queues it for every wing, a newer version supersedes and an older or equal
one is refused, malformed and oversized uploads get one sentence, forms need their token, analysts are refused, and
each device's bundle that carried it is shown; every step in HQ's audit log."""

from __future__ import annotations

import base64
import copy
import json

import pytest
from starlette.testclient import TestClient

from tests.hq.conftest import Clock, Wing
from tests.hq.console_fixtures import ADMIN, ANALYST, PASSPHRASE, form_token, make_hq
from tests.module_packages import package
from wingdesk.config.package_data import shipped_instruments
from wingdesk.domain.instruments.signed_file import read_signed
from wingdesk.hq.console.headers import MAX_UPLOAD_BODY
from wingdesk.hq.devices import enrol_device
from wingdesk.hq.outbox import build_outbox_bundle
from wingdesk.hq.publishing import record_id
from wingdesk.sync.reference import open_hq_bundle

SPJ = "wd.extremism_risk_spj"


@pytest.fixture
def hq(tmp_path, hq_keys):
    made = make_hq(tmp_path / "hq", hq_keys, Clock)
    yield made
    made.store.close()


def instrument(version: int = 2, title: str = "") -> bytes:
    raw = copy.deepcopy(json.loads(shipped_instruments()[2]))
    raw["version"] = version
    if title:
        raw["title"]["en"] = title
    return json.dumps(raw, ensure_ascii=False).encode("utf-8")


def client(hq, name: str = ADMIN) -> TestClient:
    c = TestClient(hq.app, base_url="https://testserver", follow_redirects=False)
    page = c.get("/login")
    c.post("/login", data={"csrf": form_token(page.text, "/login"), "name": name, "passphrase": PASSPHRASE})
    return c


def preview(c: TestClient, data: bytes, kind: str = "instrument", name: str = "spj.json"):
    page = c.get("/publish").text
    return c.post("/publish/preview", data={"csrf": form_token(page, "/publish/preview"), "kind": kind},
                  files={"file": (name, data, "application/json")})


def publish(c: TestClient, shown: str):
    digest = shown.split('name="sha256" value="')[1].split('"')[0]
    return c.post("/publish", data={"csrf": form_token(shown, "/publish"), "sha256": digest})


def queued(hq) -> list[dict]:
    with hq.store.transaction(write=False) as repo:
        return [i for i in repo.reference_items("") if i["kind"] in ("instrument", "training_module")]


def test_preview_shows_the_instrument_and_signs_nothing(hq):
    c = client(hq)
    shown = preview(c, instrument(2))
    assert shown.status_code == 200
    text = shown.text
    assert "Preview: Structured professional judgement of extremist violence risk" in text
    assert SPJ in text and "<dd>2 (first version published)</dd>" in text
    assert ("<dt>Languages</dt><dd>English, Shqip, Српски, Srpski (latinica), Bosanski, Hrvatski, Македонски, "
            "Crnogorski</dd>") in text  # every language the definition holds
    assert "Beliefs and attitudes" in text and "Protective factors" in text  # domains
    assert '<span class="mono">treatment</span>' in text  # who may use it
    assert queued(hq) == [] and hq.audit("published") == []
    assert len(hq.audit("console_publish_previewed")) == 1


def test_publish_signs_queues_for_every_wing_and_is_audited(hq):
    c = client(hq)
    answer = publish(c, preview(c, instrument(2)).text)
    assert answer.status_code == 303 and answer.headers["location"] == "/publish"
    [item] = queued(hq)
    assert (item["kind"], item["record_id"], item["rev"]) == ("instrument", record_id("instrument", SPJ), 2)
    signed = read_signed(base64.b64decode(item["body"]["file"]))
    assert signed.definition["version"] == 2 and signed.signature
    [(action, _device, detail)] = hq.audit("published")
    assert detail.startswith(f"staff={ADMIN} kind=instrument id={SPJ} version=2 sha256=")
    page = c.get("/publish").text
    assert "Published wd.extremism_risk_spj version 2" in page and f"<td class=\"words\">{ADMIN}</td>" in page


def test_an_equal_or_older_version_is_refused_with_one_sentence(hq):
    c = client(hq)
    publish(c, preview(c, instrument(2)).text)
    for version in (2, 1):
        refused = preview(c, instrument(version))
        assert refused.status_code == 409
        assert (f"Version {version} of {SPJ} is not newer than version 2, which is already published; nothing was "
                "published.") in refused.text
        assert 'name="sha256"' not in refused.text
    assert len(queued(hq)) == 1


def test_two_previews_of_the_same_version_publish_once(hq):
    first, second = client(hq), client(hq)
    page_a, page_b = preview(first, instrument(3)).text, preview(second, instrument(3)).text
    assert publish(first, page_a).status_code == 303
    late = publish(second, page_b)
    assert late.status_code == 409 and "is not newer than version 3" in late.text
    assert len(queued(hq)) == 1 and hq.audit("console_publish_refused")[0][2].endswith("not_newer")


def test_a_newer_version_supersedes_and_only_it_rides_in_the_bundle(hq):
    wing = Wing(hq.ctx.keys)
    enrol_device(hq.store, *wing.enrolment(), "prod", hq.ctx.clock())
    c = client(hq)
    publish(c, preview(c, instrument(2)).text)
    assert "waiting for its next bundle" in c.get("/publish").text
    build_outbox_bundle(hq.ctx, wing.device_id)
    publish(c, preview(c, instrument(3, "Extremism risk, third edition")).text)
    page = c.get("/publish").text
    assert "in bundle 1, written" in page and "superseded by version 3" in page
    assert "waiting for its next bundle" in page  # version 3: not yet in a bundle
    data = build_outbox_bundle(hq.ctx, wing.device_id)
    opened = open_hq_bundle(data, hq.ctx.keys.current.sign_public, wing.keys.enc_private, wing.device_id, "prod")
    assert [i["rev"] for i in opened.instruments] == [3]
    page = c.get("/publish").text
    assert "in bundle 2, written" in page and "in bundle 1, written" in page


@pytest.mark.parametrize(("data", "sentence"), [
    (b"{not json", "The file is not an instrument definition (it is not valid JSON)."),
    (json.dumps({"format": 1}).encode(), "The instrument is refused:"),
])
def test_a_malformed_upload_is_refused_with_one_sentence(hq, data, sentence):
    c = client(hq)
    refused = preview(c, data)
    assert refused.status_code == 400 and sentence in refused.text and "Traceback" not in refused.text
    assert 'name="sha256"' not in refused.text and queued(hq) == []
    assert hq.audit("console_publish_refused")[0][2].startswith(f"staff={ADMIN} instrument instrument_")


def test_a_module_is_previewed_with_its_sections_and_published(hq):
    c = client(hq)
    shown = preview(c, json.dumps(package(version=4)).encode(), kind="training_module")
    assert shown.status_code == 200
    assert "Facts and opinions" in shown.text and "Exact words" in shown.text and "officer" in shown.text
    assert "<dt>Languages</dt><dd>English, Македонски</dd>" in shown.text
    assert publish(c, shown.text).status_code == 303
    assert [(i["kind"], i["rev"]) for i in queued(hq)] == [("training_module", 4)]


def test_an_instrument_sent_as_a_module_is_refused(hq):
    refused = preview(client(hq), instrument(2), kind="training_module")
    assert refused.status_code == 400 and "Traceback" not in refused.text and queued(hq) == []


def test_forms_need_their_token_and_the_previewed_upload(hq):
    c = client(hq)
    no_token = c.post("/publish/preview", data={"kind": "instrument"}, files={"file": ("a.json", instrument())})
    assert no_token.status_code == 403 and "nothing was done" in no_token.text
    shown = preview(c, instrument(2)).text
    digest = shown.split('name="sha256" value="')[1].split('"')[0]
    foreign = c.post("/publish", data={"csrf": form_token(shown, "/publish"), "sha256": digest},
                     headers={"origin": "https://evil.example"})
    assert foreign.status_code == 403
    token = form_token(shown, "/publish")
    wrong = c.post("/publish", data={"csrf": token, "sha256": "0" * 64})
    assert wrong.status_code == 409 and "upload the file again" in wrong.text
    replay = c.post("/publish", data={"csrf": token, "sha256": digest})
    assert replay.status_code == 403 and queued(hq) == []
    assert [d for _a, _dev, d in hq.audit("console_form_refused")] == [
        f"staff={ADMIN} token", f"staff={ADMIN} origin", f"staff={ADMIN} token"]


def test_an_analyst_is_refused_the_publishing_pages(hq):
    c = client(hq, ANALYST)
    assert c.get("/publish").status_code == 403
    admin_page = client(hq).get("/publish").text
    answer = c.post("/publish/preview", data={"csrf": form_token(admin_page, "/publish/preview"),
                                              "kind": "instrument"}, files={"file": ("a.json", instrument())})
    assert answer.status_code == 403 and queued(hq) == []
    assert 'href="/publish"' not in c.get("/research").text
    assert {d.split()[1] for _a, _dev, d in hq.audit("console_refused")} == {"path=/publish", "path=/publish/preview"}


def test_oversized_uploads_are_refused_before_and_after_reading(hq):
    c = client(hq)
    page = c.get("/publish").text
    huge = c.post("/publish/preview", content=b"x" * 16, headers={
        "content-length": str(MAX_UPLOAD_BODY + 1), "content-type": "multipart/form-data; boundary=x"})
    assert huge.status_code == 413 and f"at most {MAX_UPLOAD_BODY // 1024} KiB" in huge.text
    big = b'{"pad": "' + b"a" * (2 * 1024 * 1024) + b'"}'
    refused = c.post("/publish/preview", data={"csrf": form_token(page, "/publish/preview"), "kind": "instrument"},
                     files={"file": ("big.json", big)})
    assert refused.status_code == 413 and "(2048 KiB); nothing was published." in refused.text
    other = c.post("/devices/enrol", content=b"x", headers={"content-length": str(300 * 1024)})
    assert other.status_code == 413 and "at most 256 KiB" in other.text  # the other forms keep their limit


def test_what_every_bundle_carries_has_a_ceiling(hq, monkeypatch):
    c = client(hq)
    publish(c, preview(c, instrument(2)).text)
    [item] = queued(hq)
    monkeypatch.setattr("wingdesk.hq.publishing.PUBLISHED_BUDGET", len(item["body"]["file"]) + 2000)
    module = json.dumps(package(version=1)).encode()  # a few KiB: together with the instrument, over the ceiling
    refused = publish(c, preview(c, module, kind="training_module").text)
    assert refused.status_code == 409 and "would no longer fit in one bundle from HQ" in refused.text
    assert len(queued(hq)) == 1
    newer = publish(c, preview(c, instrument(3)).text)  # a newer version replaces the old one in the bundles: fits
    assert newer.status_code == 303 and [i["rev"] for i in queued(hq)] == [2, 3]


def test_a_file_this_hq_signed_is_published_and_one_another_key_signed_is_refused(hq):
    from datetime import UTC, datetime

    from wingdesk.hq.instruments import sign_instrument
    from wingdesk.sync import keys

    c = client(hq)
    now = datetime(2026, 12, 1, tzinfo=UTC)
    ours = sign_instrument(instrument(6), hq.ctx.keys.current.sign_private, now)[1]  # e.g. `exchange adopt`'s
    theirs = sign_instrument(instrument(7), keys.generate_key_pairs().sign_private, now)[1]
    tampered = ours.replace(b'"version":6', b'"version":8')
    assert tampered != ours
    for data in (theirs, tampered):
        refused = preview(c, data)
        assert refused.status_code == 400 and "was not signed with this HQ&#39;s key" in refused.text
    shown = preview(c, ours)
    assert shown.status_code == 200 and "<dd>6 (first version published)</dd>" in shown.text
    assert publish(c, shown.text).status_code == 303
    [item] = queued(hq)
    signed = read_signed(base64.b64decode(item["body"]["file"]))
    assert signed.definition["version"] == 6 and signed.signed_at != "2026-12-01T00:00:00Z"  # signed again now
    assert [d.split()[2] for _a, _dev, d in hq.audit("console_publish_refused")] == ["not_this_hq"] * 2
