"""Plain results of a new PC rebuilt from HQ (issue 22 item 4), shared by services.successor, its sync adapter and
the UIs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from wingdesk.domain.people import Prisoner, User


@dataclass(frozen=True)
class SuccessorContents:
    """HQ's successor package as this PC opened and checked it (sync.successor_package)."""

    predecessor_id: str  # the dead PC
    users: list[tuple[str, str, bytes]] = field(default_factory=list)  # (user id, role, signing key) HQ held
    prisoners: list[Prisoner] = field(default_factory=list)  # under the dead PC's ids
    unnamed: tuple[str, ...] = ()  # ids of prisoners whose identity HQ does not hold (their number stands in)
    records: list[dict[str, Any]] = field(default_factory=list)  # line bodies: record, status, author_name, sig
    amendments: list[dict[str, Any]] = field(default_factory=list)  # amendment line bodies (comments, corrections)
    countersignatures: list[dict[str, Any]] = field(default_factory=list)  # countersignature line bodies
    tombstones: list[dict[str, Any]] = field(default_factory=list)  # tombstone line bodies (deletes made there)


@dataclass(frozen=True)
class SuccessorImport:
    """What `wingdesk restore-from-hq` wrote into this PC."""

    predecessor_id: str
    records: int
    prisoners: int
    amendments: int
    countersignatures: int
    unnamed: int
    accounts: list[User] = field(default_factory=list)  # created without a passphrase: an administrator resets them
    tombstones: int = 0  # deletes made on the dead PC, accounted for by their signed statements
