"""Seal an instrument or training module to another prison service, and open one sent to this service
(issue 17 item 6, docs/exchange.md).

An exchange file is one sync bundle (sync.bundle: `WDB1` framing, Ed25519-signed header, age payload), signed with
the sender's exchange key (hq.exchange_keys) and encrypted to the receiving service's exchange recipient; its header
names the receiving service (the device field holds its service id) and its one line holds the signed file as the
sending HQ holds it, with what it is (kind, id, version), who sent it to whom, and when. Nothing here is a new
construction: sealing, signing, hashing and decryption are sync.bundle's.

Opening checks, in order, and refuses with a code (ExchangeRefused, or the bundle's own SyncError) before anything
is stored: the signer is a trusted service and its signature over the header holds (unknown sender, forged file);
the payload is the one signed (tampered ciphertext); the file names this service and its key (another service's
file); it decrypts and holds exactly one line, as signed; the definition inside passes the parser every wing uses
(malformed definition). Replays are the caller's to refuse (hq.exchange_store), by the file's id and hash.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from wingdesk.domain.canonical import canonical_bytes
from wingdesk.domain.errors import ValidationError
from wingdesk.domain.instruments.parse import parse_definition
from wingdesk.domain.instruments.signed_file import read_signed
from wingdesk.domain.modules.model import ModuleError
from wingdesk.domain.modules.parse import MAX_BYTES as MODULE_MAX_BYTES
from wingdesk.domain.modules.parse import parse_package
from wingdesk.hq.exchange_keys import ExchangeIdentity, ServiceKey
from wingdesk.hq.modules import WRAPPER as MODULE_WRAPPER
from wingdesk.sync.bundle import decrypt_verified, seal_bundle, verify_bundle
from wingdesk.sync.errors import SyncError
from wingdesk.sync.header import GENESIS_HASH, KIND_HQ_TO_WING, SignerClaim
from wingdesk.sync.payload import record_content_hash
from wingdesk.sync.reference import utc_text

ITEM_KINDS = ("instrument", "module")
LINE_KIND = "exchange_item"
FILE_SEQ = 1
MAX_FILE_LEN = 48 * 1024 * 1024  # a module may be 16 MiB with its pictures; its signed file travels as JSON text
MAX_PLAINTEXT = 64 * 1024 * 1024
# the bundle layer's refusals of an exchange file, read as the exchange's own reasons
SYNC_REASONS = {
    "unknown_signer": "unknown_sender",
    "signature_invalid": "forged",
    "payload_hash_mismatch": "tampered",
    "bundle_truncated": "tampered",
    "manifest_mismatch": "tampered",
    "decrypt_failed": "tampered",
    "wrong_recipient": "other_service",
    "env_mismatch": "env",
}
_BODY_FIELDS = frozenset({"from", "from_service", "to", "kind", "item_id", "version", "sent_at", "file"})


class ExchangeRefused(SyncError):
    """An exchange file or request this service will not take; `detail` is the reason's code (docs/exchange.md)."""

    code = "exchange_refused"


@dataclass(frozen=True)
class Item:
    """An instrument or module as a signed file, validated: what is sent, received and adopted."""

    kind: str
    item_id: str
    version: int
    definition: dict[str, Any]
    signed_file: bytes

    @property
    def content_sha256(self) -> str:
        return hashlib.sha256(canonical_bytes(self.definition)).hexdigest()


@dataclass(frozen=True)
class Received:
    """An exchange file that passed every check, ready to be held as received."""

    exchange_id: str
    file_sha256: str
    sender: ServiceKey
    sent_at: str
    item: Item


def read_item(kind: str, signed_file: bytes) -> Item:
    """The signed file's definition checked by the parser the wings use; ExchangeRefused("malformed") if not."""
    try:
        if kind == "instrument":
            signed = read_signed(signed_file)
            instrument = parse_definition(signed.definition)
            item_id, version = instrument.instrument_id, instrument.version
        elif kind == "module":
            signed = read_signed(signed_file, MODULE_WRAPPER, MODULE_MAX_BYTES, "module", ModuleError)
            module = parse_package(signed.definition)
            item_id, version = module.module_id, module.version
        else:
            raise ExchangeRefused("kind")
    except ValidationError:
        raise ExchangeRefused("malformed") from None
    return Item(kind, item_id, version, signed.definition, signed_file)


def seal_item(identity: ExchangeIdentity, to: ServiceKey, item: Item, now: datetime) -> bytes:
    """The exchange file: the item's signed file sealed to `to`, signed with this service's exchange key."""
    if to.env != identity.env:
        raise ExchangeRefused("env")
    me = identity.public()
    body = {"from": me.service_id, "from_service": me.service, "to": to.service_id, "kind": item.kind,
            "item_id": item.item_id, "version": item.version, "sent_at": utc_text(now),
            "file": item.signed_file.decode("utf-8")}
    line = {"record_id": str(uuid.uuid4()), "rev": 1, "kind": LINE_KIND, "content_hash": record_content_hash(body),
            "body": body}
    return seal_bundle(KIND_HQ_TO_WING, to.service_id, FILE_SEQ, GENESIS_HASH, [line], identity.pairs.sign_private,
                       to.enc_public, identity.env)


def open_item(data: bytes, identity: ExchangeIdentity, trusted: Callable[[str], ServiceKey | None]) -> Received:
    """Verify, decrypt and validate an exchange file sent to this service; `trusted(sign key id)` is the trusted
    service with that exchange key, or None. Raises ExchangeRefused, whose detail is the reason."""
    try:
        return _open(data, identity, trusted)
    except ExchangeRefused:
        raise
    except SyncError as error:  # the bundle layer's: framing, signature, hash, recipient, payload
        raise ExchangeRefused(SYNC_REASONS.get(error.code, "not_exchange")) from None


def _open(data: bytes, identity: ExchangeIdentity, trusted: Callable[[str], ServiceKey | None]) -> Received:
    def signer(claim: SignerClaim) -> bytes | None:
        found = trusted(claim.signer_key_id)
        return None if found is None else found.sign_public

    verified = verify_bundle(data, signer, max_bundle_len=MAX_FILE_LEN)  # UnknownSigner, SignatureInvalid, ...
    header = verified.header
    sender = trusted(header.signer_key_id)
    me = identity.public()
    if sender is None:  # the trusted list changed between the two calls
        raise ExchangeRefused("unknown_sender")
    if header.kind != KIND_HQ_TO_WING or header.seq != FILE_SEQ:
        raise ExchangeRefused("not_exchange")
    if header.env != identity.env:
        raise ExchangeRefused("env")
    if header.device_id != me.service_id or header.recipient_key_id != me.enc_key_id:
        raise ExchangeRefused("other_service")
    opened = decrypt_verified(verified, identity.pairs.enc_private, expected_env=identity.env,
                              expected_kind=KIND_HQ_TO_WING, max_plaintext=MAX_PLAINTEXT)
    if len(opened.records) != 1 or opened.records[0]["kind"] != LINE_KIND:
        raise ExchangeRefused("not_exchange")
    body = opened.records[0]["body"]
    if record_content_hash(body) != opened.records[0]["content_hash"] or set(body) != _BODY_FIELDS:
        raise ExchangeRefused("not_exchange")
    if body["to"] != me.service_id:
        raise ExchangeRefused("other_service")
    if body["from"] != sender.service_id or not isinstance(body["file"], str) or \
            not isinstance(body["sent_at"], str) or body["kind"] not in ITEM_KINDS:
        raise ExchangeRefused("not_exchange")
    item = read_item(body["kind"], body["file"].encode("utf-8"))
    if (item.item_id, item.version) != (body["item_id"], body["version"]):
        raise ExchangeRefused("malformed")
    return Received(header.bundle_id, verified.bundle_hash, sender, body["sent_at"], item)
