"""Fixtures for end-to-end tests of what HQ publishes reaching the demo wing (code lists, the prison/wing hierarchy):
an HQ with its console (`hq`), and `sessions(name)` signing a demo account in on the wing with HQ sync installed,
every session locked and the language and HQ-added labels set back after the test."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from starlette.testclient import TestClient

from tests.gui.pages_fixtures import PASSWORDS
from tests.hq.console_fixtures import ADMIN, PASSPHRASE, form_token, make_hq
from wingdesk.crypto.kdf import floor_params
from wingdesk.demo.clock import DemoClock
from wingdesk.gui.labels import set_added_labels
from wingdesk.hq.keystore import HqKeys
from wingdesk.i18n import set_language
from wingdesk.storage.backend import LocalWing
from wingdesk.sync import keys
from wingdesk.sync.wing_sync import WingSync


@pytest.fixture
def hq(tmp_path):
    hq_keys = HqKeys("prod", "HQ test", "2025-01-01T00:00:00Z", keys.generate_key_pairs())
    made = make_hq(tmp_path / "hq", hq_keys, lambda: (lambda: datetime.now(UTC)))
    yield made
    made.store.close()


@pytest.fixture
def sessions(wing_dir):
    opened = []

    def sign_in(name):
        local = LocalWing(wing_dir, kdf=floor_params(), clock=DemoClock())
        local.sync_factory = WingSync
        session = local.sign_in(name, PASSWORDS[name])
        opened.append(session)
        return session

    yield sign_in
    for session in opened:
        session.lock()
    set_added_labels({})
    set_language("en")


def admin_console(made) -> TestClient:
    """The console, signed in as its hq_admin."""
    client = TestClient(made.app, base_url="https://testserver", follow_redirects=False)
    page = client.get("/login")
    client.post("/login", data={"csrf": form_token(page.text, "/login"), "name": ADMIN, "passphrase": PASSPHRASE})
    return client
