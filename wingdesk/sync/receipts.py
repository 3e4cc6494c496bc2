"""HQ-signed cumulative receipts: format, signing (HQ), verification and what they let a wing delete."""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from wingdesk.sync import keys
from wingdesk.sync.errors import ReceiptInvalid, SignatureInvalid
from wingdesk.sync.header import ENVS, is_sha256_hex, is_uuid
from wingdesk.sync.strict_json import canonical, has_version, loads_object

RECEIPT_DOMAIN = b"wingdesk/receipt/v1\0"
STATUSES = ("accepted", "duplicate", "quarantined", "rejected")
ACKING_STATUSES = ("accepted", "duplicate")
MAX_MISSING = 1024
MAX_RECEIPT_LEN = 64 * 1024


@dataclass(frozen=True)
class Receipt:
    """One signed statement by HQ about a bundle and about the device's whole sequence so far."""

    env: str
    device_id: str
    bundle_id: str
    seq: int
    bundle_hash: str
    status: str
    reason: str
    counts: dict[str, int]
    hcs: int
    hcs_hash: str
    missing: list[int]
    missing_truncated: bool
    hq_received_at: str
    hq_hlc: str
    receipt_seq: int
    hq_key_id: str
    clock_skew_s: int | None = None
    v: int = 1
    raw: bytes = field(default=b"", compare=False, repr=False)

    def fields(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("raw")
        return data


_FIELDS = frozenset(Receipt.__dataclass_fields__) - {"raw"}


def sign_receipt(fields: Mapping[str, Any], hq_sign_private: bytes) -> bytes:
    """Serialise and sign receipt fields (HQ side); the bytes are stored and re-issued verbatim."""
    body = dict(fields)
    body.setdefault("v", 1)
    _check(body)
    signature = keys.sign(hq_sign_private, RECEIPT_DOMAIN + canonical(body))
    return canonical({"receipt": body, "sig": base64.b64encode(signature).decode("ascii")})


def _check(body: dict[str, Any]) -> None:
    if set(body) != _FIELDS or not has_version(body, 1):
        raise ReceiptInvalid("fields")
    ints = ("seq", "hcs", "receipt_seq")
    if any(type(body[name]) is not int or body[name] < 0 for name in ints):
        raise ReceiptInvalid("ints")
    ok = (
        body["env"] in ENVS
        and is_uuid(body["device_id"])
        and is_uuid(body["bundle_id"])
        and is_sha256_hex(body["bundle_hash"])
        and body["status"] in STATUSES
        and (body["hcs_hash"] == "" or is_sha256_hex(body["hcs_hash"]))
        and isinstance(body["missing"], list)
        and len(body["missing"]) <= MAX_MISSING
        and all(type(n) is int for n in body["missing"])
        and type(body["missing_truncated"]) is bool
        and isinstance(body["counts"], dict)
        and all(type(n) is int for n in body["counts"].values())
        and all(isinstance(body[n], str) for n in ("reason", "hq_received_at", "hq_hlc", "hq_key_id"))
        and (body["clock_skew_s"] is None or type(body["clock_skew_s"]) is int)
    )
    if not ok:
        raise ReceiptInvalid("values")


def receipt_from_object(wrapper: object, hq_sign_public: bytes, raw: bytes = b"") -> Receipt:
    """Verify a parsed `{"receipt": …, "sig": …}` object under HQ's signing key."""
    if not isinstance(wrapper, dict) or set(wrapper) != {"receipt", "sig"} or not isinstance(wrapper["receipt"], dict):
        raise ReceiptInvalid("wrapper")
    body = wrapper["receipt"]
    _check(body)
    if body["hq_key_id"] != keys.key_id(hq_sign_public):
        raise ReceiptInvalid("hq_key_id")
    try:
        signature = base64.b64decode(wrapper["sig"], validate=True)
        keys.verify(hq_sign_public, signature, RECEIPT_DOMAIN + canonical(body))
    except (ValueError, TypeError, SignatureInvalid):  # ValueError: bad base64, non-ASCII, no canonical form
        raise ReceiptInvalid("signature") from None
    return Receipt(**body, raw=raw or canonical(wrapper))


def verify_receipt(receipt_bytes: bytes, hq_sign_public: bytes) -> Receipt:
    """Parse strictly and verify a receipt; raise ReceiptInvalid (forged, malformed or wrong key)."""
    if len(receipt_bytes) > MAX_RECEIPT_LEN:
        raise ReceiptInvalid("size")
    return receipt_from_object(
        loads_object(receipt_bytes, ReceiptInvalid, "receipt"), hq_sign_public, bytes(receipt_bytes)
    )


def acknowledged_seqs(receipt: Receipt, device_id: str, env: str, sealed: Mapping[int, str]) -> set[int]:
    """Sequence numbers a wing may now mark acked, given {seq: bundle_hash} of every bundle it sealed.

    A receipt for a hash the wing never sealed acknowledges nothing (forged bundle_hash, other device).
    The cumulative part counts only when HQ's hash at `hcs` is the wing's own: the prev_hash chain,
    which HQ checks, then vouches for every earlier sequence number.
    """
    if receipt.device_id != device_id or receipt.env != env:
        return set()
    acked: set[int] = set()
    if receipt.status in ACKING_STATUSES and sealed.get(receipt.seq) == receipt.bundle_hash:
        acked.add(receipt.seq)
    if receipt.hcs and sealed.get(receipt.hcs) == receipt.hcs_hash:
        acked.update(seq for seq in sealed if seq <= receipt.hcs)
    return acked
