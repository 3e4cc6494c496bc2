"""The wing's audit head in each bundle's manifest: how long its audit chain is and where it ends, signed.

    "audit_head": {"seq": 468, "entry_hash": <hex>, "at_previous": <hex or "">, "signer": <user id>,
                   "signature": <hex>}

`seq`/`entry_hash` are the wing's last audit entry when the bundle was sealed; `at_previous` is the hash its chain
holds now at the seq of the head sent in the previous bundle (so HQ, which kept that head, sees a chain rewritten
below it); `signature` is the sealing user's Ed25519 signature (their own slot key, prefix WingDesk/audit-head/v1)
over {device_id, seq, entry_hash}. HQ keeps the chain of heads per device (wingdesk.hq.audit_heads).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wingdesk.sync.errors import BundleFormatError
from wingdesk.sync.header import MAX_SEQ, is_sha256_hex

FIELD = "audit_head"
_KEYS = frozenset({"seq", "entry_hash", "at_previous", "signer", "signature"})


@dataclass(frozen=True)
class AuditHead:
    seq: int
    entry_hash: str
    at_previous: str
    signer: str
    signature: bytes

    def as_field(self) -> dict[str, Any]:
        return {"seq": self.seq, "entry_hash": self.entry_hash, "at_previous": self.at_previous,
                "signer": self.signer, "signature": self.signature.hex()}


def parse_audit_head(value: Any) -> AuditHead:
    """The manifest field, strictly checked; BundleFormatError("manifest.audit_head") otherwise."""
    try:
        if type(value) is not dict or value.keys() != _KEYS:
            raise ValueError
        seq, entry_hash, at_previous, signer = value["seq"], value["entry_hash"], value["at_previous"], value["signer"]
        if type(seq) is not int or not 0 <= seq <= MAX_SEQ or not is_sha256_hex(entry_hash):
            raise ValueError
        if at_previous != "" and not is_sha256_hex(at_previous):
            raise ValueError
        if type(signer) is not str or not 0 < len(signer) <= 64 or not signer.isascii():
            raise ValueError
        signature = bytes.fromhex(value["signature"])
        if len(signature) != 64:
            raise ValueError
    except (ValueError, TypeError):
        raise BundleFormatError("manifest.audit_head") from None
    return AuditHead(seq, entry_hash, at_previous, signer, signature)
