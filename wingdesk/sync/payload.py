"""The encrypted payload: manifest and record lines, zlib compression with bomb-safe caps, age sealing."""

from __future__ import annotations

import hashlib
import json
import zlib
from dataclasses import dataclass
from typing import Any

import pyrage

from wingdesk.sync.errors import (
    BundleFormatError,
    DecryptFailed,
    ManifestMismatch,
    PayloadTooLarge,
    RecordInvalid,
    UnsupportedVersion,
)
from wingdesk.sync.header import GENESIS_HASH, KINDS, MAX_SEQ, is_sha256_hex, is_uuid
from wingdesk.sync.strict_json import canonical, loads_object

SCHEMA = "wingdesk/payload/v1"
MAX_PLAINTEXT_LEN = 1024 * 1024 * 1024
MAX_MANIFEST_LEN = 64 * 1024
MAX_RECORDS = 10_000_000
RECORD_REQUIRED = frozenset({"record_id", "rev", "kind", "content_hash", "body"})
RECORD_OPTIONAL = frozenset({"origin_device", "author_user_id", "hlc", "wall_time", "prev_rev_hash"})
MANIFEST_REQUIRED = frozenset(
    {
        "schema",
        "kind",
        "env",
        "bundle_id",
        "device_id",
        "seq",
        "prev_hash",
        "record_count",
        "plaintext_len",
        "compression",
    }
)
MANIFEST_OPTIONAL = frozenset({"app_version", "created_at", "hlc_min", "hlc_max", "ref_seq", "issued_at", "max_age"})
_ZLIB_LEVEL = 1  # speed over ratio: level 6 costs 3x the time for ~15% smaller bundles


@dataclass(frozen=True)
class Manifest:
    """Line 1 of the payload: repeats the header's ids so a re-signed bundle is caught."""

    fields: dict[str, Any]

    def __getitem__(self, name: str) -> Any:
        return self.fields[name]

    def get(self, name: str, default: Any = None) -> Any:
        return self.fields.get(name, default)


def record_content_hash(body: Any) -> str:
    """SHA-256 hex over the RFC 8785 canonical bytes of a record body."""
    return hashlib.sha256(canonical(body)).hexdigest()


def _json_ok(value: Any) -> bool:
    """No floats anywhere, string keys and bounded nesting: what the strict reader will accept."""
    stack = [(value, 0)]
    pop, push = stack.pop, stack.append
    while stack:
        item, depth = pop()
        if isinstance(item, dict):
            if depth > 32 or not all(type(k) is str for k in item):
                return False
            for child in item.values():
                if isinstance(child, _WALK):
                    push((child, depth + 1))
        elif isinstance(item, list | tuple):
            if depth > 32:
                return False
            for child in item:
                if isinstance(child, _WALK):
                    push((child, depth + 1))
        elif isinstance(item, float):
            return False
    return True


_WALK = (dict, list, tuple, float)


def check_record(record: Any) -> dict:
    """Validate one record dict's envelope (not its body's meaning); raise RecordInvalid."""
    if not isinstance(record, dict):
        raise RecordInvalid("record")
    keys = record.keys()
    if not RECORD_REQUIRED <= keys or not keys <= RECORD_REQUIRED | RECORD_OPTIONAL:
        raise RecordInvalid("record.fields")
    rev = record["rev"]
    kind = record["kind"]
    if not is_uuid(record["record_id"]):
        raise RecordInvalid("record.record_id")
    if type(rev) is not int or not 1 <= rev <= MAX_SEQ:
        raise RecordInvalid("record.rev")
    if not isinstance(kind, str) or not 0 < len(kind) <= 64:
        raise RecordInvalid("record.kind")
    if not is_sha256_hex(record["content_hash"]):
        raise RecordInvalid("record.content_hash")
    if not isinstance(record["body"], dict):
        raise RecordInvalid("record.body")
    return record


def _check_manifest(raw: dict) -> Manifest:
    if raw.get("schema") != SCHEMA:
        raise UnsupportedVersion("manifest.schema")
    keys = raw.keys()
    if not MANIFEST_REQUIRED <= keys or not keys <= MANIFEST_REQUIRED | MANIFEST_OPTIONAL:
        raise BundleFormatError("manifest.fields")
    ints = {"seq": (1, MAX_SEQ), "record_count": (0, MAX_RECORDS), "plaintext_len": (0, MAX_SEQ)}
    for name, (low, high) in ints.items():
        if type(raw[name]) is not int or not low <= raw[name] <= high:
            raise BundleFormatError(f"manifest.{name}")
    for name in ("ref_seq", "max_age"):
        if name in raw and (type(raw[name]) is not int or not 0 <= raw[name] <= MAX_SEQ):
            raise BundleFormatError(f"manifest.{name}")
    if raw["compression"] != "zlib" or raw["kind"] not in KINDS:
        raise BundleFormatError("manifest.compression")
    return Manifest(raw)


def encode_plaintext(manifest: dict[str, Any], records: list[dict]) -> bytes:
    """Build compressed JSON Lines: manifest line, then one line per record."""
    lines = []
    for record in records:
        check_record(record)
        if not _json_ok(record):
            raise RecordInvalid("record.json")
        lines.append(json.dumps(record, ensure_ascii=False, separators=(",", ":"), allow_nan=False))
    body = ("\n".join(lines) + "\n").encode("utf-8") if lines else b""
    if len(body) > MAX_PLAINTEXT_LEN:
        raise PayloadTooLarge("plaintext")
    head = dict(manifest, schema=SCHEMA, compression="zlib", record_count=len(records), plaintext_len=len(body))
    head.setdefault("prev_hash", GENESIS_HASH)
    _check_manifest(head)
    return zlib.compress(canonical(head) + b"\n" + body, _ZLIB_LEVEL)


def decode_plaintext(compressed: bytes, max_plaintext: int = MAX_PLAINTEXT_LEN) -> tuple[Manifest, list[dict]]:
    """Decompress under caps (the declared length bounds the allocation) and parse strictly."""
    inflater = zlib.decompressobj()
    try:
        first = inflater.decompress(compressed, MAX_MANIFEST_LEN + 1)
        newline = first.find(b"\n")
        if newline < 0:
            raise (PayloadTooLarge if len(first) > MAX_MANIFEST_LEN else BundleFormatError)("manifest")
        manifest = _check_manifest(loads_object(first[:newline], BundleFormatError, "manifest"))
        declared = manifest["plaintext_len"]
        if declared > max_plaintext:
            raise PayloadTooLarge("plaintext_len")
        rest = bytearray(first[newline + 1 :])
        if len(rest) > declared:
            raise PayloadTooLarge("plaintext")
        while not inflater.eof and len(rest) <= declared:
            chunk = inflater.decompress(inflater.unconsumed_tail, declared - len(rest) + 1)
            if not chunk and not inflater.unconsumed_tail:
                break
            rest += chunk
    except zlib.error:
        raise BundleFormatError("zlib") from None
    if len(rest) > declared or inflater.unconsumed_tail:
        raise PayloadTooLarge("plaintext")
    if not inflater.eof or inflater.unused_data:
        raise BundleFormatError("zlib.end")
    if len(rest) != declared:
        raise ManifestMismatch("plaintext_len")
    return manifest, _parse_records(bytes(rest), manifest["record_count"])


def _parse_records(body: bytes, count: int) -> list[dict]:
    if not body:
        lines: list[bytes] = []
    elif not body.endswith(b"\n"):
        raise BundleFormatError("records.newline")
    else:
        lines = body[:-1].split(b"\n")
    if len(lines) != count:
        raise ManifestMismatch("record_count")
    return [check_record(loads_object(line, RecordInvalid, "record")) for line in lines]


def encrypt(plaintext: bytes, recipient: pyrage.x25519.Recipient) -> bytes:
    """age v1 to one X25519 recipient, via pyrage (no hand-written cipher)."""
    return pyrage.encrypt(plaintext, [recipient])


def decrypt(ciphertext: bytes, identity: pyrage.x25519.Identity) -> bytes:
    """age v1 decryption; any failure (truncation, wrong key, MAC) is DecryptFailed."""
    try:
        return pyrage.decrypt(ciphertext, [identity])
    except pyrage.DecryptError:
        raise DecryptFailed() from None
