"""Device enrolment requests: made and self-signed on the wing, checked at HQ with a spoken code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from wingdesk.sync import keys
from wingdesk.sync.errors import EnrolmentInvalid
from wingdesk.sync.header import ENVS, is_uuid
from wingdesk.sync.signed_json import b64, check_doc, read_doc, short_code, sign_doc, unb64
from wingdesk.sync.strict_json import has_version

ENROL_DOMAIN = b"wingdesk/enrol/v1\0"
_FIELDS = frozenset({"v", "device_id", "wing_name", "env", "sign_public", "enc_public", "created_at"})
USERS = "users"  # optional: the wing's accounts and their signing keys, bound by the spoken code (docs/sync-bundle.md)
MAX_USERS = 1000
UserKey = tuple[str, str, bytes]  # (user id, role, Ed25519 public key)


@dataclass(frozen=True)
class EnrolmentRequest:
    """A verified request: the device proved it holds the signing key it names."""

    device_id: str
    wing_name: str
    env: str
    sign_public: bytes
    enc_public: bytes
    created_at: str
    confirmation_code: str
    users: tuple[UserKey, ...] = ()


def make_enrolment_request(
    device_id: str,
    wing_name: str,
    device_keys: keys.KeyPairs,
    env: str = "prod",
    now: datetime | None = None,
    users: list[UserKey] | None = None,
) -> tuple[bytes, str]:
    """Request file bytes and the confirmation code the wing shows (HQ reads it back by phone)."""
    if not is_uuid(device_id) or env not in ENVS or not isinstance(wing_name, str) or not 0 < len(wing_name) <= 200:
        raise EnrolmentInvalid("fields")
    body = {
        "v": 1,
        "device_id": device_id,
        "wing_name": wing_name,
        "env": env,
        "sign_public": b64(device_keys.sign_public),
        "enc_public": b64(device_keys.enc_public),
        "created_at": (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    if users:
        body[USERS] = [{"user_id": u, "role": r, "public_key": b64(k)} for u, r, k in users]
    return sign_doc("request", body, ENROL_DOMAIN, device_keys.sign_private), short_code(body)


def parse_enrolment_request(data: bytes) -> EnrolmentRequest:
    """Verify the keys, the self-signature and fields; raise WeakKeyRefused or EnrolmentInvalid."""
    body, signature = read_doc(data, "request", EnrolmentInvalid)
    if set(body) - {USERS} != _FIELDS or not has_version(body, 1):
        raise EnrolmentInvalid("fields")
    if not is_uuid(body["device_id"]) or body["env"] not in ENVS:
        raise EnrolmentInvalid("fields")
    if not isinstance(body["wing_name"], str) or not isinstance(body["created_at"], str):
        raise EnrolmentInvalid("fields")
    sign_public = unb64(body["sign_public"], keys.KEY_LEN, EnrolmentInvalid)
    enc_public = unb64(body["enc_public"], keys.KEY_LEN, EnrolmentInvalid)
    keys.check_signing_key(sign_public)  # before the signature: a weak key "verifies" anything
    check_doc(body, signature, ENROL_DOMAIN, sign_public, EnrolmentInvalid)
    keys.check_encryption_key(enc_public)
    return EnrolmentRequest(
        body["device_id"],
        body["wing_name"],
        body["env"],
        sign_public,
        enc_public,
        body["created_at"],
        short_code(body),
        _users(body.get(USERS, [])),
    )


def _users(items: object) -> tuple[UserKey, ...]:
    """Each listed account's id, role and signing key; a weak key is refused (WeakKeyRefused)."""
    if type(items) is not list or len(items) > MAX_USERS:
        raise EnrolmentInvalid("fields")
    found = []
    for item in items:
        if type(item) is not dict or set(item) != {"user_id", "role", "public_key"}:
            raise EnrolmentInvalid("fields")
        user_id, role = item["user_id"], item["role"]
        if not isinstance(user_id, str) or not isinstance(role, str) or not 0 < len(user_id) <= 64 or len(role) > 32:
            raise EnrolmentInvalid("fields")
        public = unb64(item["public_key"], keys.KEY_LEN, EnrolmentInvalid)
        keys.check_signing_key(public)
        found.append((user_id, role, public))
    if len({u for u, _r, _k in found}) != len(found):
        raise EnrolmentInvalid("fields")
    return tuple(found)
