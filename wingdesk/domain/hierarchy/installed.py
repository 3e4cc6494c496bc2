"""A hierarchy revision as the wing stores it: the canonical document text and the HQ signature it came with."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class InstalledHierarchy:
    revision: int
    document: str  # canonical JSON
    content_sha256: str
    hq_key_id: str
    signed_at: str
    signature: bytes = field(repr=False)
    installed_at: str = ""
    installed_by: str = ""
