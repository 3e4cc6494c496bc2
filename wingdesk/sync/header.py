"""The bundle's cleartext header: fields, limits, strict validation and the framing around it."""

from __future__ import annotations

import re
import struct
from dataclasses import asdict, dataclass
from typing import Any

from wingdesk.sync.errors import (
    BundleFormatError,
    BundleTooLarge,
    BundleTruncated,
    UnsupportedVersion,
)
from wingdesk.sync.keys import SIG_LEN
from wingdesk.sync.strict_json import canonical, has_version, loads_object

MAGIC = b"WDB1\n"
SIGN_DOMAIN = b"wingdesk/bundle/v1\0"
VERSION = 1
MAX_HEADER_LEN = 16 * 1024
MAX_BUNDLE_LEN = 256 * 1024 * 1024  # FAT32-safe, see docs/sync-bundle.md
MAX_SEQ = 2**53 - 1
KIND_WING_TO_HQ = "wing->hq"
KIND_HQ_TO_WING = "hq->wing"
KINDS = (KIND_WING_TO_HQ, KIND_HQ_TO_WING)
ENVS = ("prod", "test")
GENESIS_HASH = "0" * 64
PREFIX_LEN = len(MAGIC) + 4

# used with fullmatch: a pattern ending in `$` also matches before a trailing newline ("<uuid>\n" would pass)
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_KEY_ID = re.compile(r"[0-9a-f]{16}")
_SHA256 = re.compile(r"[0-9a-f]{64}")


def is_uuid(value: object) -> bool:
    """True for a canonical lower-case UUID string (ids are never used as paths otherwise)."""
    return isinstance(value, str) and bool(_UUID.fullmatch(value))


def is_sha256_hex(value: object) -> bool:
    return isinstance(value, str) and bool(_SHA256.fullmatch(value))


def _is_key_id(value: object) -> bool:
    return isinstance(value, str) and bool(_KEY_ID.fullmatch(value))


@dataclass(frozen=True)
class BundleHeader:
    """Signed, cleartext and deliberately free of personal data."""

    kind: str
    env: str
    bundle_id: str
    device_id: str
    signer_key_id: str
    recipient_key_id: str
    seq: int
    prev_hash: str
    payload_len: int
    payload_sha256: str
    v: int = VERSION

    def to_bytes(self) -> bytes:
        return canonical(asdict(self))


_FIELDS = frozenset(BundleHeader.__dataclass_fields__)


def _int(value: object, low: int, high: int) -> bool:
    return type(value) is int and low <= value <= high


def header_from_dict(raw: dict[str, Any]) -> BundleHeader:
    """Validate a parsed header dict field by field; unknown or missing fields are errors."""
    if not has_version(raw, VERSION):
        raise UnsupportedVersion("header.v")
    if set(raw) != _FIELDS:
        raise BundleFormatError("header.fields")
    checks = {
        "kind": raw["kind"] in KINDS,
        "env": raw["env"] in ENVS,
        "bundle_id": is_uuid(raw["bundle_id"]),
        "device_id": is_uuid(raw["device_id"]),
        "signer_key_id": _is_key_id(raw["signer_key_id"]),
        "recipient_key_id": _is_key_id(raw["recipient_key_id"]),
        "seq": _int(raw["seq"], 1, MAX_SEQ),
        "prev_hash": is_sha256_hex(raw["prev_hash"]),
        "payload_len": _int(raw["payload_len"], 1, MAX_BUNDLE_LEN),
        "payload_sha256": is_sha256_hex(raw["payload_sha256"]),
    }
    for name, ok in checks.items():
        if not ok:
            raise BundleFormatError(f"header.{name}")
    return BundleHeader(**raw)


@dataclass(frozen=True)
class Framing:
    """The byte regions of a bundle, located without trusting anything yet."""

    header_bytes: bytes
    signature: bytes
    payload: bytes
    signed_message: bytes


def frame(header_bytes: bytes) -> bytes:
    """Magic + big-endian length + header: the prefix that is signed (after the domain tag)."""
    return MAGIC + struct.pack(">I", len(header_bytes)) + header_bytes


def _header_end(data: bytes, max_bundle_len: int) -> int:
    """Check the framing up to the signature; return where the header ends."""
    if len(data) > max_bundle_len + MAX_HEADER_LEN + PREFIX_LEN + SIG_LEN:
        raise BundleTooLarge("bundle")
    if len(data) < len(MAGIC):
        raise BundleTruncated("magic")
    if data[: len(MAGIC)] != MAGIC:
        raise BundleFormatError("magic")
    if len(data) < PREFIX_LEN:
        raise BundleTruncated("hdr_len")
    hdr_len: int
    (hdr_len,) = struct.unpack(">I", data[len(MAGIC) : PREFIX_LEN])
    if hdr_len > MAX_HEADER_LEN:
        raise BundleTooLarge("hdr_len")
    if hdr_len < 2:
        raise BundleFormatError("hdr_len")
    hdr_end = PREFIX_LEN + hdr_len
    if len(data) < hdr_end:
        raise BundleTruncated("header")
    if len(data) < hdr_end + SIG_LEN:
        raise BundleTruncated("signature")
    return hdr_end


def frame_header(data: bytes, max_bundle_len: int = MAX_BUNDLE_LEN) -> bytes:
    """The header bytes of a bundle, with the framing checks of `split_frame` but no copy of the payload."""
    return bytes(memoryview(data)[PREFIX_LEN : _header_end(data, max_bundle_len)])


def split_frame(data: bytes, max_bundle_len: int = MAX_BUNDLE_LEN) -> Framing:
    """Cut a bundle into regions, checking caps before any allocation that depends on them."""
    hdr_end = _header_end(data, max_bundle_len)
    view = memoryview(data)
    return Framing(
        header_bytes=bytes(view[PREFIX_LEN:hdr_end]),
        signature=bytes(view[hdr_end : hdr_end + SIG_LEN]),
        payload=bytes(view[hdr_end + SIG_LEN :]),
        signed_message=SIGN_DOMAIN + bytes(view[:hdr_end]),
    )


@dataclass(frozen=True)
class SignerClaim:
    """Who a header says signed it: all that is read before the signature is checked (`bundle.verify_head`)."""

    device_id: str
    signer_key_id: str


def signer_claim(header_bytes: bytes) -> tuple[SignerClaim, dict[str, Any]]:
    """The (size-capped) header parsed as JSON, and the two fields that pick the key to check its signature with.

    Nothing else is trusted yet: the version and the other fields are checked after the signature, so a changed
    version byte is a broken signature, not a bundle "made by a newer version".
    """
    raw = loads_object(header_bytes, BundleFormatError, "header")
    device_id, key_id = raw.get("device_id"), raw.get("signer_key_id")
    if not is_uuid(device_id):
        raise BundleFormatError("header.device_id")
    if not _is_key_id(key_id):
        raise BundleFormatError("header.signer_key_id")
    return SignerClaim(str(device_id), str(key_id)), raw


def parse_header_bytes(header_bytes: bytes) -> BundleHeader:
    """Strictly parse the (size-capped) header so the verifier can pick the signer key."""
    return header_from_dict(loads_object(header_bytes, BundleFormatError, "header"))
