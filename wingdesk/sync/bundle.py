"""Seal and open sync bundles (`WDB1` framing, Ed25519-signed header, age payload) and split big exports."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from wingdesk.sync import keys, payload
from wingdesk.sync.errors import (
    BundleFormatError,
    BundleTooLarge,
    BundleTruncated,
    EnvironmentMismatch,
    ManifestMismatch,
    PayloadHashMismatch,
    UnknownSigner,
    WrongRecipient,
)
from wingdesk.sync.header import (
    ENVS,
    GENESIS_HASH,
    MAX_BUNDLE_LEN,
    SIGN_DOMAIN,
    BundleHeader,
    Framing,
    SignerClaim,
    frame,
    header_from_dict,
    is_sha256_hex,
    is_uuid,
    signer_claim,
    split_frame,
)
from wingdesk.sync.keys import SIG_LEN
from wingdesk.sync.payload import Manifest
from wingdesk.sync.record_lines import dump_line

SignerLookup = Mapping[str, bytes] | Callable[[SignerClaim], bytes | None]
_MANIFEST_BOUND = ("kind", "env", "bundle_id", "device_id", "seq", "prev_hash")
_SPLIT_OVERHEAD = 8 * 1024


def bundle_hash(data: bytes) -> str:
    """SHA-256 hex of the whole sealed file: the id used for chaining, receipts and dedup."""
    return hashlib.sha256(data).hexdigest()


def new_bundle_id() -> str:
    return str(uuid.uuid4())


def seal_bundle(
    kind: str,
    device_id: str,
    seq: int,
    prev_hash: str,
    records: list[dict[str, Any]],
    signer_private: bytes,
    recipient_public: bytes,
    env: str = "prod",
    *,
    bundle_id: str | None = None,
    manifest_extra: Mapping[str, Any] | None = None,
) -> bytes:
    """Seal records into one bundle: encrypt to `recipient_public`, sign the header with `signer_private`."""
    bundle_id = bundle_id or new_bundle_id()
    if not is_uuid(bundle_id) or not is_uuid(device_id):
        raise BundleFormatError("ids")
    if env not in ENVS or not is_sha256_hex(prev_hash or GENESIS_HASH):
        raise BundleFormatError("env")
    manifest = dict(manifest_extra or {})
    manifest.update(
        kind=kind,
        env=env,
        bundle_id=bundle_id,
        device_id=device_id,
        seq=seq,
        prev_hash=prev_hash or GENESIS_HASH,
    )
    ciphertext = payload.encrypt(payload.encode_plaintext(manifest, records), keys.age_recipient(recipient_public))
    if len(ciphertext) > MAX_BUNDLE_LEN:
        raise BundleTooLarge("payload")
    header = BundleHeader(
        kind=kind,
        env=env,
        bundle_id=bundle_id,
        device_id=device_id,
        signer_key_id=keys.key_id(keys.ed25519_public(signer_private)),
        recipient_key_id=keys.key_id(recipient_public),
        seq=seq,
        prev_hash=prev_hash or GENESIS_HASH,
        payload_len=len(ciphertext),
        payload_sha256=hashlib.sha256(ciphertext).hexdigest(),
    )
    prefix = frame(header.to_bytes())
    return prefix + keys.sign(signer_private, SIGN_DOMAIN + prefix) + ciphertext


@dataclass(frozen=True)
class VerifiedBundle:
    """A bundle whose signature and payload hash checked out; nothing has been decrypted."""

    header: BundleHeader
    framing: Framing
    bundle_hash: str


def _signer_key(claim: SignerClaim, signers: SignerLookup) -> bytes:
    found = signers(claim) if callable(signers) else signers.get(claim.signer_key_id)
    if found is None or keys.key_id(found) != claim.signer_key_id:
        raise UnknownSigner()
    return found


def verify_head(header_bytes: bytes, signature: bytes, signers: SignerLookup, max_bundle_len: int) -> BundleHeader:
    """The signature over the framed header first (under the key its signer fields name), then the header's version
    and fields: nothing but those two fields is believed before the signature holds. Needs no payload byte, so a
    receiver can refuse a forged or junk upload before reading its body."""
    claim, raw = signer_claim(header_bytes)
    keys.verify(_signer_key(claim, signers), signature, SIGN_DOMAIN + frame(header_bytes))
    header = header_from_dict(raw)
    if header.payload_len > max_bundle_len:
        raise BundleTooLarge("payload_len")
    return header


def verify_bundle(data: bytes, signers: SignerLookup, *, max_bundle_len: int = MAX_BUNDLE_LEN) -> VerifiedBundle:
    """Check framing, caps, signature, header and payload length/hash, in that order; decrypt nothing."""
    framing = split_frame(data, max_bundle_len)
    header = verify_head(framing.header_bytes, framing.signature, signers, max_bundle_len)
    if len(framing.payload) < header.payload_len:
        raise BundleTruncated("payload")
    if len(framing.payload) > header.payload_len:
        raise PayloadHashMismatch("payload_len")
    if hashlib.sha256(framing.payload).hexdigest() != header.payload_sha256:
        raise PayloadHashMismatch("payload_sha256")
    return VerifiedBundle(header, framing, bundle_hash(data))


@dataclass(frozen=True)
class OpenedBundle:
    """Verified, decrypted and parsed; unpacks as (header, manifest, records)."""

    header: BundleHeader
    manifest: Manifest
    records: list[dict[str, Any]]
    bundle_hash: str

    def __iter__(self) -> Iterator[Any]:
        return iter((self.header, self.manifest, self.records))


def decrypt_verified(
    verified: VerifiedBundle,
    identities: bytes | Mapping[str, bytes],
    *,
    expected_env: str | None = None,
    expected_kind: str | None = None,
    max_plaintext: int = payload.MAX_PLAINTEXT_LEN,
) -> OpenedBundle:
    """Decrypt a verified bundle with the matching X25519 private key and bind the manifest to the header."""
    manifest, text, start = decrypt_to_text(
        verified, identities, expected_env=expected_env, expected_kind=expected_kind, max_plaintext=max_plaintext
    )
    records = payload.decode_records(text, start, manifest["record_count"])
    bind_manifest(verified.header, manifest)
    return OpenedBundle(verified.header, manifest, records, verified.bundle_hash)


def decrypt_to_text(
    verified: VerifiedBundle,
    identities: bytes | Mapping[str, bytes],
    *,
    expected_env: str | None = None,
    expected_kind: str | None = None,
    max_plaintext: int = payload.MAX_PLAINTEXT_LEN,
) -> tuple[Manifest, bytes, int]:
    """Decrypt and inflate a verified bundle: its manifest (checked, not yet bound to the header: see
    `bind_manifest`), the plaintext, and where the record lines start in it."""
    header = verified.header
    if expected_env is not None and header.env != expected_env:
        raise EnvironmentMismatch()
    if expected_kind is not None and header.kind != expected_kind:
        raise BundleFormatError("header.kind")
    if isinstance(identities, bytes | bytearray):
        identities = {keys.key_id(keys.x25519_public(bytes(identities))): bytes(identities)}
    private = identities.get(header.recipient_key_id)
    if private is None:
        raise WrongRecipient()
    plaintext = payload.decrypt(verified.framing.payload, keys.age_identity(private))
    return payload.inflate_plaintext(plaintext, max_plaintext)


def bind_manifest(header: BundleHeader, manifest: Manifest) -> None:
    """The manifest repeats the header's ids: ManifestMismatch where it does not (a re-signed payload)."""
    for name in _MANIFEST_BOUND:
        if manifest[name] != getattr(header, name):
            raise ManifestMismatch(f"manifest.{name}")


def open_bundle(
    data: bytes,
    trusted_signers: SignerLookup,
    identities: bytes | Mapping[str, bytes],
    *,
    expected_env: str | None = None,
    expected_kind: str | None = None,
    max_bundle_len: int = MAX_BUNDLE_LEN,
    max_plaintext: int = payload.MAX_PLAINTEXT_LEN,
) -> OpenedBundle:
    """Verify signature, hash and caps, then decrypt and parse; raises typed SyncError subclasses."""
    verified = verify_bundle(data, trusted_signers, max_bundle_len=max_bundle_len)
    return decrypt_verified(
        verified,
        identities,
        expected_env=expected_env,
        expected_kind=expected_kind,
        max_plaintext=max_plaintext,
    )


def split_records(records: Iterable[dict[str, Any]], max_bytes: int) -> list[list[dict[str, Any]]]:
    """Group records, in order, so each group seals to at most `max_bytes` (a conservative estimate)."""
    budget = max_bytes - _SPLIT_OVERHEAD - SIG_LEN
    if budget <= 0:
        raise BundleTooLarge("max_bytes")
    groups: list[list[dict[str, Any]]] = [[]]
    used = 0
    for record in records:
        size = len(dump_line(record)) + 1
        size += size // 128 + 64  # zstd's worst case (incompressible: +1/256) and age's 16 bytes per 64 KiB
        if size > budget:
            raise BundleTooLarge("record")
        if used + size > budget and groups[-1]:
            groups.append([])
            used = 0
        groups[-1].append(record)
        used += size
    return groups if groups[-1] else groups[:-1] or []
