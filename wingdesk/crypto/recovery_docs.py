"""HQ-signed recovery documents (issue 22 item 3): a device's recovery recipient, and a recovery grant.

Each is `{"<name>": body, "sig": base64}`, the Ed25519 signature of HQ's signing key over the body's canonical
bytes under its own purpose prefix (crypto.signing), so neither passes for the other or for any other HQ signature.
A grant names one device, one generation of that device's recovery key, an expiry and a random id the wing keeps
once used; it carries the device's recovery identity sealed (age scrypt) under a code HQ reads out by phone, and the
recipient of the next generation.
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from wingdesk.crypto import signing
from wingdesk.domain.canonical import canonical_bytes
from wingdesk.domain.errors import IntegrityError

GRANT_LIFETIME = timedelta(hours=48)
MAX_DOC = 64 * 1024
_TIME = "%Y-%m-%dT%H:%M:%SZ"


@dataclass(frozen=True)
class RecoveryRecipient:
    device_id: str
    generation: int
    recipient: str


@dataclass(frozen=True)
class RecoveryGrant:
    grant_id: str
    device_id: str
    generation: int
    next_recipient: str
    issued_at: datetime
    expires_at: datetime
    approvers: tuple[str, ...]
    sealed_identity: bytes
    body: dict[str, Any]
    signature: bytes

    def signed_by(self, hq_sign_public: bytes) -> bool:
        return signing.verify(hq_sign_public, signing.RECOVERY_GRANT_PREFIX, self.body, self.signature)


def utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(_TIME)


def _time(text: object) -> datetime:
    if not isinstance(text, str) or len(text) != 20:
        raise ValueError("time")
    return datetime.strptime(text, _TIME).replace(tzinfo=UTC)


def _sign(name: str, body: dict[str, Any], prefix: bytes, sign_private: bytes) -> bytes:
    signature = signing.sign(bytearray(sign_private), prefix, body)
    return canonical_bytes({name: body, "sig": base64.b64encode(signature).decode("ascii")})


def _read(data: bytes, name: str, code: str) -> tuple[dict[str, Any], bytes]:
    try:
        if len(data) > MAX_DOC:
            raise ValueError("size")
        wrapper = json.loads(data.decode("utf-8"))
        if not isinstance(wrapper, dict) or set(wrapper) != {name, "sig"} or not isinstance(wrapper[name], dict):
            raise ValueError("wrapper")
        signature = base64.b64decode(wrapper["sig"], validate=True)
        if len(signature) != 64:
            raise ValueError("sig")
        return wrapper[name], signature
    except (ValueError, TypeError, binascii.Error, RecursionError):
        raise IntegrityError(code) from None


def make_recipient_doc(device_id: str, generation: int, recipient: str, now: datetime, sign_private: bytes) -> bytes:
    body = {"device_id": device_id, "generation": generation, "recipient": recipient, "issued_at": utc_text(now)}
    return _sign("recovery_recipient", body, signing.RECOVERY_RECIPIENT_PREFIX, sign_private)


def read_recipient_doc(data: bytes, hq_sign_public: bytes) -> RecoveryRecipient:
    """A recipient document signed by HQ's key; IntegrityError("recovery_key_file_invalid") otherwise."""
    body, signature = _read(data, "recovery_recipient", "recovery_key_file_invalid")
    if not signing.verify(hq_sign_public, signing.RECOVERY_RECIPIENT_PREFIX, body, signature):
        raise IntegrityError("recovery_key_file_invalid")
    device, generation, recipient = body.get("device_id"), body.get("generation"), body.get("recipient")
    if not isinstance(device, str) or type(generation) is not int or generation < 1 or not isinstance(recipient, str):
        raise IntegrityError("recovery_key_file_invalid")
    return RecoveryRecipient(device, generation, recipient)


def grant_body(device_id: str, generation: int, next_recipient: str, sealed_identity: bytes, now: datetime,
               lifetime: timedelta = GRANT_LIFETIME) -> dict[str, Any]:
    """What HQ's administrators approve and HQ signs (approvers are added to it by `sign_grant`)."""
    return {"grant_id": str(uuid.uuid4()), "device_id": device_id, "generation": generation,
            "next_recipient": next_recipient, "issued_at": utc_text(now), "expires_at": utc_text(now + lifetime),
            "sealed_identity": base64.b64encode(sealed_identity).decode("ascii")}


def sign_grant(body: dict[str, Any], approvers: list[str], sign_private: bytes) -> bytes:
    return _sign("recovery_grant", {**body, "approvers": sorted(approvers)}, signing.RECOVERY_GRANT_PREFIX,
                 sign_private)


def parse_grant(data: bytes) -> RecoveryGrant:
    """The grant's fields, signature not yet checked (the wing checks it with HQ's key from the database the grant
    opens: `RecoveryGrant.signed_by`); IntegrityError("recovery_grant_invalid") for anything malformed."""
    body, signature = _read(data, "recovery_grant", "recovery_grant_invalid")
    try:
        approvers, generation = body["approvers"], body["generation"]
        if not isinstance(approvers, list) or type(generation) is not int:
            raise ValueError("fields")
        sealed = base64.b64decode(body["sealed_identity"], validate=True)
        return RecoveryGrant(str(body["grant_id"]), str(body["device_id"]), generation, str(body["next_recipient"]),
                             _time(body["issued_at"]), _time(body["expires_at"]), tuple(str(a) for a in approvers),
                             sealed, body, signature)
    except (KeyError, TypeError, ValueError, binascii.Error):
        raise IntegrityError("recovery_grant_invalid") from None
