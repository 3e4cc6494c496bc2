"""Enrolment requests and HQ key files naming a weak key are refused by name, before anything trusts them."""

from __future__ import annotations

import uuid

import pytest

from tests.weak_key_vectors import FORGERY_SIGNATURE, WEAK_ED25519, WEAK_X25519, ids
from wingdesk.sync import keys
from wingdesk.sync.enrolment import ENROL_DOMAIN, parse_enrolment_request
from wingdesk.sync.errors import WeakKeyRefused
from wingdesk.sync.hq_key_file import KEY_FILE_DOMAIN, load_hq_public_keys
from wingdesk.sync.signed_json import b64
from wingdesk.sync.strict_json import canonical


def crafted(name: str, body: dict, domain: bytes, signer: keys.KeyPairs | None) -> bytes:
    """A signed document as an attacker makes it: signed by `signer`, or carrying the identity-key forgery."""
    signature = keys.sign(signer.sign_private, domain + canonical(body)) if signer else FORGERY_SIGNATURE
    return canonical({name: body, "sig": b64(signature)})


def request_with(sign_public: bytes, enc_public: bytes, signer: keys.KeyPairs | None = None) -> bytes:
    body = {"v": 1, "device_id": str(uuid.uuid4()), "wing_name": "Wing B", "env": "prod",
            "sign_public": b64(sign_public), "enc_public": b64(enc_public), "created_at": "2026-11-26T10:00:00Z"}
    return crafted("request", body, ENROL_DOMAIN, signer)


def key_file_with(sign_public: bytes, enc_public: bytes, signer: keys.KeyPairs | None = None) -> bytes:
    body = {"v": 1, "env": "prod", "hq_name": "HQ", "sign_public": b64(sign_public), "enc_public": b64(enc_public),
            "issued_at": "2026-11-26T10:00:00Z"}
    return crafted("hq_keys", body, KEY_FILE_DOMAIN, signer)


@pytest.mark.parametrize("weak", WEAK_ED25519, ids=ids(WEAK_ED25519))
def test_a_request_or_key_file_signed_under_a_weak_key_is_refused(weak, device_keys):
    with pytest.raises(WeakKeyRefused, match="sign_public"):
        parse_enrolment_request(request_with(weak, device_keys.enc_public))
    with pytest.raises(WeakKeyRefused, match="sign_public"):
        load_hq_public_keys(key_file_with(weak, device_keys.enc_public))


@pytest.mark.parametrize("weak", WEAK_X25519, ids=ids(WEAK_X25519))
def test_a_genuinely_signed_request_or_key_file_with_a_low_order_encryption_key_is_refused(weak, device_keys):
    with pytest.raises(WeakKeyRefused, match="enc_public"):
        parse_enrolment_request(request_with(device_keys.sign_public, weak, device_keys))
    with pytest.raises(WeakKeyRefused, match="enc_public"):
        load_hq_public_keys(key_file_with(device_keys.sign_public, weak, device_keys))
    with pytest.raises(WeakKeyRefused):  # sealing a bundle to such a key (already stored, say) is refused too
        keys.age_recipient(weak)


def test_the_crafted_documents_pass_with_genuine_keys(device_keys):
    """The helpers above make documents the parsers accept, so the refusals are the keys' doing."""
    assert parse_enrolment_request(request_with(device_keys.sign_public, device_keys.enc_public, device_keys))
    assert load_hq_public_keys(key_file_with(device_keys.sign_public, device_keys.enc_public, device_keys))
