"""A settable clock so demo records carry plausible past times (and are not all marked late)."""

from __future__ import annotations

from datetime import UTC, date, datetime


class DemoClock:
    def __init__(self) -> None:
        self.moment: datetime | None = None

    def now(self) -> datetime:
        real = datetime.now(UTC).replace(microsecond=0)
        return min(self.moment, real) if self.moment else real

    def today(self) -> date:
        return self.now().astimezone().date()

    def set(self, moment: datetime | None) -> None:
        self.moment = moment.astimezone(UTC).replace(microsecond=0) if moment else None
