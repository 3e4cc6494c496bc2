"""HQ's signature on a file it publishes for the wings (an instrument, a training module, a code list, a translation
update): the signed-file shape of domain/instruments/signed_file, signed with HQ's signing key, the key of its
reference bundles and receipts, under the purpose prefix of the file's kind, so no other signed file can pass as it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from wingdesk.crypto import signing
from wingdesk.domain.instruments.signed_file import WRAPPER, file_bytes, key_id, statement
from wingdesk.sync import keys
from wingdesk.sync.reference import utc_text


def signed_file(definition: dict[str, Any], sign_private: bytes, now: datetime, prefix: bytes,
                wrapper: str = WRAPPER) -> bytes:
    """The bytes of the file holding `definition` (already validated as a wing validates it), signed at `now`
    under `prefix` (crypto.signing) with its wrapper field `wrapper`."""
    signed = statement(definition, key_id(keys.ed25519_public(sign_private)), utc_text(now))
    return file_bytes(signed, signing.sign(bytearray(sign_private), prefix, signed), wrapper)
