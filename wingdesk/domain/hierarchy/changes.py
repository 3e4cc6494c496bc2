"""What a new revision of the hierarchy changes against the one published before it, and the rules across
revisions: a revision is newer, keeps every code ever published (a prison or wing is closed, never left out), never
moves a wing to another prison, and never reuses a closed code for a different thing (another name, kind or
prison); a closed entry may be opened again only as what it was."""

from __future__ import annotations

from dataclasses import dataclass

from wingdesk.domain.hierarchy.model import Hierarchy, HierarchyError, Prison, Wing

ADDED, RENAMED, CLOSED, REOPENED = "added", "renamed", "closed", "reopened"
PC_ASSIGNED, PC_MOVED, PC_REMOVED = "pc_assigned", "pc_moved", "pc_removed"
CAPACITY, UNITS_CHANGED, KIND_CHANGED = "capacity", "units", "kind"


@dataclass(frozen=True)
class Change:
    what: str  # ADDED, RENAMED, ...
    level: str  # "prison", "wing" or "pc"
    code: str  # the prison's or wing's code (for a PC: the wing it serves now, or served)
    before: str = ""  # the old value shown (a name, a capacity, a wing code), "" when none
    after: str = ""
    device_id: str = ""


def check_continues(before: Hierarchy | None, after: Hierarchy) -> None:
    """HierarchyError unless `after` may follow `before` (the newest published revision, None for the first)."""
    if before is None:
        return
    if after.revision <= before.revision:
        raise HierarchyError("hierarchy_not_newer", revision=after.revision, newest=before.revision)
    for old in before.prisons:
        new = after.prison(old.code)
        if new is None:
            raise HierarchyError("hierarchy_code_dropped", entry=old.code)
        if old.closed is not None and (new.name, new.kind) != (old.name, old.kind):
            raise HierarchyError("hierarchy_code_reused", entry=old.code)
    for old_wing in before.wings:
        wing = after.wing(old_wing.code)
        if wing is None:
            raise HierarchyError("hierarchy_code_dropped", entry=old_wing.code)
        if wing.prison != old_wing.prison:
            raise HierarchyError("hierarchy_wing_moved", entry=old_wing.code)
        if old_wing.closed is not None and wing.name != old_wing.name:
            raise HierarchyError("hierarchy_code_reused", entry=old_wing.code)


def _text(value: int | None) -> str:
    return "" if value is None else str(value)


def _entry_changes(level: str, old: Prison | Wing | None, new: Prison | Wing) -> list[Change]:
    if old is None:
        return [Change(ADDED, level, new.code, after=new.name)]
    found = []
    if old.name != new.name:
        found.append(Change(RENAMED, level, new.code, old.name, new.name))
    if old.closed is None and new.closed is not None:
        found.append(Change(CLOSED, level, new.code, after=f"{new.closed.on}: {new.closed.reason}"))
    if old.closed is not None and new.closed is None:
        found.append(Change(REOPENED, level, new.code))
    if isinstance(old, Prison) and isinstance(new, Prison) and old.kind != new.kind:
        found.append(Change(KIND_CHANGED, level, new.code, old.kind, new.kind))
    if isinstance(old, Wing) and isinstance(new, Wing):
        if old.capacity != new.capacity:
            found.append(Change(CAPACITY, level, new.code, _text(old.capacity), _text(new.capacity)))
        if old.units != new.units:
            found.append(Change(UNITS_CHANGED, level, new.code, " ".join(old.units), " ".join(new.units)))
    return found


def changes(before: Hierarchy | None, after: Hierarchy) -> list[Change]:
    """Every difference, prisons first, then wings, then PCs, in the new document's order."""
    found: list[Change] = []
    for prison in after.prisons:
        found += _entry_changes("prison", before.prison(prison.code) if before else None, prison)
    for wing in after.wings:
        found += _entry_changes("wing", before.wing(wing.code) if before else None, wing)
    old_pcs = {d: w.code for w in (before.wings if before else ()) for d in w.devices}
    new_pcs = {d: w.code for w in after.wings for d in w.devices}
    for wing in after.wings:
        for device in wing.devices:
            if device not in old_pcs:
                found.append(Change(PC_ASSIGNED, "pc", wing.code, after=wing.code, device_id=device))
            elif old_pcs[device] != wing.code:
                found.append(Change(PC_MOVED, "pc", wing.code, old_pcs[device], wing.code, device))
    for device, code in old_pcs.items():
        if device not in new_pcs:
            found.append(Change(PC_REMOVED, "pc", code, before=code, device_id=device))
    return found
