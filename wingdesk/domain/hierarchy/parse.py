"""Hierarchy document JSON -> Hierarchy, or one HierarchyError naming the first thing wrong (`where` is a path such
as `wings[2].capacity`, `code` a stable code; never a name). Nothing is repaired or guessed.

    {"format": 1, "revision": 3,
     "prisons": [{"code": "IDRIZOVO", "name": "Idrizovo prison", "kind": "closed"},
                 {"code": "OLD_JAIL", "name": "...", "closed": {"on": "2026-03-01", "reason": "..."}}],
     "wings": [{"code": "IDRIZOVO_B", "prison": "IDRIZOVO", "name": "B-Wing", "capacity": 40,
                "units": ["young", "first_time"], "devices": ["<device id>"]}]}
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

from wingdesk.domain.hierarchy.model import (
    FORMAT,
    PRISON_KINDS,
    UNITS,
    Closure,
    Hierarchy,
    HierarchyError,
    Prison,
    Wing,
)
from wingdesk.domain.instruments.parse import json_object, loads_json

WRAPPER = "hierarchy_file"  # the signed file: {"hierarchy_file": statement, "sig": ...} (instruments/signed_file)
MAX_BYTES = 192 * 1024  # also what the console's edit box may send inside its 256 KiB form
MAX_PRISONS, MAX_WINGS = 100, 1000
MAX_NAME, MAX_REASON = 120, 200
MAX_CAPACITY = 3000  # more people than any wing in the region holds: a typo, not a wing
MAX_REVISION = 2**31 - 1
_CODE = re.compile(r"[A-Z][A-Z0-9_-]{1,39}", re.ASCII)  # fullmatch: 2 to 40 characters, a capital letter first
_DEVICE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.ASCII)
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_NOT_TEXT = ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")  # control, format (bidi marks), unassigned, line breaks
_KIND = "hierarchy"


def loads(data: bytes) -> dict[str, Any]:
    return loads_json(data, MAX_BYTES, _KIND, HierarchyError)


def _object(value: Any, where: str, required: set[str], optional: frozenset[str] = frozenset()) -> dict[str, Any]:
    return json_object(value, where, required, optional, _KIND, HierarchyError)


def _text(value: Any, where: str, limit: int) -> str:
    if not isinstance(value, str) or not value.strip():
        raise HierarchyError("hierarchy_bad_value", where=where)
    if any(unicodedata.category(ch) in _NOT_TEXT for ch in value):
        raise HierarchyError("hierarchy_control_chars", where=where)
    if len(value) > limit:
        raise HierarchyError("hierarchy_text_too_long", where=where, limit=limit)
    return value


def _code(value: Any, where: str, seen: set[str]) -> str:
    if not isinstance(value, str) or not _CODE.fullmatch(value):
        raise HierarchyError("hierarchy_bad_code", where=where)
    if value in seen:
        raise HierarchyError("hierarchy_duplicate_code", where=where, entry=value)
    seen.add(value)
    return value


def _closure(value: Any, where: str) -> Closure | None:
    if value is None:
        return None
    item = _object(value, where, {"on", "reason"})
    day = item["on"]
    try:
        valid = isinstance(day, str) and _DAY.fullmatch(day) is not None and date.fromisoformat(day) is not None
    except ValueError:
        valid = False
    if not valid:
        raise HierarchyError("hierarchy_bad_value", where=f"{where}.on")
    return Closure(day, _text(item["reason"], f"{where}.reason", MAX_REASON))


def _list(value: Any, where: str, limit: int, empty: bool) -> list[Any]:
    if not isinstance(value, list) or (not value and not empty):
        raise HierarchyError("hierarchy_bad_value", where=where)
    if len(value) > limit:
        raise HierarchyError("hierarchy_too_many", where=where, limit=limit)
    return value


def _prison(value: Any, where: str, seen: set[str]) -> Prison:
    item = _object(value, where, {"code", "name"}, frozenset({"kind", "closed"}))
    code = _code(item["code"], f"{where}.code", seen)
    kind = item.get("kind", "")
    if kind != "" and kind not in PRISON_KINDS:
        raise HierarchyError("hierarchy_bad_kind", where=f"{where}.kind", kinds=", ".join(PRISON_KINDS))
    return Prison(code, _text(item["name"], f"{where}.name", MAX_NAME), kind,
                  _closure(item.get("closed"), f"{where}.closed"))


def _capacity(value: Any, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_CAPACITY:
        raise HierarchyError("hierarchy_bad_capacity", where=where, limit=MAX_CAPACITY)
    return value


def _units(value: Any, where: str) -> tuple[str, ...]:
    given = _list(value, where, len(UNITS), True)
    if any(not isinstance(u, str) or u not in UNITS for u in given) or len(set(given)) != len(given):
        raise HierarchyError("hierarchy_bad_unit", where=where, units=", ".join(UNITS))
    return tuple(u for u in UNITS if u in given)


def _wing(value: Any, where: str, seen: set[str], prisons: dict[str, Prison], served: dict[str, str]) -> Wing:
    item = _object(value, where, {"code", "prison", "name"}, frozenset({"capacity", "units", "devices", "closed"}))
    code = _code(item["code"], f"{where}.code", seen)
    prison = prisons.get(item["prison"]) if isinstance(item["prison"], str) else None
    if prison is None:
        raise HierarchyError("hierarchy_unknown_prison", where=f"{where}.prison", entry=code)
    closed = _closure(item.get("closed"), f"{where}.closed")
    if closed is None and prison.closed is not None:
        raise HierarchyError("hierarchy_open_wing_closed_prison", where=where, entry=code)
    devices = _list(item.get("devices", []), f"{where}.devices", 50, True)
    for n, device in enumerate(devices):
        if not isinstance(device, str) or not _DEVICE.fullmatch(device):
            raise HierarchyError("hierarchy_bad_device", where=f"{where}.devices[{n}]")
        if device in served:
            raise HierarchyError("hierarchy_device_twice", where=f"{where}.devices[{n}]", device=device[:8],
                                 entry=served[device])
        served[device] = code
    if devices and closed is not None:
        raise HierarchyError("hierarchy_closed_wing_has_pc", where=f"{where}.devices", entry=code)
    return Wing(code, prison.code, _text(item["name"], f"{where}.name", MAX_NAME),
                _capacity(item.get("capacity"), f"{where}.capacity"), _units(item.get("units", []), f"{where}.units"),
                tuple(devices), closed)


def parse_hierarchy(raw: dict[str, Any]) -> Hierarchy:
    """The validated document (raw: from `loads`)."""
    top = _object(raw, "", {"format", "revision", "prisons", "wings"})
    if top["format"] != FORMAT or isinstance(top["format"], bool):
        raise HierarchyError("hierarchy_format_unknown", format=str(top["format"])[:20], supported=FORMAT)
    revision = top["revision"]
    if isinstance(revision, bool) or not isinstance(revision, int) or not 1 <= revision <= MAX_REVISION:
        raise HierarchyError("hierarchy_bad_value", where="revision")
    seen: set[str] = set()  # prisons and wings share one set of codes: a code always means one thing
    prisons = [_prison(p, f"prisons[{n}]", seen)
               for n, p in enumerate(_list(top["prisons"], "prisons", MAX_PRISONS, False))]
    by_code = {p.code: p for p in prisons}
    served: dict[str, str] = {}
    wings = [_wing(w, f"wings[{n}]", seen, by_code, served)
             for n, w in enumerate(_list(top["wings"], "wings", MAX_WINGS, True))]
    return Hierarchy(revision, tuple(prisons), tuple(wings))


def parse_bytes(data: bytes) -> Hierarchy:
    return parse_hierarchy(loads(data))


def document(hierarchy: Hierarchy) -> dict[str, Any]:
    """The JSON document of `hierarchy` (optional fields left out when not given): parse_hierarchy reads it back."""
    def closure(c: Closure | None) -> dict[str, Any]:
        return {} if c is None else {"closed": {"on": c.on, "reason": c.reason}}

    prisons = [{"code": p.code, "name": p.name, **({"kind": p.kind} if p.kind else {}), **closure(p.closed)}
               for p in hierarchy.prisons]
    wings = [{"code": w.code, "prison": w.prison, "name": w.name,
              **({"capacity": w.capacity} if w.capacity is not None else {}),
              **({"units": list(w.units)} if w.units else {}), **({"devices": list(w.devices)} if w.devices else {}),
              **closure(w.closed)} for w in hierarchy.wings]
    return {"format": FORMAT, "revision": hierarchy.revision, "prisons": prisons, "wings": wings}
