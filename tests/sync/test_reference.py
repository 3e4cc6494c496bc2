"""HQ→wing bundles: contents, ref_seq ratchet, max_age warnings, wrong device (sync.md §4.14)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from wingdesk.sync import errors, keys, reference_chain
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
        _seal(hq_pair, wing, 1, items), hq_pair.sign_public, device.enc_private, device_id, "prod", NOW
    )
    assert update.ref_seq == 1 and not update.stale
    assert [r.seq for r in update.receipts] == [1]
    assert [r["body"]["event"] for r in update.roster] == ["admission", "transfer_out", "release"]
    assert update.users[0]["body"]["user_id"] == "u1" and update.revocations[0]["body"]["id"] == "u9"


def test_the_chain_places_next_replay_older_fork_and_superseded_bundles(hq_pair, wing):
    device_id, device = wing
    one = _seal(hq_pair, wing, 1, [])
    two = _seal(hq_pair, wing, 2, [reference_item("revocation", {"target": "user", "id": "u9"})], prev=bundle_hash(one))
    restored_two = _seal(hq_pair, wing, 2, [], prev=bundle_hash(one))  # HQ back at 1, a second "2"
    opened = [open_hq_bundle(d, hq_pair.sign_public, device.enc_private, device_id, "prod", NOW)
              for d in (one, two, restored_two)]
    assert [u.prev_hash for u in opened] == [GENESIS_HASH, bundle_hash(one), bundle_hash(one)]
    links = [reference_chain.ChainLink(1, bundle_hash(one), GENESIS_HASH),
             reference_chain.ChainLink(2, bundle_hash(two), bundle_hash(one))]
    place = reference_chain.place
    assert place(1, bundle_hash(one), GENESIS_HASH, 0, [], set()) == reference_chain.NEXT
    assert place(2, bundle_hash(two), bundle_hash(one), 2, links, set()) == reference_chain.REPLAY
    assert place(2, bundle_hash(restored_two), bundle_hash(one), 2, links, set()) == reference_chain.FORK
    assert place(3, "c" * 64, "d" * 64, 2, links, set()) == reference_chain.FORK  # does not chain to our 2
    assert place(3, "c" * 64, bundle_hash(two), 2, links, set()) == reference_chain.NEXT
    assert place(5, "c" * 64, "d" * 64, 2, links, set()) == reference_chain.NEXT  # a gap: 4 is not known here
    assert place(1, "e" * 64, GENESIS_HASH, 2, links[1:], set()) == reference_chain.FORK  # 1 known via 2's prev
    assert place(2, "c" * 64, "d" * 64, 4, [reference_chain.ChainLink(4, "f" * 64, "")], set()) == \
        reference_chain.OLD
    assert place(3, "c" * 64, bundle_hash(two), 2, links, {bundle_hash(two)}) == reference_chain.SUPERSEDED
    assert reference_chain.fork_cut(2, bundle_hash(one), links) == 2
    assert reference_chain.fork_cut(3, "d" * 64, links) == 2


def test_past_max_age_warns(hq_pair, wing):
    device_id, device = wing
    data = _seal(hq_pair, wing, 3, [], issued=NOW - timedelta(hours=2))
    assert open_hq_bundle(data, hq_pair.sign_public, device.enc_private, device_id, "prod", NOW).stale


def test_forged_by_non_hq_key(hq_pair, wing):
    device_id, device = wing
    data = _seal(keys.generate_key_pairs(), wing, 1, [])
    with pytest.raises(errors.UnknownSigner):
        open_hq_bundle(data, hq_pair.sign_public, device.enc_private, device_id, "prod", NOW)


def test_other_device_cannot_open(hq_pair, wing):
    device_id, _ = wing
    other = keys.generate_key_pairs()
    with pytest.raises(errors.WrongRecipient):
        open_hq_bundle(_seal(hq_pair, wing, 1, []), hq_pair.sign_public, other.enc_private, device_id, "prod")


def test_roster_event_is_checked():
    with pytest.raises(errors.RecordInvalid):
        reference_item("roster", {"event": "teleport"})
