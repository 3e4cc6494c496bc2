"""HQ→wing bundles: reference data and recent receipts, sealed to the device and signed by HQ."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from wingdesk.hq import vetted_people
from wingdesk.hq.errors import DeviceRevoked, UnknownDevice
from wingdesk.hq.ingest import HqContext
from wingdesk.hq.transfers import publish_transfer_peers
from wingdesk.sync import usb
from wingdesk.sync.bundle import bundle_hash
from wingdesk.sync.header import GENESIS_HASH, parse_header_bytes, split_frame
from wingdesk.sync.receipts import verify_receipt
from wingdesk.sync.reference import (
    DEFAULT_MAX_AGE,
    PUBLISHED_KINDS,
    receipt_item,
    reference_item,
    seal_hq_bundle,
    utc_text,
)

RECEIPT_WINDOW = 32


def add_reference(
    ctx: HqContext, kind: str, body: dict[str, Any], device_id: str = "", record_id: str | None = None, rev: int = 1
) -> dict[str, Any]:
    """Queue roster/user/revocation data for one device, or for all devices when device_id is ""."""
    item = reference_item(kind, body, record_id, rev)
    with ctx.store.transaction() as repo:
        if device_id and repo.get_device(device_id) is None:
            raise UnknownDevice()
        repo.add_reference_item(device_id, item, utc_text(ctx.clock()))
    return item


def add_references(ctx: HqContext, kind: str, bodies: list[dict[str, Any]],
                   device_id: str = "") -> list[dict[str, Any]]:
    """Queue several items all or nothing: every body is checked before the first is stored."""
    items = [reference_item(kind, body) for body in bodies]
    at = utc_text(ctx.clock())
    with ctx.store.transaction() as repo:
        if device_id and repo.get_device(device_id) is None:
            raise UnknownDevice()
        for item in items:
            repo.add_reference_item(device_id, item, at)
    return items


def newest_published(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The items in order, but of a published instrument or module (hq.publishing) only its newest version: a
    superseded one would only make every bundle larger (the wing keeps what it installed)."""
    newest: dict[str, int] = {}
    for item in items:
        if item["kind"] in PUBLISHED_KINDS:
            newest[item["record_id"]] = max(newest.get(item["record_id"], 0), item["rev"])
    kept = [i for i in items if i["kind"] not in PUBLISHED_KINDS or i["rev"] == newest[i["record_id"]]]
    return latest_peers(kept)


def latest_peers(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Of the transfer peers (hq.transfers), only the newest entry queued for each PC (the highest rev; of equal
    ones, the last): the list is queued again whenever it changes, and the wing keeps one entry per PC."""
    newest: dict[Any, tuple[int, int]] = {}
    for n, i in enumerate(items):
        if i["kind"] == "transfer_peer":
            key = i["body"].get("device_id")
            newest[key] = max(newest.get(key, (0, -1)), (i["rev"], n))
    return [i for n, i in enumerate(items)
            if i["kind"] != "transfer_peer" or newest[i["body"].get("device_id")][1] == n]


def build_outbox_bundle(
    ctx: HqContext, device_id: str, max_age: int = DEFAULT_MAX_AGE, deliver: Callable[[bytes], Any] | None = None
) -> bytes:
    """Seal the next HQ→wing bundle (a cumulative snapshot) and record it; ref_seq rises by one.

    `deliver(data)` runs before the record is committed: if it fails (a full or pulled stick), the bundle is not
    recorded and ref_seq stays where it was. A revoked device gets nothing (roster and accounts are personal data).
    """
    sign_public = ctx.keys.current.sign_public
    publish_transfer_peers(ctx, only_if_changed=True)
    now = ctx.clock()
    with ctx.store.transaction() as repo:
        device = repo.lock_device(device_id)
        if device is None:
            raise UnknownDevice()
        if device.revoked_after_seq is not None:
            raise DeviceRevoked()
        receipts = repo.outbox_receipts(device_id, max(device.hcs - RECEIPT_WINDOW, 0))
        items = [receipt_item(raw, verify_receipt(raw, sign_public)) for raw in receipts]
        items += newest_published(repo.reference_items(device_id))
        items += vetted_people.items_for_device(repo, device)  # only the people listed for this wing
        ref_seq = device.ref_seq + 1
        data = seal_hq_bundle(
            device_id,
            ref_seq,
            device.ref_hash or GENESIS_HASH,
            items,
            ctx.keys.current.sign_private,
            device.enc_public,
            ctx.env,
            now,
            max_age,
        )
        digest = bundle_hash(data)
        bundle_id = parse_header_bytes(split_frame(data).header_bytes).bundle_id
        if deliver is not None:
            deliver(data)
        repo.add_outbox_bundle(device_id, ref_seq, bundle_id, digest, data, utc_text(now))
        repo.set_ref_state(device_id, ref_seq, digest)
        repo.audit(utc_text(now), "outbox_sealed", device_id, bundle_id, str(ref_seq))
    return data


def write_outbox(
    ctx: HqContext, device_ids: list[str], stick_root: Path, on_written: Callable[[Path], Any] | None = None
) -> list[Path]:
    """Write each device's new HQ→wing bundle to `WINGDESK/inbox/<device_id>/` on the stick; `on_written(path)`
    as each one is safely there, so a stick that fills up part-way leaves a clear account of what it holds."""
    written: list[Path] = []

    def deliver(device_id: str, data: bytes) -> None:
        directory = usb.inbox_dir(stick_root, device_id)
        usb.cleanup_partials(directory)
        written.append(usb.write_bundle(directory, data))

    for device_id in device_ids:
        build_outbox_bundle(ctx, device_id, deliver=functools.partial(deliver, device_id))
        if on_written is not None:
            on_written(written[-1])
    return written
