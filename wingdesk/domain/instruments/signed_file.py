"""The signed file HQ publishes: `{"instrument_file": statement, "sig": base64}` for an assessment instrument, and
the same shape under `"module_file"` for a training module (domain/modules, purpose prefix "module").

The statement is `{"definition": …, "hq_key_id": …, "signed_at": …}`; HQ signs the purpose prefix
(crypto.signing "instrument") + canonical bytes of the statement with its signing key, the key its reference
bundles are signed with, and the wing checks it against the HQ key it enrolled with.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass
from typing import Any

from wingdesk.domain.canonical import canonical_bytes
from wingdesk.domain.errors import ValidationError
from wingdesk.domain.instruments.model import InstrumentError
from wingdesk.domain.instruments.parse import MAX_BYTES, loads_json

WRAPPER = "instrument_file"
SIG_LEN = 64


def key_id(public_raw: bytes) -> str:
    """The key id sync uses for HQ keys: hex of the first 8 bytes of SHA-256 of the raw public key."""
    return hashlib.sha256(public_raw).digest()[:8].hex()


def statement(definition: dict[str, Any], hq_key_id: str, signed_at: str) -> dict[str, Any]:
    return {"definition": definition, "hq_key_id": hq_key_id, "signed_at": signed_at}


def file_bytes(signed: dict[str, Any], signature: bytes, wrapper: str = WRAPPER) -> bytes:
    return canonical_bytes({wrapper: signed, "sig": base64.b64encode(signature).decode("ascii")})


@dataclass(frozen=True)
class SignedInstrument:
    statement: dict[str, Any]
    signature: bytes

    @property
    def definition(self) -> dict[str, Any]:
        return dict(self.statement["definition"])

    @property
    def hq_key_id(self) -> str:
        return str(self.statement["hq_key_id"])

    @property
    def signed_at(self) -> str:
        return str(self.statement["signed_at"])


def read_signed(data: bytes, name: str = WRAPPER, limit: int = MAX_BYTES, kind: str = "instrument",
                error: type[ValidationError] = InstrumentError) -> SignedInstrument:
    """Parse a signed file (the signature is checked by the caller, who holds HQ's key); `name` is its wrapper
    field, `kind` and `error` name it in a refusal (`instrument_not_signed`, `module_signature`)."""
    wrapper = loads_json(data, limit, kind, error)
    if set(wrapper) != {name, "sig"}:
        raise error(f"{kind}_not_signed")
    signed = wrapper[name]
    if not isinstance(signed, dict) or set(signed) != {"definition", "hq_key_id", "signed_at"} or \
            not isinstance(signed["definition"], dict) or not isinstance(signed["hq_key_id"], str) or \
            not isinstance(signed["signed_at"], str):
        raise error(f"{kind}_not_signed")
    try:
        signature = base64.b64decode(wrapper["sig"], validate=True) if isinstance(wrapper["sig"], str) else b""
    except (binascii.Error, ValueError):
        signature = b""
    if len(signature) != SIG_LEN:
        raise error(f"{kind}_signature")
    return SignedInstrument(signed, signature)
