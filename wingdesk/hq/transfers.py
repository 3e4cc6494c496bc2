"""HQ's part in a transfer between prisons (issue 19 item 1): it lists the prisons' PCs to every wing, and routes
each package and receipt that arrives in a wing→HQ bundle into the other device's next HQ→wing bundle.

HQ never opens a package (it is sealed to the receiving device). It checks that the package names the device whose
bundle brought it, that its signature holds under a governor key HQ holds for that device, and that the receiving
device is enrolled and not revoked; it then vouches for that governor key in its own signed bundle. Anything else is
not routed and is kept in HQ's audit log by identifiers only."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import orjson

from wingdesk.crypto import signing
from wingdesk.domain.errors import ValidationError
from wingdesk.domain.transfer import parse_envelope
from wingdesk.hq.repository import HqRepository, RowTuple
from wingdesk.hq.user_keys import UserKey
from wingdesk.sync import keys
from wingdesk.sync.reference import reference_item, utc_text

if TYPE_CHECKING:  # hq.ingest calls route_transfers
    from wingdesk.hq.ingest import HqContext

_GOVERNOR = "governor"


def publish_transfer_peers(ctx: HqContext, only_if_changed: bool = False) -> int:
    """Queue, for every wing, the list of enrolled and unrevoked PCs a package may be sealed to, each with the
    governor keys HQ holds for it (a package carried by USB stick is checked against them); returns how many.

    With `only_if_changed` (before every HQ→wing bundle, hq.outbox) nothing is queued when every entry is already
    in what the wings were sent: the list goes out again only when a PC is enrolled or a governor's key is learnt,
    without an operator having to remember it."""
    at = utc_text(ctx.clock())
    with ctx.store.transaction() as repo:
        devices = [d for d in repo.list_devices() if d.revoked_after_seq is None]
        bodies = []
        for device in devices:
            held = repo.user_keys(device.device_id)
            governors = sorted({key.hex() for _user, role, key in held if role == _GOVERNOR})
            bodies.append({"device_id": device.device_id, "wing_name": device.wing_name,
                           "recipient": keys.age_recipient_text(device.enc_public), "governor_keys": governors})
        sent = [item for item in repo.reference_items(_NO_DEVICE) if item["kind"] == "transfer_peer"]
        if only_if_changed:
            queued = {_canonical(item["body"]) for item in sent}
            if all(_canonical(body) in queued for body in bodies):
                return 0
        earlier = Counter(item["body"].get("device_id") for item in sent)
        for body in bodies:  # one record id per PC, its rev rising with each entry queued for it (hq.outbox sends
            # only the highest): items queued in the same second are otherwise ordered by their random ids
            peer_id = str(uuid.uuid5(_PEER_IDS, str(body["device_id"])))
            repo.add_reference_item("", reference_item("transfer_peer", body, peer_id, earlier[body["device_id"]] + 1),
                                    at)
    return len(bodies)


_PEER_IDS = uuid.UUID("6f1d3c52-8a0e-4f8b-9f3e-2b7a5c1e9d40")


_NO_DEVICE = "-"  # no device has this id: reference_items() then gives only what was queued for every device


def _canonical(body: Any) -> bytes:
    return orjson.dumps(body, option=orjson.OPT_SORT_KEYS)


def route_transfers(repo: HqRepository, device_id: str, rows: Sequence[RowTuple], held: Sequence[UserKey],
                    at: str) -> int:
    """Route the packages and receipts among one stored bundle's rows; returns how many were routed."""
    routed = 0
    for row in rows:
        if row[2] not in ("transfer", "transfer_receipt"):
            continue
        body: Any = {}
        try:
            line = orjson.loads(row[4])
            body = line["record"]["body"]  # a record line: the record, its author's signature, the prisoner number
            target, item = (_package(repo, device_id, body, held) if row[2] == "transfer"
                            else _receipt(repo, device_id, body))
        except (ValidationError, KeyError, TypeError, ValueError, orjson.JSONDecodeError):
            target, item = None, None
        if target is None or item is None:
            if row[2] == "transfer_receipt" or (isinstance(body, dict) and body.get("direction") == "OUT"):
                repo.audit(at, "transfer_not_routed", device_id, row[0], row[2])
            continue
        repo.add_reference_item(target, item, at)
        repo.audit(at, "transfer_routed", device_id, row[0], target)
        routed += 1
    return routed


def _reachable(repo: HqRepository, device_id: object) -> str | None:
    device = repo.get_device(device_id) if isinstance(device_id, str) else None
    return device.device_id if device is not None and device.revoked_after_seq is None else None


def _package(repo: HqRepository, device_id: str, body: dict[str, Any], held: Sequence[UserKey]
             ) -> tuple[str | None, dict[str, Any]]:
    if body.get("direction") != "OUT":
        return None, {}
    envelope = parse_envelope(body["envelope"].encode())
    signed = envelope.statement
    key = bytes.fromhex(signed["governor_key"])
    governors = [k for user_id, role, k in held if role == _GOVERNOR]
    if (signed["from_device"] != device_id or signed["to_device"] != body.get("other_device") or key not in governors
            or not signing.verify(key, signing.TRANSFER_PREFIX, signed, envelope.signature)):
        return None, {}
    item = reference_item("transfer", {"envelope": body["envelope"], "governor_key": signed["governor_key"],
                                       "from_device": device_id}, str(uuid.uuid4()))
    return _reachable(repo, signed["to_device"]), item


def _receipt(repo: HqRepository, device_id: str, body: dict[str, Any]) -> tuple[str | None, dict[str, Any]]:
    item = reference_item("transfer_receipt", {"transfer_id": body["transfer_id"], "from_device": device_id,
                                               "package_sha256": body["package_sha256"]}, str(uuid.uuid4()))
    return _reachable(repo, body.get("other_device")), item
