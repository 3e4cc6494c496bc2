"""The registry of inbox sources: each module of this package declares one or more `InboxSource` values.

A source says which roles it serves and collects the items it has for the signed-in user (the InboxService drops
the ones that user acknowledged). A feature adds items to people's inboxes with one module here (e.g. overdue
returns from movements, overdue assessments) plus the sentence for its items in gui/inbox_text.py; nothing else.
Sources read through `ctx.repo` and decide access with the policy table themselves (they never call a guarded
method, so a role a source does not serve never writes a false `access_denied`).
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from wingdesk.domain.inbox import InboxItem
from wingdesk.domain.roles import Role
from wingdesk.services.context import ServiceContext


@dataclass(frozen=True)
class InboxSource:
    name: str
    serves: Callable[[Role], bool]
    collect: Callable[[ServiceContext, date], list[InboxItem]]  # runs on a worker thread


@functools.cache
def all_sources() -> tuple[InboxSource, ...]:
    found: dict[str, InboxSource] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for value in vars(module).values():
            if isinstance(value, InboxSource):
                if found.get(value.name, value) is not value:
                    raise RuntimeError(f"inbox source {value.name!r} is declared twice")
                found[value.name] = value
    return tuple(found.values())


def sources_for(role: Role) -> tuple[InboxSource, ...]:
    return tuple(s for s in all_sources() if s.serves(role))


__all__ = ["InboxItem", "InboxSource", "all_sources", "sources_for"]
