"""Scenario 14 end to end (issue 17 item 3): HQ publishes a new instrument version and a training module with its
Macedonian text in the console, and lists a vetted NGO; the wing applies all three when it imports its next HQ→wing
bundle. A file inside the
bundle that HQ's key did not sign is refused on its own, audited, and the rest of the bundle still applies; the
cumulative snapshot installs each version once."""

from __future__ import annotations

import base64
import copy
import json
from datetime import UTC, datetime

import pyrage
import pytest
from starlette.testclient import TestClient

from tests.hq.console_fixtures import ADMIN, PASSPHRASE, form_token, make_hq
from tests.integration.sync_helpers import enrol
from tests.module_packages import package
from wingdesk.config.package_data import shipped_instruments
from wingdesk.domain.canonical import canonical_bytes
from wingdesk.hq.instruments import sign_instrument
from wingdesk.hq.outbox import add_reference, build_outbox_bundle
from wingdesk.sync import keys
from wingdesk.sync.wing_sync import WingSync

SPJ = "wd.extremism_risk_spj"


def _instrument(version: int) -> dict:
    raw = copy.deepcopy(json.loads(shipped_instruments()[2]))
    raw["version"] = version
    return raw


@pytest.fixture
def console(hq, tmp_path):
    made = make_hq(tmp_path / "console", hq.keys, lambda: (lambda: datetime.now(UTC)), store=hq.store)
    c = TestClient(made.app, base_url="https://testserver", follow_redirects=False)
    page = c.get("/login")
    c.post("/login", data={"csrf": form_token(page.text, "/login"), "name": ADMIN, "passphrase": PASSPHRASE})
    return c


def _publish(c: TestClient, kind: str, raw: dict) -> None:
    page = c.get("/publish").text
    shown = c.post("/publish/preview", data={"csrf": form_token(page, "/publish/preview"), "kind": kind},
                   files={"file": ("upload.json", json.dumps(raw, ensure_ascii=False).encode(), "application/json")})
    assert shown.status_code == 200, shown.text
    digest = shown.text.split('name="sha256" value="')[1].split('"')[0]
    answer = c.post("/publish", data={"csrf": form_token(shown.text, "/publish"), "sha256": digest})
    assert answer.status_code == 303


def _actions(session) -> list[tuple[str, str]]:
    return [(e.action, e.object) for e in session.ctx.repo.iter_audit()]


def test_published_instrument_and_module_reach_the_wing_on_its_next_sync(wing, login, hq, console, tmp_path):
    wing.sync_factory = WingSync
    device = enrol(login("admin"), hq)
    _publish(console, "instrument", _instrument(2))
    _publish(console, "training_module", package(version=1, module_id="wd.new_intervention", languages=("en", "mk")))
    page = console.get("/publish/agencies").text  # a vetted NGO, listed in the same section
    assert console.post("/publish/agencies", data={
        "csrf": form_token(page, "/publish/agencies"), "name": "Most – udruženje za reintegraciju", "type": "ngo",
        "recipient": str(pyrage.x25519.Identity.generate().to_public())}).status_code == 303
    sup = login("sup")
    (tmp_path / "1.wdb").write_bytes(build_outbox_bundle(hq, device))
    result = sup.sync.import_files([tmp_path / "1.wdb"])
    assert result.files[0].outcome == "applied"
    assert (result.instruments_installed, result.modules_installed) == (1, 1)
    psy = login("psy")
    assert psy.instruments.in_force(SPJ).version == 2
    assert psy.instruments.view(SPJ, "mk").domains[0].title == "Уверувања и ставови"
    module = psy.modules.view("wd.new_intervention", "mk")
    assert (module.version, module.language, module.title) == (1, "mk", "Title mk")
    actions = _actions(sup)
    assert (("instrument_installed", f"instrument:{SPJ}@2") in actions
            and ("module_installed", "module:wd.new_intervention@1") in actions)
    assert "in bundle 1, written" in console.get("/publish").text
    assert [a.name for a in login("gov").handover.agencies()] == ["Most – udruženje za reintegraciju"]
    (tmp_path / "2.wdb").write_bytes(build_outbox_bundle(hq, device))
    again = sup.sync.import_files([tmp_path / "2.wdb"])  # the cumulative snapshot again: nothing installed twice
    assert (again.instruments_installed, again.modules_installed) == (0, 0)
    assert [a for a, _o in _actions(sup)].count("instrument_installed") == 1


def test_a_file_hq_did_not_sign_is_refused_and_the_rest_applies(wing, login, hq, console, tmp_path):
    wing.sync_factory = WingSync
    device = enrol(login("admin"), hq)
    forger = keys.generate_key_pairs()  # an HQ-signed bundle carrying a file signed by some other key
    _instrument_raw, forged = sign_instrument(canonical_bytes(_instrument(7)), forger.sign_private,
                                              datetime.now(UTC))
    add_reference(hq, "instrument", {"id": SPJ, "version": 7, "file": base64.b64encode(forged).decode()},
                  record_id="b4f9a0c2-1d7e-4c55-9a3b-6e2f8d1c0a99", rev=7)
    _publish(console, "training_module", package(version=2, module_id="wd.new_intervention"))
    sup = login("sup")
    (tmp_path / "1.wdb").write_bytes(build_outbox_bundle(hq, device))
    result = sup.sync.import_files([tmp_path / "1.wdb"])
    assert result.files[0].outcome == "applied"
    assert (result.instruments_installed, result.modules_installed) == (0, 1)
    assert sup.ctx.repo.instrument_versions(SPJ) == []
    actions = _actions(sup)
    assert ("instrument_refused", "instrument:instrument_wrong_key") in actions
    assert ("published_refused", "hq_bundle:instrument_wrong_key") in actions


def test_the_command_line_import_says_what_it_installed(wing, login, hq, tmp_path, monkeypatch, capsys):
    from tests.integration.test_sync_cli import _run
    from wingdesk.hq import publishing

    wing.sync_factory = WingSync
    device = enrol(login("admin"), hq)
    publishing.publish(hq.store, hq.keys, datetime.now(UTC), publishing.INSTRUMENT,
                       json.dumps(_instrument(2)).encode(), "ana")
    (tmp_path / "1.wdb").write_bytes(build_outbox_bundle(hq, device))
    assert _run(wing.directory, monkeypatch, "sync", "import", str(tmp_path / "1.wdb")) == 0
    assert "Installed from HQ: instrument versions 1; training module versions 0." in capsys.readouterr().out
