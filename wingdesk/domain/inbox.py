"""An item in a user's inbox: something that needs their attention, said in codes and dates (the GUI words it)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class InboxItem:
    """`key` is stable across refreshes (source:object[:version]): an acknowledgement is kept against it, so an
    acknowledged item does not come back, and a new version of the same matter (a later due date) is a new item.
    `params` holds codes, dates and staff names for the item's sentence, never record text."""

    key: str
    source: str  # the inbox source that made it (services.inbox_sources); selects the sentence
    urgent: bool
    at: str  # ISO date or date-time it arose or falls due; newest first within urgent / not urgent
    prisoner_id: str | None = None
    params: dict[str, str] = field(default_factory=dict)
