"""How the wing's screens word HQ's prison/wing hierarchy (services.hierarchy): the official prison and wing names
(the wing's own name while HQ has published none for this PC), the occupancy against the published capacity and the
special units, in words (never colour alone)."""

from __future__ import annotations

from wingdesk.domain.hierarchy.model import Place
from wingdesk.i18n import _
from wingdesk.i18n.hierarchy_labels import UNIT_NAMES


def place_name(place: Place | None, own_name: str) -> str:
    """"Official prison – wing" from the hierarchy, else the name this wing was set up with."""
    if place is None:
        return own_name
    return _("{prison} – {wing}").format(prison=place.prison_name, wing=place.wing_name)


def units_text(place: Place | None) -> str:
    """"Special unit: young prisoners, first-time prisoners", or "" when the wing has none."""
    if place is None or not place.units:
        return ""
    return _("Special unit: {units}").format(units=", ".join(_(UNIT_NAMES[u]) for u in place.units))


def occupancy_text(on_roll: int, place: Place | None) -> tuple[str, bool]:
    """("Places: 38 / 40", False), or ("Over capacity: 42 / 40", True); ("", False) when no capacity is published."""
    if place is None or place.capacity is None:
        return "", False
    if on_roll > place.capacity:
        return _("Over capacity: {n} / {capacity}").format(n=on_roll, capacity=place.capacity), True
    return _("Places: {n} / {capacity}").format(n=on_roll, capacity=place.capacity), False
