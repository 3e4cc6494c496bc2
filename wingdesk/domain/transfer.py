"""The transfer package between prisons (issue 19 item 1; domain.md §4 "Transfers", §5 scenario 13).

A package is one JSON envelope: who sent it (device, governor's public key), to which device, the SHA-256 of the
sealed content, the governor's Ed25519 signature over all of that, and the content itself, age-encrypted to the
receiving device's key. HQ routes it without opening it: it checks the signature against the governor keys it holds
for the sending device and vouches for that key to the receiver in its own signed bundle. The content holds the
prisoner's profile, active alerts, open plan, latest countersigned assessment (each record with its author's
signature, as written), intelligence only as sanitised text under its handling code, and references to log entries.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from wingdesk.domain.canonical import canonical_bytes
from wingdesk.domain.errors import ValidationError

FORMAT = "wingdesk-transfer/1"
FILE_SUFFIX = ".wdtransfer"  # a package saved to a file for a USB stick
MAX_ENVELOPE = 8 * 1024 * 1024  # a prisoner's carried file is small; anything larger is refused unread
SIGNED = ("format", "transfer_id", "from_device", "from_wing", "to_device", "governor_key", "package_sha256")
MAX_GOVERNOR_KEYS = 32  # per prison's PC in HQ's list; more is not a list HQ made
_HEX_KEY = re.compile(r"[0-9a-f]{64}", re.ASCII)
PROFILE = ("number", "given_name", "family_name", "sex", "legal_status", "name_cyrillic", "date_of_birth",
           "first_time", "admission_date", "expected_release", "languages", "interpreter_needed")

RECORD_CONTENT = ("id", "kind", "revision", "wing", "prisoner_id", "author_id", "author_role", "occurred_at",
                  "recorded_at", "sensitivity", "day", "shift_id", "body")  # Record.content(), what its hash covers


@dataclass(frozen=True)
class TransferRow:
    """One package this wing sent (OUT) or was delivered (IN); see migration 0032."""

    transfer_id: str
    direction: str  # OUT | IN
    prisoner_id: str | None
    other_device: str
    governor_key: str
    package_sha256: str
    envelope: bytes | None
    state: str  # SENT | ACKNOWLEDGED | RECEIVED | ACCEPTED
    at: str
    done_at: str | None
    via: str = "HQ"  # IN: HQ (in its bundle) | FILE (opened from a file, e.g. a USB stick; migration 0034)


@dataclass(frozen=True)
class TransferPeer:
    """Another prison's PC, as HQ lists it: a package is sealed to its age key. `governor_keys` (hex Ed25519) are
    the keys HQ holds for that PC's governors: a package that comes as a file, not through HQ, must be signed by
    one of them (migration 0034; empty from an HQ that does not send them)."""

    device_id: str
    wing_name: str
    recipient: str
    governor_keys: tuple[str, ...] = ()


def peer_from_body(body: object) -> TransferPeer | None:
    """HQ's reference item for a peer, or None when it is not one (the keys' strength is checked by the caller)."""
    if not isinstance(body, dict):
        return None
    values = [body.get(name) for name in ("device_id", "wing_name", "recipient")]
    texts = [v for v in values if isinstance(v, str) and 0 < len(v) <= 100]
    keys = body.get("governor_keys", [])
    if len(texts) != len(values) or not isinstance(keys, list) or len(keys) > MAX_GOVERNOR_KEYS or not all(
            isinstance(k, str) and _HEX_KEY.fullmatch(k) for k in keys):
        return None
    return TransferPeer(texts[0], texts[1], texts[2], tuple(keys))


@dataclass(frozen=True)
class Envelope:
    """A parsed package: the signed statement, the governor's signature, and the sealed content."""

    statement: dict[str, str]
    signature: bytes
    sealed: bytes

    @property
    def transfer_id(self) -> str:
        return self.statement["transfer_id"]


def statement(transfer_id: str, from_device: str, from_wing: str, to_device: str, governor_key: bytes,
              sealed: bytes) -> dict[str, str]:
    """What the governor signs: every routing field and the hash of the sealed content."""
    return {"format": FORMAT, "transfer_id": transfer_id, "from_device": from_device, "from_wing": from_wing,
            "to_device": to_device, "governor_key": governor_key.hex(),
            "package_sha256": hashlib.sha256(sealed).hexdigest()}


def envelope_bytes(signed: dict[str, str], signature: bytes, sealed: bytes) -> bytes:
    return json.dumps({**signed, "signature": signature.hex(), "sealed": base64.b64encode(sealed).decode()},
                      sort_keys=True).encode()


def parse_envelope(data: bytes) -> Envelope:
    """The envelope's fields, checked for shape only (ValidationError "transfer_malformed"): nothing is trusted yet."""
    if len(data) > MAX_ENVELOPE:
        raise ValidationError("transfer_malformed")
    try:
        raw = json.loads(data)
        signed = {name: raw[name] for name in SIGNED}
        signature, sealed = bytes.fromhex(raw["signature"]), base64.b64decode(raw["sealed"], validate=True)
    except (ValueError, KeyError, TypeError, binascii.Error):
        raise ValidationError("transfer_malformed") from None
    if (not all(isinstance(v, str) for v in signed.values()) or signed["format"] != FORMAT
            or hashlib.sha256(sealed).hexdigest() != signed["package_sha256"]):
        raise ValidationError("transfer_malformed")
    return Envelope(signed, signature, sealed)


def carried(record_content: dict[str, Any], author_name: str, content_sha256: str, author_sig: bytes | None,
            author_key: bytes | None = None) -> dict[str, Any]:
    """A record as it travels: its content exactly as hashed and signed, with the author's signature kept and the
    author's public key as the sending wing holds it (the sending governor's signature over the package vouches for
    it), so the receiving wing can check that signature."""
    return {**record_content, "author_name": author_name, "content_sha256": content_sha256,
            "author_sig": author_sig.hex() if author_sig else None,
            "author_key": author_key.hex() if author_key else None}


def carried_hash_holds(item: dict[str, Any]) -> bool:
    """Whether a carried record's content still hashes to the hash its author signed (Record.content_sha256)."""
    try:
        content = {name: item[name] for name in RECORD_CONTENT}
        digest = hashlib.sha256(canonical_bytes(content)).hexdigest()
    except (KeyError, ValueError, TypeError):
        return False
    return digest == item.get("content_sha256")


def content_json(content: dict[str, Any]) -> bytes:
    return json.dumps(content, sort_keys=True, ensure_ascii=False).encode()


def parse_content(clear: bytes, envelope: Envelope) -> dict[str, Any]:
    """The opened content, which must name the same transfer and devices as the signed envelope."""
    try:
        content = json.loads(clear)
    except ValueError:
        raise ValidationError("transfer_malformed") from None
    if not isinstance(content, dict) or not isinstance(content.get("prisoner"), dict):
        raise ValidationError("transfer_malformed")
    for name in ("transfer_id", "from_device", "to_device"):
        if content.get(name) != envelope.statement[name]:
            raise ValidationError("transfer_malformed")
    return content
