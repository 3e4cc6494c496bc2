"""Value objects for a wing day and its countersignature."""

from __future__ import annotations

from dataclasses import dataclass

from wingdesk.domain.daily_log import DayState


@dataclass(frozen=True)
class Day:
    wing: str
    day: str
    state: DayState
    updated_at: str
    entry_count: int = 0


@dataclass(frozen=True)
class Shift:
    id: str
    wing: str
    day: str
    shift: str
    officer_id: str
    started_at: str
    handover_record_id: str | None = None
    accepted_at: str | None = None


@dataclass(frozen=True)
class Countersignature:
    id: str
    wing: str
    day: str
    signer_id: str
    payload: str  # canonical JSON of exactly what was signed
    signature: bytes
    signed_at: str
