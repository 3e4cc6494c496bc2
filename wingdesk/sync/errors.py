"""Typed sync errors: each carries a stable code, never record content, keys or UI text."""

from __future__ import annotations


class SyncError(Exception):
    """Base class; `code` is a stable machine-readable identifier mapped to text by the UI."""

    code = "sync_error"

    def __init__(self, detail: str = "") -> None:
        # detail names a structural place (a field or boundary), never a value from a record
        self.detail = detail
        super().__init__(f"{self.code}: {detail}" if detail else self.code)


class BundleFormatError(SyncError):
    """The bytes are not a well-formed bundle (magic, lengths, JSON, fields)."""

    code = "bundle_format"


class BundleTruncated(BundleFormatError):
    """The file ends before a structural boundary: typically a pulled stick or cut upload."""

    code = "bundle_truncated"


class BundleTooLarge(SyncError):
    """A declared or actual size exceeds a cap; nothing large was allocated."""

    code = "bundle_too_large"


class UnsupportedVersion(BundleFormatError):
    """The header or payload names a version this build does not understand."""

    code = "unsupported_version"


class SignatureInvalid(SyncError):
    """The Ed25519 signature does not verify under the expected key."""

    code = "signature_invalid"


class UnknownSigner(SyncError):
    """The signer key id belongs to no trusted key."""

    code = "unknown_signer"


class PayloadHashMismatch(SyncError):
    """The payload length or SHA-256 differs from the signed header."""

    code = "payload_hash_mismatch"


class WrongRecipient(SyncError):
    """The payload is encrypted to a key we do not hold (retired, unknown or another device's)."""

    code = "wrong_recipient"


class EnvironmentMismatch(SyncError):
    """A test bundle reached production, or the reverse."""

    code = "env_mismatch"


class DecryptFailed(SyncError):
    """age refused the payload even though the signed hash matched."""

    code = "decrypt_failed"


class PayloadTooLarge(SyncError):
    """Decompressed payload exceeds its cap or its declared plaintext length (bomb defence)."""

    code = "payload_too_large"


class ManifestMismatch(SyncError):
    """The inner manifest disagrees with the signed header or with the record lines."""

    code = "manifest_mismatch"


class RecordInvalid(SyncError):
    """A record line lacks a field, has a wrong type or a wrong content hash."""

    code = "record_invalid"


class ReceiptInvalid(SyncError):
    """A receipt is malformed, signed by the wrong key or does not match our outbox."""

    code = "receipt_invalid"


class EnrolmentInvalid(SyncError):
    """An enrolment request is malformed, self-signature fails, or the confirmation code differs."""

    code = "enrolment_invalid"


class KeyFileInvalid(SyncError):
    """The HQ public key file is malformed or its signature fails."""

    code = "key_file_invalid"


class WeakKeyRefused(SyncError):
    """A file names a public key of small or low order, or not canonically encoded (crypto.public_keys)."""

    code = "weak_public_key"


class UnsafeWrite(SyncError):
    """Writing to the stick failed or the read-back did not match: the file is not safe to carry."""

    code = "unsafe_write"
