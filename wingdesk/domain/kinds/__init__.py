"""The registry of record kinds: every kind declared once, looked up by its stored code.

A new kind is one declaration (a module here, listed below), its rows in services/policy.py, the service or
form that writes it, and its translations; tests/unit/test_kinds.py fails when a declaration is incomplete.
"""

from __future__ import annotations

from wingdesk.domain.errors import ValidationError
from wingdesk.domain.kinds.alert import ALERT
from wingdesk.domain.kinds.observation import OBSERVATION
from wingdesk.domain.kinds.spec import KindSpec
from wingdesk.domain.kinds.treatment import CONTACT, PLAN, PROGRESS_NOTE
from wingdesk.domain.kinds.wing_log import LOG_ENTRY

KINDS: dict[str, KindSpec] = {spec.name: spec for spec in (
    OBSERVATION, LOG_ENTRY, PLAN, PROGRESS_NOTE, CONTACT, ALERT,
)}


def spec_of(kind: str) -> KindSpec:
    """The declaration of a stored kind; an unknown kind is a validation error, never a KeyError."""
    found = KINDS.get(str(kind))
    if found is None:
        raise ValidationError("bad_choice", field="kind")
    return found


__all__ = ["KINDS", "KindSpec", "spec_of"]
