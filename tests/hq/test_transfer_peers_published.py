"""The list of prisons' PCs a transfer may be sealed to goes out with HQ→wing bundles by itself: when a PC is
enrolled (or a governor's key is learnt), not again while nothing changed (no operator has to remember it)."""

from __future__ import annotations

from wingdesk.hq.outbox import build_outbox_bundle


def _peer_bodies(ctx) -> list[dict]:
    with ctx.store.transaction(write=False) as repo:
        return [item["body"] for item in repo.reference_items("-") if item["kind"] == "transfer_peer"]


def test_the_peer_list_goes_out_when_it_changes_and_only_then(ctx, make_wing) -> None:
    first, second = make_wing(), make_wing()
    assert _peer_bodies(ctx) == []
    build_outbox_bundle(ctx, first.device_id)
    assert sorted(b["device_id"] for b in _peer_bodies(ctx)) == sorted([first.device_id, second.device_id])
    build_outbox_bundle(ctx, second.device_id)
    build_outbox_bundle(ctx, first.device_id)
    assert len(_peer_bodies(ctx)) == 2  # nothing changed: nothing queued again
    third = make_wing()
    build_outbox_bundle(ctx, first.device_id)
    latest = _peer_bodies(ctx)[2:]
    assert sorted(b["device_id"] for b in latest) == sorted([first.device_id, second.device_id, third.device_id])


def test_a_bundle_carries_only_the_last_entry_for_each_pc() -> None:
    from wingdesk.hq.outbox import latest_peers

    def peer(device: str, keys: list[str]) -> dict:
        return {"kind": "transfer_peer", "record_id": device + str(len(keys)), "rev": 1,
                "body": {"device_id": device, "governor_keys": keys}}

    roster = {"kind": "roster", "record_id": "r", "rev": 1, "body": {}}
    items = [peer("a", []), roster, peer("b", []), peer("a", ["k1"]), peer("b", [])]
    assert latest_peers(items) == [roster, peer("a", ["k1"]), peer("b", [])]


def test_the_newest_entry_wins_even_within_one_second(ctx, make_wing) -> None:
    """Entries queued in the same second are ordered by their record ids; the rev per PC decides, not the order."""
    from wingdesk.hq.outbox import latest_peers
    from wingdesk.hq.transfers import publish_transfer_peers

    first, second = make_wing(), make_wing()
    for _ in range(5):
        publish_transfer_peers(ctx)
    with ctx.store.transaction(write=False) as repo:
        items = [item for item in repo.reference_items("-") if item["kind"] == "transfer_peer"]
    assert len(items) == 10
    kept = latest_peers(items)
    assert sorted((i["body"]["device_id"], i["rev"]) for i in kept) == sorted(
        [(first.device_id, 5), (second.device_id, 5)])


def test_a_higher_rev_beats_a_later_position() -> None:
    from wingdesk.hq.outbox import latest_peers

    new = {"kind": "transfer_peer", "record_id": "p", "rev": 2, "body": {"device_id": "a", "governor_keys": ["k"]}}
    old = {"kind": "transfer_peer", "record_id": "p", "rev": 1, "body": {"device_id": "a", "governor_keys": []}}
    assert latest_peers([new, old]) == [new]
