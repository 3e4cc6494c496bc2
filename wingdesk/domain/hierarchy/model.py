"""A parsed prison/wing hierarchy: plain frozen data (docs/publishing.md "The prison/wing hierarchy").

One document is the whole hierarchy at one revision: every prison (a stable code, the official name, optionally its
kind) and every wing (a stable code, its prison, its name, optionally its capacity and special-unit flags) HQ ever
published, and the enrolled PCs (device ids) that serve each wing. Nothing is ever left out: a prison or wing that
no longer exists is closed, with the day and the reason, and stays in every later revision.
"""

from __future__ import annotations

from dataclasses import dataclass

from wingdesk.domain.errors import ValidationError

FORMAT = 1
PRISON_KINDS = ("closed", "semi_open", "open", "juvenile", "women", "remand")
UNITS = ("young", "female", "first_time", "high_security")  # special-unit flags of a wing


class HierarchyError(ValidationError):
    """A hierarchy document or signed file refused; `code` picks the sentence, params name the place (`where`) and,
    for the rules across entries and revisions, the stable code concerned as `entry` (never a name)."""

    code = "hierarchy_malformed"


@dataclass(frozen=True)
class Closure:
    on: str  # ISO day
    reason: str


@dataclass(frozen=True)
class Prison:
    code: str
    name: str  # the official name
    kind: str = ""  # one of PRISON_KINDS, or "" when not given
    closed: Closure | None = None


@dataclass(frozen=True)
class Wing:
    code: str
    prison: str  # its prison's code
    name: str
    capacity: int | None = None
    units: tuple[str, ...] = ()  # of UNITS, in UNITS order
    devices: tuple[str, ...] = ()  # the PCs (device ids) that serve it
    closed: Closure | None = None


@dataclass(frozen=True)
class Place:
    """Where one PC stands in the hierarchy: what the wing shows as its official prison and wing."""

    prison_code: str
    prison_name: str
    prison_kind: str
    wing_code: str
    wing_name: str
    capacity: int | None
    units: tuple[str, ...]


@dataclass(frozen=True)
class Hierarchy:
    revision: int
    prisons: tuple[Prison, ...]
    wings: tuple[Wing, ...]

    def prison(self, code: str) -> Prison | None:
        return next((p for p in self.prisons if p.code == code), None)

    def wing(self, code: str) -> Wing | None:
        return next((w for w in self.wings if w.code == code), None)

    def place(self, device_id: str) -> Place | None:
        """The open wing this PC serves and its prison, or None when the hierarchy names no such PC."""
        for wing in self.wings:
            if device_id in wing.devices and wing.closed is None:
                prison = self.prison(wing.prison)
                if prison is not None:
                    return Place(prison.code, prison.name, prison.kind, wing.code, wing.name, wing.capacity,
                                 wing.units)
        return None

    def places(self) -> dict[str, Place]:
        """device id -> its Place, for every PC an open wing names."""
        found: dict[str, Place] = {}
        for wing in self.wings:
            for device_id in wing.devices:
                place = self.place(device_id)
                if place is not None:
                    found[device_id] = place
        return found
