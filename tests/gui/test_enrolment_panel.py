"""Enrolment with HQ from the Sync page: choose HQ's key file, compare the fingerprint, enrol in the background,
save the request and show the confirmation code; wrong file, weak key and already enrolled said in one sentence."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from tests.integration.conftest import ACCOUNTS, hq, login, wing, wing_template  # noqa: E402, F401
from tests.integration.sync_helpers import NOW, hq_key_file  # noqa: E402
from tests.sync.test_weak_keys import key_file_with  # noqa: E402
from tests.weak_key_vectors import WEAK_ED25519  # noqa: E402
from wingdesk.gui.pages.sync_page import SyncPage  # noqa: E402
from wingdesk.gui.tasks import TaskRunner  # noqa: E402
from wingdesk.hq.devices import enrol_device  # noqa: E402
from wingdesk.sync import keys  # noqa: E402
from wingdesk.sync.wing_sync import WingSync  # noqa: E402


@pytest.fixture
def page(qtbot, wing, login, tmp_path):  # noqa: F811 - fixtures imported from the integration conftest
    wing.sync_factory = WingSync
    tasks = TaskRunner()
    widget = SyncPage(login("sup"), tasks)
    widget.volumes = lambda: []
    widget.enrolment.ask_password = lambda *args: True
    widget.enrolment.choose_request_file = lambda: str(tmp_path / "request.json")
    qtbot.addWidget(widget)
    widget.show()
    widget.refresh()
    yield widget
    tasks.wait(10000)


def _settle(qtbot, page):
    qtbot.waitUntil(lambda: not page.tasks.busy, timeout=10000)


def _choose(qtbot, page, tmp_path, data: bytes):
    path = tmp_path / "hq-keys.json"
    path.write_bytes(data)
    page.enrolment.choose_key_file = lambda: str(path)
    page.enrolment.choose_button.click()
    _settle(qtbot, page)


def test_enrol_from_the_sync_page_and_hq_accepts_the_request(qtbot, page, hq, tmp_path):  # noqa: F811
    panel = page.enrolment
    assert page.enrolment_value.text() == "not enrolled" and "not enrolled" in panel.intro.text()
    _choose(qtbot, page, tmp_path, hq_key_file(hq))
    assert panel.preview is not None and panel.preview.fingerprint in panel.fingerprint.text()
    assert "HQ test" in panel.fingerprint.text()
    assert not panel.enrol_button.isEnabled()  # not before the fingerprint was compared
    panel.matches.setChecked(True)
    assert panel.enrol_button.isEnabled()
    panel.enrol_button.click()
    _settle(qtbot, page)
    assert panel.bar.kind == "ok" and "request.json" in panel.bar.text()
    code = panel.code.text().split("<b>")[1].split("</b>")[0]
    assert page.enrolment_value.text().startswith("request sent, waiting for HQ")
    assert page.export_button.isEnabled()
    device = enrol_device(hq.store, (tmp_path / "request.json").read_bytes(), code, "prod", NOW)
    assert device  # HQ accepted the request with the code the page showed


@pytest.mark.parametrize("data", [b"{\"not\": \"a key file\"}", b"\x89PNG\r\n\x1a\n" + bytes(200)])
def test_a_wrong_file_is_said_in_one_sentence(qtbot, page, tmp_path, data):
    _choose(qtbot, page, tmp_path, data)
    panel = page.enrolment
    assert panel.bar.text() == "The HQ key file is damaged or not genuine."
    assert panel.preview is None and not panel.enrol_button.isEnabled()
    assert page.session.sync.status().enrolment_state == "none"


def test_a_weak_key_and_an_oversized_file_are_refused(qtbot, page, tmp_path):
    genuine = keys.generate_key_pairs()
    _choose(qtbot, page, tmp_path, key_file_with(WEAK_ED25519[0], genuine.enc_public))
    assert page.enrolment.bar.text().startswith("A public key was refused because it is weak")
    _choose(qtbot, page, tmp_path, b" " * (65 * 1024))
    assert page.enrolment.bar.text() == "This file cannot be read, or it is not an HQ key file."


def test_already_enrolled_is_said_and_installing_again_is_asked(qtbot, page, hq, tmp_path):  # noqa: F811
    page.session.sync.enrol(hq_key_file(hq))
    page.session.ctx.repo.set_enrolment_state("enrolled")
    page.refresh()
    panel = page.enrolment
    assert "is enrolled with HQ" in panel.intro.text()
    asked: list[str] = []
    panel.confirm = lambda _parent, _title, text, _yes: asked.append(text) or False
    _choose(qtbot, page, tmp_path, hq_key_file(hq))
    panel.matches.setChecked(True)
    panel.enrol_button.click()
    _settle(qtbot, page)
    assert asked and asked[0].startswith("This PC is already enrolled with HQ.")
    assert panel.bar.kind == "error" and not panel.code.text()
