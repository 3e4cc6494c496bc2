"""Training coverage per prison (issue 18 item 2): for each prison and each training module, how many of the staff
whose role requires it have it done and current, from the `training_completion` records the wings' bundles
carried to HQ.

The staff of a prison are the wing accounts HQ holds signing keys for (enrolment, then administrators'
announcements: hq.user_keys) on the prison's PCs that are not revoked, each counted once per prison with the role
of their newest key. A PC's prison is its prison in HQ's newest hierarchy, else the wing name it enrolled with (as
the research store does). The modules are those WingDesk ships and those HQ published, newest version of each;
their required roles and refresher intervals decide who must have done them and until when
(domain.modules.status). A completion counts for its author wherever in the prison it was recorded. Nothing
of a record's text is read: only the author, the module and the date.
"""

from __future__ import annotations

import base64
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from wingdesk.config.package_data import shipped_modules
from wingdesk.domain.instruments.signed_file import read_signed
from wingdesk.domain.modules.model import Module, ModuleError
from wingdesk.domain.modules.parse import MAX_BYTES, loads, parse_package
from wingdesk.domain.modules.status import DONE, DUE_SOON, OVERDUE, status_of
from wingdesk.hq import hierarchy
from wingdesk.hq.modules import WRAPPER
from wingdesk.hq.store import SqlStore

KIND = "training_completion"
MODULE_KIND = "training_module"


@dataclass(frozen=True)
class Cell:
    """One prison and one module: staff whose role requires it, of them done and current, and overdue refreshers."""

    required: int
    current: int
    overdue: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.current / self.required) if self.required else None


@dataclass(frozen=True)
class PrisonCoverage:
    code: str  # the hierarchy's prison code, or the enrolled wing name of a PC the hierarchy does not place
    name: str  # the official name ("" when the hierarchy does not name it)
    staff: int
    cells: tuple[Cell, ...]  # in the order of Coverage.modules


@dataclass(frozen=True)
class Coverage:
    modules: tuple[Module, ...]
    prisons: tuple[PrisonCoverage, ...]
    today: date


def _published(repo: Any) -> list[Module]:
    """The newest version of each module HQ published (its own signed files, checked when it signed them)."""
    newest: dict[str, tuple[int, str]] = {}
    for record_id, rev, body in repo._rows("SELECT record_id, rev, body FROM reference_items WHERE kind = ?",
                                           (MODULE_KIND,)):
        if record_id not in newest or newest[record_id][0] < int(rev):
            newest[str(record_id)] = (int(rev), str(body))
    found = []
    for _rev, body in newest.values():
        try:
            data = base64.b64decode(json.loads(body)["file"], validate=True)
            found.append(parse_package(read_signed(data, WRAPPER, MAX_BYTES, "module", ModuleError).definition))
        except (ValueError, KeyError, TypeError, ModuleError):  # HQ queued only what it checked: never expected
            continue
    return found


@cache
def _shipped() -> tuple[Module, ...]:
    return tuple(parse_package(loads(data)) for data in shipped_modules())


def known_modules(repo: Any) -> list[Module]:
    """Shipped and published modules, the newest version of each, ordered by id."""
    modules: dict[str, Module] = {}
    for module in [*_shipped(), *_published(repo)]:
        if module.module_id not in modules or modules[module.module_id].version < module.version:
            modules[module.module_id] = module
    return [modules[key] for key in sorted(modules)]


def _completions(rows: Iterable[tuple[Any, ...]]) -> dict[tuple[str, str], list[date]]:
    """(author id, module id) -> completion dates, from HQ's record lines; a line that is not a well-formed
    completion is skipped (the wing validated it; HQ only counts)."""
    found: dict[tuple[str, str], list[date]] = defaultdict(list)
    for (body,) in rows:
        try:
            record = json.loads(body)["record"]
            author, fields = record["author_id"], record["body"]
            found[(str(author), str(fields["module_id"]))].append(date.fromisoformat(fields["completed_on"]))
        except (ValueError, KeyError, TypeError):
            continue
    return found


def coverage(store: SqlStore, today: date) -> Coverage:
    with store.transaction(write=False) as repo:
        modules = known_modules(repo)
        places = {}
        current = hierarchy.current_in(repo)
        if current is not None:
            places = {device: (p.prison_code, p.prison_name) for device, p in current.places().items()}
        devices = {d.device_id: places.get(d.device_id, (d.wing_name, "")) for d in repo.list_devices()
                   if d.revoked_after_seq is None}
        roles: dict[tuple[str, str], tuple[str, str]] = {}  # (prison, user) -> (added_at, role) of the newest key
        for device_id, user_id, role, added_at in repo._rows(
                "SELECT device_id, user_id, role, added_at FROM user_keys"):
            if device_id in devices:
                key = (devices[device_id][0], str(user_id))
                if key not in roles or roles[key][0] < str(added_at):
                    roles[key] = (str(added_at), str(role))
        done = _completions(repo._rows("SELECT body FROM records WHERE kind = ?", (KIND,)))
    names = dict(devices.values())
    staff: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for (prison, user_id), (_at, role) in roles.items():
        staff[prison].append((user_id, role))
    prisons = []
    for prison in sorted(set(names) | set(staff)):
        cells = []
        for module in modules:
            states = [status_of(module, role, done.get((user, module.module_id), []), today).state
                      for user, role in staff[prison] if module.required(role)]
            cells.append(Cell(len(states), sum(s in (DONE, DUE_SOON) for s in states),
                              sum(s == OVERDUE for s in states)))
        prisons.append(PrisonCoverage(prison, names.get(prison, ""), len(staff[prison]), tuple(cells)))
    return Coverage(tuple(modules), tuple(prisons), today)
