"""Exchange between services (issue 17 item 6): key files and fingerprints, export, import, adopt, and every
refusal leaving nothing stored, on SQLite and (with WINGDESK_TEST_PG) PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from tests.hq.conftest import NOW
from tests.module_packages import package
from wingdesk.config.package_data import shipped_instruments
from wingdesk.crypto import signing
from wingdesk.domain.canonical import canonical_bytes
from wingdesk.domain.instruments.signed_file import read_signed
from wingdesk.hq.exchange import ExchangeRefused, Item, read_item, seal_item
from wingdesk.hq.exchange_keys import ExchangeIdentity, ExchangeKeyInvalid, key_file, read_key_file
from wingdesk.hq.exchange_store import (
    adopt,
    export_item,
    keep_signed,
    receive,
    received_items,
    trust,
    trusted_services,
    untrust,
)
from wingdesk.hq.instruments import sign_instrument
from wingdesk.hq.modules import WRAPPER, sign_module
from wingdesk.hq.store import open_store
from wingdesk.sync import keys
from wingdesk.sync.header import PREFIX_LEN

LATER = datetime(2025, 3, 2, 9, 0, tzinfo=UTC)


def identity(name: str, env: str = "prod") -> ExchangeIdentity:
    return ExchangeIdentity(name, env, keys.generate_key_pairs())


@pytest.fixture
def a_store(tmp_path):
    opened = open_store(tmp_path / "service-a")
    yield opened
    opened.close()


@pytest.fixture
def a():
    return identity("Service A")


@pytest.fixture
def b():
    return identity("Service B")


def _trust(store, sender: ExchangeIdentity, receiver: ExchangeIdentity | None = None) -> None:
    key = read_key_file(key_file(sender))
    trust(store, key, key.fingerprint, None if receiver is None else receiver.public(), "prod", NOW)


def _module(version: int = 1, hq_sign: bytes | None = None, **changes) -> Item:
    raw = package(version)
    raw.update(changes)
    signed = sign_module(canonical_bytes(raw), hq_sign or keys.generate_key_pairs().sign_private, NOW)[1]
    return read_item("module", signed)


def _exported(a_store, a, b, item: Item | None = None) -> bytes:
    """A's exchange file of a module A's HQ signed, for B (A trusts B)."""
    keep_signed(a_store, item or _module(), "signed", NOW)
    _trust(a_store, b)
    return export_item(a_store, a, "module", (item or _module()).item_id, None, "Service B", NOW)[1]


def _nothing_stored(store) -> None:
    assert received_items(store) == []
    with store.transaction(write=False) as repo:
        assert repo._rows("SELECT action FROM audit WHERE action = 'exchange_received'") == []


def _refused(call) -> str:
    with pytest.raises(ExchangeRefused) as caught:
        call()
    return caught.value.detail


def test_key_file_round_trip_and_fingerprint_gate(store, a, b):
    data = key_file(a)
    key = read_key_file(data)
    assert (key.service, key.env, key.sign_public, key.enc_public) == ("Service A", "prod", a.pairs.sign_public,
                                                                       a.pairs.enc_public)
    assert len(key.fingerprint) == 19 and key.matches(key.fingerprint.lower().replace("-", " "))
    other = read_key_file(key_file(identity("Service A")))
    assert _refused(lambda: trust(store, key, other.fingerprint, b.public(), "prod", NOW)) == "fingerprint"
    assert _refused(lambda: trust(store, read_key_file(key_file(b)), b.public().fingerprint, b.public(), "prod",
                                  NOW)) == "own_key"
    test_key = read_key_file(key_file(identity("Service T", "test")))
    assert _refused(lambda: trust(store, test_key, test_key.fingerprint, b.public(), "prod", NOW)) == "env"
    with store.transaction(write=False) as repo:
        assert repo._rows("SELECT * FROM exchange_services") == []
    trust(store, key, key.fingerprint, b.public(), "prod", NOW)
    assert _refused(lambda: trust(store, key, key.fingerprint, b.public(), "prod", NOW)) == "already_trusted"
    assert _refused(lambda: trust(store, other, other.fingerprint, b.public(), "prod", NOW)) == "name_taken"


def test_a_changed_key_file_is_refused():
    wrapper = json.loads(key_file(identity("Service A")))
    wrapper["exchange_key"]["service"] = "Service Z"
    with pytest.raises(ExchangeKeyInvalid):
        read_key_file(canonical_bytes(wrapper))
    with pytest.raises(ExchangeKeyInvalid):
        read_key_file(b"not json")


def test_export_import_adopt_keeps_provenance(store, a_store, a, b):
    data = _exported(a_store, a, b)
    _trust(store, a, b)
    received = receive(store, b, data, LATER)
    assert (received.sender.service, received.item.item_id, received.item.version) == ("Service A",
                                                                                       "wd.test_module", 1)
    [row] = received_items(store)
    assert row.adopted_at is None and row.fingerprint == read_key_file(key_file(a)).fingerprint
    b_hq = keys.generate_key_pairs()
    written = []
    adopted = adopt(store, row.exchange_id[:8], b_hq.sign_private, "hq-admin-1", LATER, written.append)
    assert adopted.adopted_by == "hq-admin-1" and adopted.service == "Service A"
    signed = read_signed(written[0], WRAPPER, kind="module")
    assert signed.hq_key_id == b_hq.sign_key_id and signed.definition == package(1)
    assert signing.verify(b_hq.sign_public, signing.MODULE_PREFIX, signed.statement, signed.signature)
    assert received_items(store)[0].adopted_by == "hq-admin-1"
    with store.transaction(write=False) as repo:
        actions = [row[0] for row in repo._rows("SELECT action FROM audit ORDER BY id")]
        detail = json.loads(repo._one("SELECT detail FROM audit WHERE action = 'exchange_adopted'")[0])
        source = repo._one("SELECT source FROM exchange_library WHERE item_id = 'wd.test_module'")[0]
    assert actions == ["exchange_trusted", "exchange_received", "exchange_adopted"]
    assert detail["from"] == "Service A" and detail["by"] == "hq-admin-1" and detail["fingerprint"] == row.fingerprint
    assert source == f"adopted:{row.exchange_id}"
    assert _refused(lambda: adopt(store, row.exchange_id, b_hq.sign_private, "x", LATER, written.append)) == \
        "already_adopted"


def test_an_instrument_travels_too(store, a_store, a, b):
    signed = sign_instrument(shipped_instruments()[0], keys.generate_key_pairs().sign_private, NOW)[1]
    item = read_item("instrument", signed)
    keep_signed(a_store, item, "signed", NOW)
    _trust(a_store, b)
    _trust(store, a, b)
    data = export_item(a_store, a, "instrument", item.item_id, item.version, "Service B", NOW)[1]
    assert receive(store, b, data, LATER).item.definition == item.definition
    b_hq = keys.generate_key_pairs()
    written = []
    adopt(store, received_items(store)[0].exchange_id, b_hq.sign_private, "boss", LATER, written.append)
    again = read_signed(written[0])
    assert signing.verify(b_hq.sign_public, signing.INSTRUMENT_PREFIX, again.statement, again.signature)


def test_export_needs_a_trusted_service_and_a_held_item(a_store, a, b):
    assert _refused(lambda: export_item(a_store, a, "module", "wd.test_module", None, "Service B", NOW)) == \
        "unknown_service"
    _trust(a_store, b)
    assert _refused(lambda: export_item(a_store, a, "module", "wd.test_module", None, "Service B", NOW)) == \
        "not_held"
    keep_signed(a_store, _module(1), "signed", NOW)
    keep_signed(a_store, _module(2), "signed", NOW)
    assert export_item(a_store, a, "module", "wd.test_module", None, "Service B", NOW)[0].version == 2
    assert export_item(a_store, a, "module", "wd.test_module", 1, "Service B", NOW)[0].version == 1


def test_unknown_sender_is_refused(store, a_store, a, b):
    data = _exported(a_store, a, b)
    assert _refused(lambda: receive(store, b, data, LATER)) == "unknown_sender"
    _nothing_stored(store)


def test_forged_signature_is_refused(store, a_store, a, b):
    data = bytearray(_exported(a_store, a, b))
    header_len = int.from_bytes(data[PREFIX_LEN - 4 : PREFIX_LEN], "big")
    data[PREFIX_LEN + header_len + 5] ^= 0x01  # inside the signature over the header
    _trust(store, a, b)
    assert _refused(lambda: receive(store, b, bytes(data), LATER)) == "forged"
    _nothing_stored(store)


def test_a_file_signed_by_an_impostor_with_the_senders_key_id_is_refused(store, a_store, a, b):
    impostor = ExchangeIdentity("Service A", "prod", keys.KeyPairs(keys.generate_key_pairs().sign_private,
                                                                   a.pairs.enc_private))
    data = _exported(a_store, impostor, b)
    _trust(store, a, b)
    assert _refused(lambda: receive(store, b, data, LATER)) == "unknown_sender"
    _nothing_stored(store)


def test_a_file_for_another_service_is_refused(store, a_store, a, b):
    c = identity("Service C")
    keep_signed(a_store, _module(), "signed", NOW)
    _trust(a_store, c)
    data = export_item(a_store, a, "module", "wd.test_module", None, "Service C", NOW)[1]
    _trust(store, a, b)
    assert _refused(lambda: receive(store, b, data, LATER)) == "other_service"
    _nothing_stored(store)


def test_tampered_ciphertext_is_refused(store, a_store, a, b):
    data = bytearray(_exported(a_store, a, b))
    data[-20] ^= 0x01
    _trust(store, a, b)
    assert _refused(lambda: receive(store, b, bytes(data), LATER)) == "tampered"
    assert _refused(lambda: receive(store, b, bytes(data[:-1]), LATER)) == "tampered"
    _nothing_stored(store)


def test_a_malformed_definition_is_refused(store, a, b):
    good = _module()
    wrapper = json.loads(good.signed_file)
    del wrapper[WRAPPER]["definition"]["content"]["en"]["title"]
    bad = Item("module", good.item_id, good.version, wrapper[WRAPPER]["definition"], canonical_bytes(wrapper))
    data = seal_item(a, b.public(), bad, NOW)  # sealed as a sender would that skipped its own check
    _trust(store, a, b)
    assert _refused(lambda: receive(store, b, data, LATER)) == "malformed"
    _nothing_stored(store)


def test_a_replay_or_a_changed_version_is_refused(store, a_store, a, b):
    data = _exported(a_store, a, b)
    _trust(store, a, b)
    receive(store, b, data, LATER)
    assert _refused(lambda: receive(store, b, data, LATER)) == "replay"
    resent = export_item(a_store, a, "module", "wd.test_module", None, "Service B", NOW)[1]
    assert _refused(lambda: receive(store, b, resent, LATER)) == "replay"  # the same version sent again
    changed = package(1)
    changed["pass_percent"] = 90
    keep_signed(a_store, read_item("module", sign_module(canonical_bytes(changed), a.pairs.sign_private, NOW)[1]),
                "signed", NOW)
    again = export_item(a_store, a, "module", "wd.test_module", None, "Service B", NOW)[1]
    assert _refused(lambda: receive(store, b, again, LATER)) == "version_changed"
    assert len(received_items(store)) == 1


def test_a_file_of_the_other_environment_is_refused(store, a_store, b):
    test_a = identity("Service A", "test")
    assert _refused(lambda: seal_item(test_a, b.public(), _module(), NOW)) == "env"


def test_adopting_a_version_this_hq_holds_with_other_content_is_refused(store, a_store, a, b):
    data = _exported(a_store, a, b)
    _trust(store, a, b)
    receive(store, b, data, LATER)
    changed = package(1)
    changed["pass_percent"] = 90
    b_hq = keys.generate_key_pairs()
    keep_signed(store, read_item("module", sign_module(canonical_bytes(changed), b_hq.sign_private, NOW)[1]),
                "signed", NOW)
    exchange_id = received_items(store)[0].exchange_id
    assert _refused(lambda: adopt(store, exchange_id, b_hq.sign_private, "boss", LATER, print)) == \
        "library_conflict"
    assert _refused(lambda: adopt(store, "0000", b_hq.sign_private, "boss", LATER, print)) == "no_such_item"
    assert received_items(store)[0].adopted_at is None


def test_nothing_is_adopted_when_the_signed_file_cannot_be_written(store, a_store, a, b):
    data = _exported(a_store, a, b)
    _trust(store, a, b)
    receive(store, b, data, LATER)

    def full_disk(_data: bytes) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        adopt(store, received_items(store)[0].exchange_id, keys.generate_key_pairs().sign_private, "boss", LATER,
              full_disk)
    assert received_items(store)[0].adopted_at is None
    with store.transaction(write=False) as repo:
        assert repo._rows("SELECT 1 FROM exchange_library") == []


def test_a_file_id_seen_before_is_refused_even_for_another_item(store, a_store, a, b, monkeypatch):
    import wingdesk.sync.bundle as bundle

    monkeypatch.setattr(bundle, "new_bundle_id", lambda: "7f1e2d3c-4b5a-4697-8877-665544332211")
    first = _exported(a_store, a, b)
    keep_signed(a_store, _module(2), "signed", NOW)
    second = export_item(a_store, a, "module", "wd.test_module", 2, "Service B", NOW)[1]
    _trust(store, a, b)
    receive(store, b, first, LATER)
    assert _refused(lambda: receive(store, b, second, LATER)) == "replay"
    assert len(received_items(store)) == 1


def test_every_refusal_has_one_sentence():
    import re
    from pathlib import Path

    from wingdesk.hq import exchange
    from wingdesk.hq.cli.exchange_messages import REFUSALS

    sources = "".join(Path(module).read_text(encoding="utf-8") for module in (
        exchange.__file__, Path(exchange.__file__).with_name("exchange_store.py"),
        Path(exchange.__file__).parent / "cli" / "exchange.py"))
    raised = set(re.findall(r'ExchangeRefused\("(\w+)"\)', sources)) | set(exchange.SYNC_REASONS.values()) | {
        "not_exchange"}
    assert raised and raised <= set(REFUSALS), raised - set(REFUSALS)
    assert all(sentence.endswith(".") and sentence.count(". ") <= 1 for sentence in REFUSALS.values())


def test_withdrawn_trust_refuses_files_and_adoption_and_allows_a_new_key(store, a_store, a, b):
    data = _exported(a_store, a, b)
    _trust(store, a, b)
    receive(store, b, data, LATER)
    keep_signed(a_store, _module(2), "signed", NOW)
    later = export_item(a_store, a, "module", "wd.test_module", 2, "Service B", NOW)[1]
    assert untrust(store, "Service A", LATER).fingerprint == read_key_file(key_file(a)).fingerprint
    assert _refused(lambda: untrust(store, "Service A", LATER)) == "unknown_service"
    assert _refused(lambda: receive(store, b, later, LATER)) == "unknown_sender"
    exchange_id = received_items(store)[0].exchange_id
    b_hq = keys.generate_key_pairs()
    assert _refused(lambda: adopt(store, exchange_id, b_hq.sign_private, "boss", LATER, print)) == \
        "sender_withdrawn"
    key = read_key_file(key_file(a))
    assert _refused(lambda: trust(store, key, key.fingerprint, b.public(), "prod", LATER)) == "key_withdrawn"
    rotated = identity("Service A")  # the service's new key, registered by its new fingerprint
    _trust(store, rotated, b)
    assert [s.fingerprint for s in trusted_services(store)] == [read_key_file(key_file(rotated)).fingerprint]
    keep_signed(a_store, _module(3), "signed", NOW)
    assert receive(store, b, export_item(a_store, rotated, "module", "wd.test_module", 3, "Service B", NOW)[1],
                   LATER).item.version == 3
    assert [r.service for r in received_items(store)] == ["Service A", "Service A"]  # the old one kept as it was
    with store.transaction(write=False) as repo:
        assert repo._one("SELECT COUNT(*) FROM audit WHERE action = 'exchange_untrusted'")[0] == 1


def test_a_shortened_id_must_name_one_item(store, a_store, a, b, monkeypatch):
    import wingdesk.sync.bundle as bundle

    ids = iter(["aaaaaaaa-0000-4000-8000-000000000001", "aaaaaaaa-0000-4000-8000-000000000002"])
    monkeypatch.setattr(bundle, "new_bundle_id", lambda: next(ids))
    first = _exported(a_store, a, b)
    keep_signed(a_store, _module(2), "signed", NOW)
    second = export_item(a_store, a, "module", "wd.test_module", 2, "Service B", NOW)[1]
    _trust(store, a, b)
    receive(store, b, first, LATER)
    receive(store, b, second, LATER)
    b_hq = keys.generate_key_pairs().sign_private
    assert _refused(lambda: adopt(store, "aaaaaaaa", b_hq, "boss", LATER, print)) == "ambiguous_item"
    assert _refused(lambda: adopt(store, "%%%%%%%%", b_hq, "boss", LATER, print)) == "no_such_item"
    assert _refused(lambda: adopt(store, "aaaaaaaa____", b_hq, "boss", LATER, print)) == "no_such_item"
    assert adopt(store, "AAAAAAAA-0000-4000-8000-000000000002", b_hq, "boss", LATER, lambda _d: None).version == 2
