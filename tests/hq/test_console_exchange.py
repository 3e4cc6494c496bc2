"""The console's exchange page (issue 17 item 6): the hq_admin sees trusted services and received or adopted items,
names from another service shown escaped; an analyst is refused; each view audited."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from tests.hq.conftest import NOW, Clock
from tests.hq.console_fixtures import ADMIN, ANALYST, make_hq
from tests.hq.test_console_web import sign_in
from tests.module_packages import package
from wingdesk.domain.canonical import canonical_bytes
from wingdesk.hq.exchange import read_item, seal_item
from wingdesk.hq.exchange_keys import ExchangeIdentity, key_file, read_key_file
from wingdesk.hq.exchange_store import adopt, receive, received_items, trust
from wingdesk.hq.modules import sign_module
from wingdesk.sync import keys

HOSTILE = "<script>alert(1)</script> \"Krilo\" & 'B'"  # a key file refuses control and direction marks


@pytest.fixture
def hq(tmp_path, hq_keys):
    made = make_hq(tmp_path / "hq", hq_keys, Clock)
    yield made
    made.store.close()


def _receive_from_hostile_name(hq) -> None:
    sender = ExchangeIdentity(HOSTILE, "prod", keys.generate_key_pairs())
    me = ExchangeIdentity("Service B", "prod", keys.generate_key_pairs())
    key = read_key_file(key_file(sender))
    trust(hq.store, key, key.fingerprint, me.public(), "prod", NOW)
    for version in (1, 2):
        signed = sign_module(canonical_bytes(package(version)), keys.generate_key_pairs().sign_private, NOW)[1]
        receive(hq.store, me, seal_item(sender, me.public(), read_item("module", signed), NOW), NOW)
    adopt(hq.store, received_items(hq.store)[0].exchange_id, hq.ctx.keys.current.sign_private, ADMIN, NOW,
          lambda _data: None)


def test_the_admin_sees_received_and_adopted_items_escaped(hq):
    _receive_from_hostile_name(hq)
    c = TestClient(hq.app, base_url="https://testserver", follow_redirects=False)
    sign_in(c)
    page = c.get("/exchange")
    assert page.status_code == 200
    assert "<script>alert(1)" not in page.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert page.text.count("wd.test_module") == 2 and "received, not adopted" in page.text
    assert f"adopted by {ADMIN}" in page.text
    assert ("console_viewed", "", f"staff={ADMIN} exchange") in hq.audit("console_viewed")


def test_an_analyst_is_refused_the_exchange_page(hq):
    c = TestClient(hq.app, base_url="https://testserver", follow_redirects=False)
    sign_in(c, ANALYST)
    assert c.get("/exchange").status_code == 403
