"""The registry of record kinds: every kind declared once, looked up by its stored code.

Each module of this package declares one or more kinds as module-level `KindSpec` values; the registry finds
them, so a new kind is one module here (fields, labels, its KindSpec), its rows in services/policy.py, the
service that writes it and the form that shows it, plus translations (docs/record-kinds.md).
tests/unit/test_kinds.py fails when a declaration is incomplete.
"""

from __future__ import annotations

import importlib
import pkgutil

from wingdesk.domain.errors import ValidationError
from wingdesk.domain.kinds.spec import KindSpec


def _declared() -> dict[str, KindSpec]:
    found: dict[str, KindSpec] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name == "spec":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for value in vars(module).values():
            if isinstance(value, KindSpec):
                if value.name in found and found[value.name] is not value:
                    raise RuntimeError(f"record kind {value.name!r} is declared twice")
                found[value.name] = value
    if not found:  # a build that left the declarations out must not start with no kinds at all
        raise RuntimeError("no record kinds found in wingdesk.domain.kinds")
    return found


KINDS: dict[str, KindSpec] = _declared()


def spec_of(kind: str) -> KindSpec:
    """The declaration of a stored kind; an unknown kind is a validation error, never a KeyError."""
    found = KINDS.get(str(kind))
    if found is None:
        raise ValidationError("bad_choice", field="kind")
    return found


__all__ = ["KINDS", "KindSpec", "spec_of"]
