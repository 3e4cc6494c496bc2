"""A translation update as the wing stores it: the document HQ signed, and the evidence of that signature."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class InstalledTranslation:
    language: str
    version: int
    document: str  # canonical JSON of the document as signed
    content_sha256: str  # of those bytes
    hq_key_id: str
    signed_at: str
    signature: bytes = field(repr=False)
    installed_at: str = ""
    installed_by: str = ""
