"""HQ signs an assessment instrument definition for the wings (docs/instruments.md).

The definition is validated exactly as a wing will validate it before anything is signed, so HQ never publishes
a file every wing would refuse. Signed with HQ's signing key, the key of its reference bundles and receipts.
"""

from __future__ import annotations

from datetime import datetime

from wingdesk.crypto import signing
from wingdesk.domain.instruments.model import Instrument
from wingdesk.domain.instruments.parse import loads_json, parse_definition
from wingdesk.domain.instruments.signed_file import file_bytes, key_id, statement
from wingdesk.sync import keys
from wingdesk.sync.reference import utc_text


def sign_instrument(definition: bytes, sign_private: bytes, now: datetime) -> tuple[Instrument, bytes]:
    """(the validated instrument, the signed file's bytes); InstrumentError when the definition is refused."""
    raw = loads_json(definition)
    instrument = parse_definition(raw)
    signed = statement(raw, key_id(keys.ed25519_public(sign_private)), utc_text(now))
    signature = signing.sign(bytearray(sign_private), signing.INSTRUMENT_PREFIX, signed)
    return instrument, file_bytes(signed, signature)
