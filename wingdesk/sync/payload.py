"""The encrypted payload: manifest and record lines, zstd (or zlib) compression with bomb-safe caps, age sealing."""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass
from typing import Any, NamedTuple

import pyrage
import zstandard

from wingdesk.sync.audit_head import FIELD as AUDIT_HEAD_FIELD
from wingdesk.sync.audit_head import parse_audit_head
from wingdesk.sync.errors import (
    BundleFormatError,
    DecryptFailed,
    ManifestMismatch,
    PayloadTooLarge,
    RecordInvalid,
    UnsupportedVersion,
)
from wingdesk.sync.header import GENESIS_HASH, KINDS, MAX_SEQ, is_sha256_hex, is_uuid
from wingdesk.sync.record_lines import dump_line, read_canonical
from wingdesk.sync.restore_note import FIELD as RESTORE_FIELD
from wingdesk.sync.restore_note import parse_restore_note
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
MANIFEST_OPTIONAL = frozenset(
    {"app_version", "created_at", "hlc_min", "hlc_max", "ref_seq", "issued_at", "max_age", AUDIT_HEAD_FIELD,
     RESTORE_FIELD}
)
COMPRESSIONS = ("zstd", "zlib")  # zstd is written; zlib is still read
_ZSTD_LEVEL = 3  # zstd's default: faster than zlib level 1 and ~10% smaller; inflates ~4x faster
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"


@dataclass(frozen=True)
class Manifest:
    """Line 1 of the payload: repeats the header's ids so a re-signed bundle is caught."""

    fields: dict[str, Any]

    def __getitem__(self, name: str) -> Any:
        return self.fields[name]

    def get(self, name: str, default: Any = None) -> Any:
        return self.fields.get(name, default)


def hashed_body(body: Any) -> tuple[str, bytes]:
    """(SHA-256 hex, RFC 8785 bytes) of a record body, as a wing writes its `content_hash` and HQ checks and stores
    it; RecordInvalid where RFC 8785 has no form for it (an integer beyond 2^53, a lone surrogate)."""
    try:
        text = canonical(body)
    except ValueError:  # rfc8785.CanonicalizationError, or a lone surrogate
        raise RecordInvalid("record.body") from None
    return hashlib.sha256(text).hexdigest(), text


def record_content_hash(body: Any) -> str:
    """SHA-256 hex over the RFC 8785 canonical bytes of a record body (RecordInvalid as `hashed_body`)."""
    return hashed_body(body)[0]


def _json_ok(value: Any) -> bool:
    """No floats anywhere, string keys and bounded nesting: what the strict reader will accept.

    Runs for every record a wing exports: leaves of the exact types that fill a record (str, int, bool, None) are
    passed over without the isinstance test, and keys are checked in the same pass as values (10,000 records
    shaped as a wing writes them: 8.5 -> 3.2 us each, the largest part of sealing a bundle)."""
    stack = [(value, 0)]
    pop, push = stack.pop, stack.append
    while stack:
        item, depth = pop()
        if isinstance(item, dict):
            if depth > 32:
                return False
            for key, child in item.items():
                if type(key) is not str:
                    return False
                if type(child) not in _LEAVES and isinstance(child, _WALK):
                    push((child, depth + 1))
        elif isinstance(item, list | tuple):
            if depth > 32:
                return False
            for child in item:
                if type(child) not in _LEAVES and isinstance(child, _WALK):
                    push((child, depth + 1))
        elif isinstance(item, float):
            return False
    return True


_LEAVES = (str, int, bool, type(None))  # exact types; none is, or subclasses, a container or a float
_WALK = (dict, list, tuple, float)


def check_record(record: Any) -> dict[str, Any]:
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
    # a protocol name (observation, log_entry, …): printable ASCII, so it is stored and shown as it is (a lone
    # surrogate here passed the strict reader and then failed HQ's INSERT with a 500)
    if not isinstance(kind, str) or not 0 < len(kind) <= 64 or not (kind.isascii() and kind.isprintable()):
        raise RecordInvalid("record.kind")
    if not is_sha256_hex(record["content_hash"]):
        raise RecordInvalid("record.content_hash")
    if not isinstance(record["body"], dict):
        raise RecordInvalid("record.body")
    return record


def _check_manifest(raw: dict[str, Any]) -> Manifest:
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
    if raw["compression"] not in COMPRESSIONS or raw["kind"] not in KINDS:
        raise BundleFormatError("manifest.compression")
    if AUDIT_HEAD_FIELD in raw:
        parse_audit_head(raw[AUDIT_HEAD_FIELD])
    if RESTORE_FIELD in raw:
        parse_restore_note(raw[RESTORE_FIELD])
    return Manifest(raw)


def encode_plaintext(manifest: dict[str, Any], records: list[dict[str, Any]]) -> bytes:
    """Build compressed JSON Lines: manifest line, then one canonical line per record."""
    lines = []
    for record in records:
        check_record(record)
        if not _json_ok(record):
            raise RecordInvalid("record.json")
        lines.append(dump_line(record))
    body = b"\n".join(lines) + b"\n" if lines else b""
    if len(body) > MAX_PLAINTEXT_LEN:
        raise PayloadTooLarge("plaintext")
    head = dict(manifest, schema=SCHEMA, compression="zstd", record_count=len(records), plaintext_len=len(body))
    head.setdefault("prev_hash", GENESIS_HASH)
    _check_manifest(head)
    return zstandard.ZstdCompressor(level=_ZSTD_LEVEL).compress(canonical(head) + b"\n" + body)


class Decoded(NamedTuple):
    """A decoded payload: the checked manifest and every strictly parsed record."""

    manifest: Manifest
    records: list[dict[str, Any]]


def decode_plaintext(compressed: bytes, max_plaintext: int = MAX_PLAINTEXT_LEN) -> Decoded:
    """Decompress under caps (the declared length bounds the allocation) and parse strictly."""
    manifest, text, start = inflate_plaintext(compressed, max_plaintext)
    return Decoded(manifest, decode_records(text, start, manifest["record_count"]))


def decode_records(text: bytes, start: int, count: int) -> list[dict[str, Any]]:
    """The strictly parsed and checked records of an inflated plaintext (`start`: where the record lines begin)."""
    lines = record_lines(text, start, count)
    records = []
    for line in lines:
        record = read_canonical(line)
        if record is None:  # not canonical, or not plain: the strict reader decides (its value, or its error)
            record = loads_object(line, RecordInvalid, "record")
        check_record(record)
        records.append(record)
    return records


def inflate_plaintext(compressed: bytes, max_plaintext: int = MAX_PLAINTEXT_LEN) -> tuple[Manifest, bytes, int]:
    """Decompress under caps: the checked manifest, the whole plaintext, and where its record lines start."""
    inflate = _inflate_zstd if compressed[:4] == _ZSTD_MAGIC else _inflate_zlib
    return inflate(compressed, max_plaintext)


def _manifest_line(first: bytes, compression: str, max_plaintext: int) -> tuple[Manifest, int]:
    """The manifest from the first (at most MAX_MANIFEST_LEN + 1) bytes, and where its line ends."""
    newline = first.find(b"\n")
    if newline < 0:
        raise (PayloadTooLarge if len(first) > MAX_MANIFEST_LEN else BundleFormatError)("manifest")
    manifest = _check_manifest(loads_object(first[:newline], BundleFormatError, "manifest"))
    if manifest["compression"] != compression:
        raise BundleFormatError("manifest.compression")
    if manifest["plaintext_len"] > max_plaintext:
        raise PayloadTooLarge("plaintext_len")
    return manifest, newline


def _inflate_zstd(compressed: bytes, max_plaintext: int) -> tuple[Manifest, bytes, int]:
    """One zstd frame that states its size: read the manifest (64 KiB at most), check the frame's size is exactly
    manifest + declared plaintext, and only then inflate it in one go (no extra frames or bytes)."""
    decompressor = zstandard.ZstdDecompressor()
    try:
        size = zstandard.frame_content_size(compressed)
        reader = decompressor.stream_reader(compressed, read_across_frames=False)
        first = b""
        while len(first) <= MAX_MANIFEST_LEN and b"\n" not in first:
            chunk = reader.read(MAX_MANIFEST_LEN + 1 - len(first))
            if not chunk:
                break
            first += chunk
    except zstandard.ZstdError:
        raise BundleFormatError("zstd") from None
    manifest, newline = _manifest_line(first, "zstd", max_plaintext)
    expected = newline + 1 + manifest["plaintext_len"]
    if size < 0:
        raise BundleFormatError("zstd.size")
    if size != expected:
        raise (PayloadTooLarge("plaintext") if size > expected else ManifestMismatch("plaintext_len"))
    try:
        whole = decompressor.decompress(compressed, allow_extra_data=False)
    except zstandard.ZstdError:
        raise BundleFormatError("zstd") from None
    if len(whole) != expected:
        raise ManifestMismatch("plaintext_len")
    return manifest, whole, newline + 1


def _inflate_zlib(compressed: bytes, max_plaintext: int) -> tuple[Manifest, bytes, int]:
    """zlib, driven with max_length: 64 KiB to find the manifest, then at most the declared length + 1."""
    inflater = zlib.decompressobj()
    try:
        first = inflater.decompress(compressed, MAX_MANIFEST_LEN + 1)
        manifest, newline = _manifest_line(first, "zlib", max_plaintext)
        declared = manifest["plaintext_len"]
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
    return manifest, bytes(rest), 0


def record_lines(text: bytes, start: int, count: int) -> list[bytes]:
    """The record lines of `text[start:]`, exactly `count` of them, each ended by a newline. Splits `text`
    itself: no copy of the payload."""
    if start == len(text):
        lines: list[bytes] = []
    elif not text.endswith(b"\n"):
        raise BundleFormatError("records.newline")
    else:
        lines = text.split(b"\n")
        del lines[-1]  # after the final newline
        if start:
            del lines[0]  # the manifest
    if len(lines) != count:
        raise ManifestMismatch("record_count")
    return lines


def encrypt(plaintext: bytes, recipient: pyrage.x25519.Recipient) -> bytes:
    """age v1 to one X25519 recipient, via pyrage (no hand-written cipher)."""
    return pyrage.encrypt(plaintext, [recipient])


def decrypt(ciphertext: bytes, identity: pyrage.x25519.Identity) -> bytes:
    """age v1 decryption; any failure (truncation, wrong key, MAC) is DecryptFailed."""
    try:
        return pyrage.decrypt(ciphertext, [identity])
    except pyrage.DecryptError:
        raise DecryptFailed() from None
