"""Receipts: verification, forgeries, replays and what a receipt lets the wing delete (sync.md §4.13)."""

from __future__ import annotations

import json
import uuid

import pytest

from wingdesk.sync import errors, keys
from wingdesk.sync.receipts import acknowledged_seqs, sign_receipt, verify_receipt

DEVICE = str(uuid.uuid4())


def _fields(hq: keys.KeyPairs, **changes) -> dict:
    base = {
        "env": "prod",
        "device_id": DEVICE,
        "bundle_id": str(uuid.uuid4()),
        "seq": 2,
        "bundle_hash": "b" * 64,
        "status": "accepted",
        "reason": "",
        "counts": {"new": 3},
        "hcs": 2,
        "hcs_hash": "b" * 64,
        "missing": [],
        "missing_truncated": False,
        "hq_received_at": "2025-03-01T12:00:00Z",
        "hq_hlc": "1740830400000.000000",
        "receipt_seq": 5,
        "hq_key_id": hq.sign_key_id,
        "clock_skew_s": None,
    }
    base.update(changes)
    return base


def test_round_trip(hq_pair):
    raw = sign_receipt(_fields(hq_pair), hq_pair.sign_private)
    receipt = verify_receipt(raw, hq_pair.sign_public)
    assert receipt.seq == 2 and receipt.raw == raw


def test_forged_with_wrong_key(hq_pair):
    forger = keys.generate_key_pairs()
    raw = sign_receipt(_fields(hq_pair), forger.sign_private)
    with pytest.raises(errors.ReceiptInvalid):
        verify_receipt(raw, hq_pair.sign_public)


def test_tampered_field(hq_pair):
    raw = sign_receipt(_fields(hq_pair), hq_pair.sign_private)
    doc = json.loads(raw)
    doc["receipt"]["hcs"] = 99
    with pytest.raises(errors.ReceiptInvalid):
        verify_receipt(json.dumps(doc).encode(), hq_pair.sign_public)


@pytest.mark.parametrize("raw", [b"", b"{}", b"[1]", b'{"receipt":{},"sig":"x"}', b"\xff", b"x" * 70_000])
def test_malformed(hq_pair, raw):
    with pytest.raises(errors.ReceiptInvalid):
        verify_receipt(raw, hq_pair.sign_public)


def test_acknowledges_only_sealed_hashes(hq_pair):
    sealed = {1: "a" * 64, 2: "b" * 64, 3: "c" * 64}
    good = verify_receipt(sign_receipt(_fields(hq_pair), hq_pair.sign_private), hq_pair.sign_public)
    assert acknowledged_seqs(good, DEVICE, "prod", sealed) == {1, 2}
    wrong_hash = verify_receipt(
        sign_receipt(_fields(hq_pair, bundle_hash="f" * 64, hcs_hash="f" * 64), hq_pair.sign_private),
        hq_pair.sign_public,
    )
    assert acknowledged_seqs(wrong_hash, DEVICE, "prod", sealed) == set()
    other_device = verify_receipt(
        sign_receipt(_fields(hq_pair, device_id=str(uuid.uuid4())), hq_pair.sign_private), hq_pair.sign_public
    )
    assert acknowledged_seqs(other_device, DEVICE, "prod", sealed) == set()
    quarantined = verify_receipt(
        sign_receipt(_fields(hq_pair, status="quarantined", hcs=1, hcs_hash="a" * 64), hq_pair.sign_private),
        hq_pair.sign_public,
    )
    assert acknowledged_seqs(quarantined, DEVICE, "prod", sealed) == {1}


def test_old_receipt_replayed_acks_nothing_new(hq_pair):
    sealed = {1: "a" * 64, 2: "b" * 64}
    old = verify_receipt(
        sign_receipt(_fields(hq_pair, seq=1, bundle_hash="a" * 64, hcs=1, hcs_hash="a" * 64), hq_pair.sign_private),
        hq_pair.sign_public,
    )
    assert acknowledged_seqs(old, DEVICE, "prod", sealed) == {1}
