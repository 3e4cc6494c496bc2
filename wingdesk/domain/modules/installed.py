"""A module version as the wing stores it: the canonical package text and where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class InstalledModule:
    module_id: str
    version: int
    package: str  # canonical JSON
    content_sha256: str
    source: str  # "shipped" (carried in the program) or "hq" (a file signed with HQ's key)
    installed_at: str
    installed_by: str
    hq_key_id: str | None = None
    signed_at: str | None = None
    signature: bytes | None = field(default=None, repr=False)
