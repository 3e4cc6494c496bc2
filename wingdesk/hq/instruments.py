"""HQ signs an assessment instrument definition for the wings (docs/instruments.md).

The definition is validated exactly as a wing will validate it before anything is signed, so HQ never publishes
a file every wing would refuse. Signed with HQ's signing key, the key of its reference bundles and receipts.
"""

from __future__ import annotations

from datetime import datetime

from wingdesk.crypto import signing
from wingdesk.domain.instruments.model import Instrument
from wingdesk.domain.instruments.parse import loads_json, parse_definition
from wingdesk.hq.signed_files import signed_file


def sign_instrument(definition: bytes, sign_private: bytes, now: datetime) -> tuple[Instrument, bytes]:
    """(the validated instrument, the signed file's bytes); InstrumentError when the definition is refused."""
    raw = loads_json(definition)
    instrument = parse_definition(raw)
    return instrument, signed_file(raw, sign_private, now, signing.INSTRUMENT_PREFIX)
