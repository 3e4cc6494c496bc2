"""HQ→wing bundles: contents, ref_seq ratchet, max_age warnings, wrong device (sync.md §4.14)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from wingdesk.sync import errors, keys
from wingdesk.sync.bundle import bundle_hash
from wingdesk.sync.header import GENESIS_HASH
from wingdesk.sync.receipts import sign_receipt, verify_receipt
from wingdesk.sync.reference import open_hq_bundle, receipt_item, reference_item, seal_hq_bundle

NOW = datetime(2025, 3, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def wing():
    return str(uuid.uuid4()), keys.generate_key_pairs()


def _seal(hq, wing, ref_seq, items, issued=NOW, prev=GENESIS_HASH, max_age=3600):
    device_id, device = wing
    return seal_hq_bundle(device_id, ref_seq, prev, items, hq.sign_private, device.enc_public, "prod", issued, max_age)


def test_contents_round_trip(hq_pair, wing):
    device_id, device = wing
    raw = sign_receipt(
        {
            "env": "prod",
            "device_id": device_id,
            "bundle_id": str(uuid.uuid4()),
            "seq": 1,
            "bundle_hash": "a" * 64,
            "status": "accepted",
            "reason": "",
            "counts": {},
            "hcs": 1,
            "hcs_hash": "a" * 64,
            "missing": [],
            "missing_truncated": False,
            "hq_received_at": "x",
            "hq_hlc": "y",
            "receipt_seq": 1,
            "hq_key_id": hq_pair.sign_key_id,
            "clock_skew_s": None,
        },
        hq_pair.sign_private,
    )
    items = [
        receipt_item(raw, verify_receipt(raw, hq_pair.sign_public)),
        reference_item("roster", {"event": "admission", "person": "P-1"}),
        reference_item("roster", {"event": "transfer_out", "person": "P-2"}),
        reference_item("roster", {"event": "release", "person": "P-3"}),
        reference_item("user", {"user_id": "u1", "role": "officer"}),
        reference_item("revocation", {"target": "user", "id": "u9"}),
    ]
    update = open_hq_bundle(
        _seal(hq_pair, wing, 1, items), hq_pair.sign_public, device.enc_private, device_id, "prod", 0, NOW
    )
    assert update.ref_seq == 1 and not update.stale
    assert [r.seq for r in update.receipts] == [1]
    assert [r["body"]["event"] for r in update.roster] == ["admission", "transfer_out", "release"]
    assert update.users[0]["body"]["user_id"] == "u1" and update.revocations[0]["body"]["id"] == "u9"


def test_older_ref_seq_is_refused_and_revocation_stays(hq_pair, wing):
    device_id, device = wing
    old = _seal(hq_pair, wing, 1, [reference_item("user", {"user_id": "u9", "active": True})])
    new = _seal(hq_pair, wing, 2, [reference_item("revocation", {"target": "user", "id": "u9"})], prev=bundle_hash(old))
    applied = open_hq_bundle(new, hq_pair.sign_public, device.enc_private, device_id, "prod", 0, NOW)
    with pytest.raises(errors.StaleReferenceData):
        open_hq_bundle(old, hq_pair.sign_public, device.enc_private, device_id, "prod", applied.ref_seq, NOW)
    with pytest.raises(errors.StaleReferenceData):  # a replay of the same bundle
        open_hq_bundle(new, hq_pair.sign_public, device.enc_private, device_id, "prod", applied.ref_seq, NOW)


def test_past_max_age_warns(hq_pair, wing):
    device_id, device = wing
    data = _seal(hq_pair, wing, 3, [], issued=NOW - timedelta(hours=2))
    assert open_hq_bundle(data, hq_pair.sign_public, device.enc_private, device_id, "prod", 0, NOW).stale


def test_forged_by_non_hq_key(hq_pair, wing):
    device_id, device = wing
    data = _seal(keys.generate_key_pairs(), wing, 1, [])
    with pytest.raises(errors.UnknownSigner):
        open_hq_bundle(data, hq_pair.sign_public, device.enc_private, device_id, "prod", 0, NOW)


def test_other_device_cannot_open(hq_pair, wing):
    device_id, _ = wing
    other = keys.generate_key_pairs()
    with pytest.raises(errors.WrongRecipient):
        open_hq_bundle(_seal(hq_pair, wing, 1, []), hq_pair.sign_public, other.enc_private, device_id, "prod", 0)


def test_roster_event_is_checked():
    with pytest.raises(errors.RecordInvalid):
        reference_item("roster", {"event": "teleport"})
