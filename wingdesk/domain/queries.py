"""Query value objects passed from services to repositories."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RecordQuery:
    """Which record heads to list; `kinds` is required so callers always say what they may read."""

    kinds: tuple[str, ...]
    prisoner_id: str | None = None
    day: str | None = None
    author_id: str | None = None
    own_kinds: tuple[str, ...] = ()  # kinds restricted to owner_id (e.g. an officer's own observations)
    owner_id: str | None = None
    subtype: str | None = None
    since: str | None = None
    until: str | None = None
    ascending: bool = False
    written_order: bool = False  # by the HLC each revision got when written, not by occurred_at
    limit: int = 200
    offset: int = 0
