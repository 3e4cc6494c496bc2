"""What HQ keeps of the exchange between services (issue 17 item 6, docs/exchange.md), on SQLite and PostgreSQL:

- `trust`: another service's exchange key, registered only when the fingerprint typed matches (audited);
- `keep_signed`: an instrument or module this HQ signed (`instrument sign`, `module sign`), held as its signed file
  so `exchange export` can send it as HQ holds it;
- `export_item`: the newest (or a given) version HQ holds, sealed to a trusted service (audited);
- `receive`: an exchange file checked (hq.exchange) and held as received, not adopted; a file already imported,
  or another file with the same version of the same item from the same service, is refused and nothing stored;
- `adopt`: an hq_admin re-signs a received item with this HQ's signing key; the item joins HQ's library, the
  provenance (service, fingerprint, when received, who adopted and when) stays with it and is audited.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from wingdesk.domain.canonical import canonical_bytes
from wingdesk.hq.exchange import ITEM_KINDS, ExchangeRefused, Item, Received, open_item, read_item, seal_item
from wingdesk.hq.exchange_keys import ExchangeIdentity, ServiceKey
from wingdesk.hq.instruments import sign_instrument
from wingdesk.hq.modules import sign_module
from wingdesk.hq.store import SqlStore
from wingdesk.sync.reference import utc_text

_SERVICE_COLS = "service, env, sign_public, enc_public"
_RECEIVED_COLS = ("exchange_id, service, fingerprint, kind, item_id, version, sent_at, received_at, adopted_at, "
                  "adopted_by")
MIN_ID_PREFIX = 8
_ID_PREFIX = re.compile(rf"[0-9a-f-]{{{MIN_ID_PREFIX},36}}")  # an exchange id is a UUID: no LIKE wildcard


@dataclass(frozen=True)
class ReceivedRow:
    """A received item as listed: what it is, from whom, and whether (and by whom) it was adopted."""

    exchange_id: str
    service: str
    fingerprint: str
    kind: str
    item_id: str
    version: int
    sent_at: str
    received_at: str
    adopted_at: str | None
    adopted_by: str | None


def _service(row: tuple[Any, ...] | None) -> ServiceKey | None:
    if row is None:
        return None
    service, env, sign_public, enc_public = row
    return ServiceKey(str(service), str(env), bytes(sign_public), bytes(enc_public))


def trust(store: SqlStore, key: ServiceKey, typed: str, own: ServiceKey | None, env: str, now: datetime) -> None:
    """Register another service's exchange key: refused unless `typed` is its fingerprint, it is of this HQ's
    environment (`env`), it is not this service's own key, and no other key is registered under its name."""
    if not key.matches(typed):
        raise ExchangeRefused("fingerprint")
    if key.env != env:
        raise ExchangeRefused("env")
    if own is not None and own.sign_public == key.sign_public:
        raise ExchangeRefused("own_key")
    with store.transaction() as repo:
        if repo._one("SELECT 1 FROM exchange_services WHERE sign_public = ? AND withdrawn_at IS NOT NULL",
                     (key.sign_public,)) is not None:
            raise ExchangeRefused("key_withdrawn")
        known = repo._one("SELECT sign_public FROM exchange_services WHERE service = ? AND withdrawn_at IS NULL",
                          (key.service,))
        if known is not None:
            if bytes(known[0]) == key.sign_public:
                raise ExchangeRefused("already_trusted")
            raise ExchangeRefused("name_taken")
        repo._exec("INSERT INTO exchange_services (service_id, service, env, sign_key_id, sign_public, enc_public, "
                   "fingerprint, trusted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   (key.service_id, key.service, key.env, key.sign_key_id, key.sign_public, key.enc_public,
                    key.fingerprint, utc_text(now)))
        repo.audit(utc_text(now), "exchange_trusted", "", "", json.dumps(
            {"service": key.service, "service_id": key.service_id, "fingerprint": key.fingerprint}))


@dataclass(frozen=True)
class TrustedRow:
    service: str
    fingerprint: str
    trusted_at: str


def trusted_services(store: SqlStore) -> list[TrustedRow]:
    with store.transaction(write=False) as repo:
        rows = repo._rows("SELECT service, fingerprint, trusted_at FROM exchange_services WHERE withdrawn_at IS NULL "
                          "ORDER BY service")
    return [TrustedRow(*row) for row in rows]


def untrust(store: SqlStore, service: str, now: datetime) -> ServiceKey:
    """Withdraw trust in a service's key (lost, compromised, or replaced): its files are refused from now on, what
    it sent and was not adopted cannot be adopted, and the key can never be trusted again; a new key may then be
    trusted under the same name (key rotation). Audited; the rows stay, as provenance."""
    with store.transaction() as repo:
        found = _service(repo._one(f"SELECT {_SERVICE_COLS} FROM exchange_services WHERE service = ? AND "
                                   "withdrawn_at IS NULL", (service,)))
        if found is None:
            raise ExchangeRefused("unknown_service")
        repo._exec("UPDATE exchange_services SET withdrawn_at = ? WHERE service_id = ?", (utc_text(now),
                                                                                         found.service_id))
        repo.audit(utc_text(now), "exchange_untrusted", "", "", json.dumps(
            {"service": found.service, "service_id": found.service_id, "fingerprint": found.fingerprint}))
    return found


def trusted_by_key(store: SqlStore) -> Callable[[str], ServiceKey | None]:
    def lookup(sign_key_id: str) -> ServiceKey | None:
        with store.transaction(write=False) as repo:
            return _service(repo._one(f"SELECT {_SERVICE_COLS} FROM exchange_services WHERE sign_key_id = ? AND "
                                      "withdrawn_at IS NULL", (sign_key_id,)))
    return lookup


def trusted_named(store: SqlStore, service: str) -> ServiceKey | None:
    with store.transaction(write=False) as repo:
        return _service(repo._one(f"SELECT {_SERVICE_COLS} FROM exchange_services WHERE service = ? AND "
                                  "withdrawn_at IS NULL", (service,)))


def keep_signed(store: SqlStore, item: Item, source: str, now: datetime) -> None:
    """Hold a signed file in HQ's library (the newest signing of a version replaces the one before)."""
    with store.transaction() as repo:
        repo._exec("DELETE FROM exchange_library WHERE kind = ? AND item_id = ? AND version = ?",
                   (item.kind, item.item_id, item.version))
        repo._exec("INSERT INTO exchange_library (kind, item_id, version, content_sha256, signed_file, source, "
                   "kept_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   (item.kind, item.item_id, item.version, item.content_sha256, item.signed_file, source,
                    utc_text(now)))


def held(store: SqlStore, kind: str, item_id: str, version: int | None = None) -> Item | None:
    """The signed file HQ holds for this item: the given version, or the newest."""
    with store.transaction(write=False) as repo:
        if version is None:
            row = repo._one("SELECT signed_file FROM exchange_library WHERE kind = ? AND item_id = ? "
                            "ORDER BY version DESC LIMIT 1", (kind, item_id))
        else:
            row = repo._one("SELECT signed_file FROM exchange_library WHERE kind = ? AND item_id = ? AND version = ?",
                            (kind, item_id, version))
    return None if row is None else read_item(kind, bytes(row[0]))


def export_item(store: SqlStore, identity: ExchangeIdentity, kind: str, item_id: str, version: int | None,
                to_service: str, now: datetime) -> tuple[Item, bytes]:
    """(the item, its exchange file) for a trusted service; audited. The caller writes the file."""
    if kind not in ITEM_KINDS:
        raise ExchangeRefused("kind")
    to = trusted_named(store, to_service)
    if to is None:
        raise ExchangeRefused("unknown_service")
    item = held(store, kind, item_id, version)
    if item is None:
        raise ExchangeRefused("not_held")
    data = seal_item(identity, to, item, now)
    with store.transaction() as repo:
        repo.audit(utc_text(now), "exchange_exported", "", "", json.dumps(
            {"to": to.service, "service_id": to.service_id, "kind": kind, "item_id": item.item_id,
             "version": item.version, "content_sha256": item.content_sha256}))
    return item, data


def receive(store: SqlStore, identity: ExchangeIdentity, data: bytes, now: datetime) -> Received:
    """Check an exchange file and hold its item as received, not adopted (audited); refused with nothing stored."""
    received = open_item(data, identity, trusted_by_key(store))
    item, sender = received.item, received.sender
    with store.transaction() as repo:
        if repo._one("SELECT 1 FROM exchange_received WHERE exchange_id = ? OR file_sha256 = ?",
                     (received.exchange_id, received.file_sha256)) is not None:
            raise ExchangeRefused("replay")
        same = repo._one("SELECT content_sha256 FROM exchange_received WHERE service_id = ? AND kind = ? AND "
                         "item_id = ? AND version = ?", (sender.service_id, item.kind, item.item_id, item.version))
        if same is not None:
            raise ExchangeRefused("replay" if same[0] == item.content_sha256 else "version_changed")
        repo._exec("INSERT INTO exchange_received (exchange_id, file_sha256, service_id, service, fingerprint, kind, "
                   "item_id, version, content_sha256, signed_file, sent_at, received_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (received.exchange_id, received.file_sha256, sender.service_id, sender.service,
                    sender.fingerprint, item.kind, item.item_id, item.version, item.content_sha256, item.signed_file,
                    received.sent_at, utc_text(now)))
        repo.audit(utc_text(now), "exchange_received", "", received.exchange_id, json.dumps(
            {"from": sender.service, "fingerprint": sender.fingerprint, "kind": item.kind, "item_id": item.item_id,
             "version": item.version, "content_sha256": item.content_sha256, "sent_at": received.sent_at}))
    return received


def received_items(store: SqlStore) -> list[ReceivedRow]:
    with store.transaction(write=False) as repo:
        rows = repo._rows(f"SELECT {_RECEIVED_COLS} FROM exchange_received ORDER BY received_at, exchange_id")
    return [ReceivedRow(*row) for row in rows]


def _find(repo: Any, wanted: str) -> tuple[Any, ...]:
    """The one received item whose id starts with `wanted` (8 characters or more), with its sender's state."""
    prefix = wanted.strip().lower()
    if not _ID_PREFIX.fullmatch(prefix):
        raise ExchangeRefused("no_such_item")
    found = repo._rows("SELECT r.exchange_id, r.kind, r.signed_file, r.adopted_at, s.withdrawn_at "
                       "FROM exchange_received r JOIN exchange_services s ON s.service_id = r.service_id "
                       "WHERE r.exchange_id LIKE ? ORDER BY r.exchange_id LIMIT 2", (prefix + "%",))
    if len(found) != 1:
        raise ExchangeRefused("no_such_item" if not found else "ambiguous_item")
    return tuple(found[0])


def adopt(store: SqlStore, wanted: str, hq_sign_private: bytes, admin: str, now: datetime,
          deliver: Callable[[bytes], None]) -> ReceivedRow:
    """Re-sign a received item with this HQ's signing key for its own wings, by the hq_admin `admin` (whose
    identity the caller checked), and hand the signed file the wings install to `deliver` before the adoption
    commits (if it cannot be written, nothing is adopted). Audited with its provenance."""
    with store.transaction() as repo:
        exchange_id, kind, signed_file, adopted_at, withdrawn_at = _find(repo, wanted)
        if adopted_at is not None:
            raise ExchangeRefused("already_adopted")
        if withdrawn_at is not None:
            raise ExchangeRefused("sender_withdrawn")
        item = read_item(str(kind), bytes(signed_file))
        sign = sign_instrument if kind == "instrument" else sign_module
        resigned = sign(canonical_bytes(item.definition), hq_sign_private, now)[1]
        mine = repo._one("SELECT content_sha256 FROM exchange_library WHERE kind = ? AND item_id = ? AND version = ?",
                         (item.kind, item.item_id, item.version))
        if mine is not None and mine[0] != item.content_sha256:
            raise ExchangeRefused("library_conflict")
        row = repo._one(f"SELECT {_RECEIVED_COLS} FROM exchange_received WHERE exchange_id = ?", (exchange_id,))
        assert row is not None
        provenance = ReceivedRow(*row)
        repo._exec("UPDATE exchange_received SET adopted_at = ?, adopted_by = ? WHERE exchange_id = ? AND "
                   "adopted_at IS NULL", (utc_text(now), admin, exchange_id))
        repo._exec("DELETE FROM exchange_library WHERE kind = ? AND item_id = ? AND version = ?",
                   (item.kind, item.item_id, item.version))
        repo._exec("INSERT INTO exchange_library (kind, item_id, version, content_sha256, signed_file, source, "
                   "kept_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   (item.kind, item.item_id, item.version, item.content_sha256, resigned,
                    f"adopted:{exchange_id}", utc_text(now)))
        repo.audit(utc_text(now), "exchange_adopted", "", str(exchange_id), json.dumps(
            {"by": admin, "from": provenance.service, "fingerprint": provenance.fingerprint, "kind": item.kind,
             "item_id": item.item_id, "version": item.version, "content_sha256": item.content_sha256,
             "received_at": provenance.received_at}))
        deliver(resigned)
    return dataclasses.replace(provenance, adopted_at=utc_text(now), adopted_by=admin)
