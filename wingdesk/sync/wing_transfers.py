"""Transfer items in an HQ→wing bundle (issue 19 item 1): other prisons' PCs, packages HQ routed to this device with
the governor key it vouches for, and receipts for packages this wing sent. Each item once (by record id and rev);
a package whose transfer id is already here is refused as a replay (or, the same package already opened from a USB
stick, counted as already here), one sealed to another device is not kept."""

from __future__ import annotations

from collections import Counter
from typing import Any

from wingdesk.crypto.public_keys import is_weak_age_recipient, is_weak_ed25519
from wingdesk.domain.errors import ValidationError
from wingdesk.domain.transfer import TransferRow, parse_envelope, peer_from_body
from wingdesk.sync.wing_store import WingSyncStore


def apply_transfer_items(repo: WingSyncStore, device_id: str, items: list[dict[str, Any]], ref_seq: int,
                         now: str) -> dict[str, int]:
    """Apply each new item; returns how many ended in each outcome (e.g. {"received": 1, "replayed": 1})."""
    outcomes: Counter[str] = Counter()
    for item in items:
        if repo.item_applied(item["record_id"], item["rev"]):
            continue
        apply = {"transfer_peer": _peer, "transfer": _package, "transfer_receipt": _receipt}[item["kind"]]
        outcome = apply(repo, device_id, item["body"], ref_seq, now)
        outcomes[outcome] += 1
        repo.mark_item_applied(item["record_id"], item["rev"], item["kind"], ref_seq, outcome)
    return dict(outcomes)


def _peer(repo: WingSyncStore, device_id: str, body: dict[str, Any], ref_seq: int, now: str) -> str:
    peer = peer_from_body(body)
    if peer is None or is_weak_age_recipient(peer.recipient) or any(
            is_weak_ed25519(bytes.fromhex(key)) for key in peer.governor_keys):
        return "invalid"
    repo.put_transfer_peer(peer, ref_seq)
    return "applied"


def _package(repo: WingSyncStore, device_id: str, body: dict[str, Any], ref_seq: int, now: str) -> str:
    envelope_text, vouched = body.get("envelope"), body.get("governor_key")
    if not isinstance(envelope_text, str) or not isinstance(vouched, str):
        return "invalid"
    try:
        envelope = parse_envelope(envelope_text.encode())
    except ValidationError:
        return "invalid"
    signed = envelope.statement
    if signed["to_device"] != device_id:
        return "not_for_this_prison"
    if signed["governor_key"] != vouched:
        return "invalid"  # HQ vouches for the key that signed it, or the package is nothing
    row = TransferRow(signed["transfer_id"], "IN", None, signed["from_device"], vouched, signed["package_sha256"],
                      envelope_text.encode(), "RECEIVED", now, None)
    if repo.add_transfer(row):
        return "received"
    here = repo.get_transfer(row.transfer_id)  # the same package opened from a USB stick first: "already_here"
    return "already_here" if here is not None and here.package_sha256 == row.package_sha256 else "replayed"


def _receipt(repo: WingSyncStore, device_id: str, body: dict[str, Any], ref_seq: int, now: str) -> str:
    sent = repo.get_transfer(str(body.get("transfer_id", "")))
    if (sent is None or sent.direction != "OUT" or sent.package_sha256 != body.get("package_sha256")
            or sent.other_device != body.get("from_device")):
        return "invalid"
    if sent.state == "ACKNOWLEDGED":
        return "unchanged"
    repo.set_transfer_state(sent.transfer_id, "ACKNOWLEDGED", now)
    return "acknowledged"
