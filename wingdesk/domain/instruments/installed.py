"""An instrument version as the wing stores it: canonical definition text and where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field

SOURCE_SHIPPED = "shipped"  # carried in the program itself (wingdesk/resources/instruments)
SOURCE_HQ = "hq"  # from a file signed with HQ's key


@dataclass(frozen=True)
class InstalledInstrument:
    instrument_id: str
    version: int
    definition: str  # canonical JSON
    content_sha256: str
    source: str
    installed_at: str
    installed_by: str
    hq_key_id: str | None = None
    signed_at: str | None = None
    signature: bytes | None = field(default=None, repr=False)
