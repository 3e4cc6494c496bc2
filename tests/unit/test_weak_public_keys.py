"""The weak-key rule (crypto.public_keys), and the identity-key forgery failing at every Ed25519 check."""

from __future__ import annotations

import json
import os
import uuid

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from tests.weak_key_vectors import (
    FORGERY_KEY,
    FORGERY_SIGNATURE,
    NON_CANONICAL_ED25519,
    SMALL_ORDER_ED25519,
    WEAK_ED25519,
    WEAK_X25519,
    ids,
)
from wingdesk.crypto import bech32, grants, public_keys, signing
from wingdesk.crypto.keyring import SessionKeyring
from wingdesk.crypto.secrets import SlotSecrets
from wingdesk.hq.countersignatures import verify_countersignature
from wingdesk.sync import keys
from wingdesk.sync.errors import KeyFileInvalid, ReceiptInvalid, SignatureInvalid
from wingdesk.sync.receipts import receipt_from_object
from wingdesk.sync.signed_json import b64, check_doc

MESSAGES = [os.urandom(40) for _ in range(64)]
PAYLOAD = {"day": "2026-11-26", "signer_id": "sup-1", "entries": [], "amendments": []}


def test_the_forgery_is_real_without_the_check():
    """`cryptography` alone accepts the identity key's signature on every message (why the check exists)."""
    public = Ed25519PublicKey.from_public_bytes(FORGERY_KEY)
    for message in MESSAGES:
        public.verify(FORGERY_SIGNATURE, message)  # raises InvalidSignature if the attack did not work


@pytest.mark.parametrize("raw", WEAK_ED25519, ids=ids(WEAK_ED25519))
def test_weak_ed25519_keys_are_refused(raw):
    assert public_keys.is_weak_ed25519(raw)
    with pytest.raises(public_keys.WeakPublicKey):
        public_keys.require_ed25519(raw)


@pytest.mark.parametrize("raw", WEAK_X25519, ids=ids(WEAK_X25519))
def test_low_order_x25519_keys_are_refused_raw_and_as_age_recipients(raw):
    assert public_keys.is_weak_x25519(raw)
    assert public_keys.is_weak_age_recipient(bech32.encode("age", raw))
    with pytest.raises(public_keys.WeakPublicKey):
        public_keys.require_age_recipient(bech32.encode("age", raw))


def test_genuine_keys_pass():
    for _ in range(100):
        assert not public_keys.is_weak_ed25519(signing.public_key(signing.new_seed()))
        pairs = keys.generate_key_pairs()
        assert not public_keys.is_weak_ed25519(pairs.sign_public) and not public_keys.is_weak_x25519(pairs.enc_public)
    _identity, recipient = grants.new_grant_identity()
    assert public_keys.require_age_recipient(recipient) == recipient


def test_the_small_order_points_are_the_eight_of_order_dividing_eight():
    orders = []
    for raw in SMALL_ORDER_ED25519:
        point = public_keys._decode(raw)
        assert point is not None  # canonical encodings of real points
        orders.append(next(n for n in (1, 2, 4, 8) if _times(point, n) == (0, 1)))
    assert sorted(orders) == [1, 2, 4, 4, 8, 8, 8, 8] and len(set(SMALL_ORDER_ED25519)) == 8
    assert all(public_keys._decode(raw) is None for raw in NON_CANONICAL_ED25519)


def test_a_second_spelling_of_a_genuine_point_is_refused():
    """y = p + 3 spells the point with y = 3 (which is on the curve and of large order): refused, y = 3 is not."""
    canonical, spelled_again = (3).to_bytes(32, "little"), (2**255 - 19 + 3).to_bytes(32, "little")
    assert public_keys._decode(canonical) is not None and not public_keys.is_weak_ed25519(canonical)
    assert public_keys.is_weak_ed25519(spelled_again)


@pytest.mark.parametrize("raw", [b"", b"\x01" * 31, b"\x01" * 33, "01" * 32, None])
def test_keys_of_the_wrong_shape_are_refused(raw):
    assert public_keys.is_weak_ed25519(raw) and public_keys.is_weak_x25519(raw)
    assert public_keys.is_weak_age_recipient("age1notbech32") and public_keys.is_weak_age_recipient(
        bech32.encode("agx", os.urandom(32)))


def _times(point, n):
    x1, y1 = point
    result = (0, 1)
    for _ in range(n):  # n ≤ 8: plain repeated addition on -x² + y² = 1 + d·x²·y²
        x2, y2 = result
        t = public_keys._D * x1 * x2 * y1 * y2 % public_keys._P
        result = ((x1 * y2 + y1 * x2) * pow(1 + t, -1, public_keys._P) % public_keys._P,
                  (y1 * y2 + x1 * x2) * pow(1 - t, -1, public_keys._P) % public_keys._P)
    return result


# --- the forgery, at every place WingDesk checks an Ed25519 signature -----------------------------------------

def test_forgery_fails_in_signing_verify():
    for prefix in (signing.COUNTERSIGN_PREFIX, signing.AUDIT_PREFIX):
        assert not signing.verify(FORGERY_KEY, prefix, PAYLOAD, FORGERY_SIGNATURE)


def test_forgery_fails_in_the_wing_keyring():
    keyring = SessionKeyring(SlotSecrets(signing.new_seed(), bytearray(b"x")), lambda _id: None,
                             lambda _id, _w: None)
    assert not keyring.verify_countersignature(FORGERY_KEY, PAYLOAD, FORGERY_SIGNATURE)


def test_forgery_fails_in_hqs_countersignature_check():
    line = {"signer_id": "sup-1", "day": "2026-11-26", "payload": json.dumps(PAYLOAD),
            "signer_public_key": FORGERY_KEY.hex(), "signature": FORGERY_SIGNATURE.hex()}
    assert verify_countersignature(line, lambda *_: None, lambda _id: None) == (False, "weak_key")
    genuine = {**line, "signer_public_key": signing.public_key(signing.new_seed()).hex()}
    assert verify_countersignature(genuine, lambda *_: None, lambda _id: None, trusted_key=FORGERY_KEY) == (
        False, "weak_key")


def test_forgery_fails_for_bundles_receipts_and_signed_files():
    for message in MESSAGES[:8]:
        with pytest.raises(SignatureInvalid):
            keys.verify(FORGERY_KEY, FORGERY_SIGNATURE, message)
    with pytest.raises(KeyFileInvalid):
        check_doc({"v": 1}, FORGERY_SIGNATURE, b"wingdesk/hq-keys/v1\0", FORGERY_KEY, KeyFileInvalid)
    receipt = {"env": "prod", "device_id": str(uuid.uuid4()), "bundle_id": str(uuid.uuid4()), "seq": 1,
               "bundle_hash": "ab" * 32, "status": "accepted", "reason": "", "counts": {}, "hcs": 1,
               "hcs_hash": "cd" * 32, "missing": [], "missing_truncated": False,
               "hq_received_at": "2026-11-26T10:00:00Z", "hq_hlc": "", "receipt_seq": 1,
               "hq_key_id": keys.key_id(FORGERY_KEY), "clock_skew_s": None, "v": 1}
    with pytest.raises(ReceiptInvalid, match="signature"):  # a forged receipt would let the wing drop bundles
        receipt_from_object({"receipt": receipt, "sig": b64(FORGERY_SIGNATURE)}, FORGERY_KEY)


@pytest.mark.parametrize("raw", WEAK_ED25519, ids=ids(WEAK_ED25519))
def test_no_weak_key_verifies_anything(raw):
    for signature in (FORGERY_SIGNATURE, bytes(64), raw + bytes(32)):
        assert not signing.verify(raw, signing.COUNTERSIGN_PREFIX, PAYLOAD, signature)
        with pytest.raises(SignatureInvalid):
            keys.verify(raw, signature, MESSAGES[0])
