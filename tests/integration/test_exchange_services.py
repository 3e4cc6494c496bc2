"""Two services end to end (issue 17 item 6): service A exports a training module to service B; B imports it,
its hq_admin adopts it, and B's wing installs it as a file of its own HQ. A's own signed file stays refused there:
B's wings trust B's HQ key only."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.integration.sync_helpers import enrol
from tests.module_packages import package
from wingdesk.domain.canonical import canonical_bytes
from wingdesk.domain.modules.model import ModuleError
from wingdesk.hq.exchange import read_item
from wingdesk.hq.exchange_keys import ExchangeIdentity, key_file, read_key_file
from wingdesk.hq.exchange_store import adopt, export_item, keep_signed, receive, received_items, trust
from wingdesk.hq.modules import sign_module
from wingdesk.hq.store import open_store
from wingdesk.sync import keys
from wingdesk.sync.wing_sync import WingSync

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def service_a(tmp_path):
    store = open_store(tmp_path / "service-a")
    yield store, keys.generate_key_pairs(), ExchangeIdentity("Service A", "prod", keys.generate_key_pairs())
    store.close()


def _register(store, other: ExchangeIdentity, own: ExchangeIdentity) -> None:
    key = read_key_file(key_file(other))  # the file carried over; the fingerprint read out by phone
    trust(store, key, key.fingerprint, own.public(), "prod", NOW)


def test_a_module_from_service_a_is_adopted_by_b_and_installs_on_bs_wing(service_a, hq, wing, login):
    a_store, a_hq, a_exchange = service_a
    b_exchange = ExchangeIdentity("Service B", "prod", keys.generate_key_pairs())
    wing.sync_factory = WingSync
    admin = login("admin")
    enrol(admin, hq)  # B's wing, enrolled at B's HQ (`hq`)

    a_signed = sign_module(canonical_bytes(package(3)), a_hq.sign_private, NOW)[1]  # `module sign` at A
    keep_signed(a_store, read_item("module", a_signed), "signed", NOW)
    _register(a_store, b_exchange, a_exchange)
    _register(hq.store, a_exchange, b_exchange)
    data = export_item(a_store, a_exchange, "module", "wd.test_module", None, "Service B", NOW)[1]

    receive(hq.store, b_exchange, data, NOW)
    with pytest.raises(ModuleError) as refused:
        admin.modules.install_signed(a_signed)  # A's HQ key means nothing to B's wing
    assert refused.value.code == "module_wrong_key"

    written: list[bytes] = []
    adopted = adopt(hq.store, received_items(hq.store)[0].exchange_id, hq.keys.current.sign_private, "boss", NOW,
                    written.append)
    assert (adopted.service, adopted.adopted_by) == ("Service A", "boss")
    outcome = admin.modules.install_signed(written[0])  # the existing path: `wingdesk module install`
    assert (outcome.module_id, outcome.version, outcome.outcome) == ("wd.test_module", 3, "installed")
    assert login("off1").modules.view("wd.test_module", "mk").title == "Title mk"  # with its translations
