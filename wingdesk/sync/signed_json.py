"""Small signed JSON documents (`{"<name>": {...}, "sig": b64}`) under domain-separated Ed25519."""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from wingdesk.sync import keys
from wingdesk.sync.errors import SignatureInvalid, SyncError
from wingdesk.sync.strict_json import canonical, loads_object

MAX_DOC_LEN = 64 * 1024


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: object, length: int, error: type[SyncError]) -> bytes:
    """Decode base64 of an exact length; raise `error` otherwise."""
    try:
        raw = base64.b64decode(text, validate=True) if isinstance(text, str) else b""
    except ValueError:  # binascii.Error, or non-ASCII text
        raw = b""
    if len(raw) != length:
        raise error("base64")
    return raw


def sign_doc(name: str, body: dict[str, Any], domain: bytes, sign_private: bytes) -> bytes:
    """Canonical bytes of `{name: body, "sig": …}`."""
    signature = keys.sign(sign_private, domain + canonical(body))
    return canonical({name: body, "sig": b64(signature)})


def read_doc(data: bytes, name: str, error: type[SyncError]) -> tuple[dict[str, Any], bytes]:
    """Parse a signed document (signature not yet checked): returns (body, signature)."""
    if len(data) > MAX_DOC_LEN:
        raise error("size")
    wrapper = loads_object(data, error, name)
    if set(wrapper) != {name, "sig"} or not isinstance(wrapper[name], dict):
        raise error("wrapper")
    return wrapper[name], unb64(wrapper["sig"], keys.SIG_LEN, error)


def check_doc(body: dict[str, Any], signature: bytes, domain: bytes, sign_public: bytes,
              error: type[SyncError]) -> None:
    try:
        message = domain + canonical(body)
    except ValueError:  # an integer beyond 2^53 or a lone surrogate: no canonical form, so nothing signed it
        raise error("canonical") from None
    try:
        keys.verify(sign_public, signature, message)
    except SignatureInvalid:
        raise error("signature") from None


def short_code(body: dict[str, Any]) -> str:
    """8-character code (base32 of SHA-256) read aloud to confirm a document out of band."""
    digest = base64.b32encode(hashlib.sha256(canonical(body)).digest()[:5]).decode("ascii")
    return f"{digest[:4]}-{digest[4:]}"
