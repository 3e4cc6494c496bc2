"""Staff roles and treatment disciplines."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    OFFICER = "officer"
    SUPERVISOR = "supervisor"
    TREATMENT = "treatment"
    SECURITY = "security"
    GOVERNOR = "governor"
    ADMIN = "admin"


class Discipline(StrEnum):
    """Treatment staff disciplines; notes are readable within the same discipline only."""

    PSY = "PSY"
    SW = "SW"
    EDU = "EDU"
    REL = "REL"


def parse_role(value: str) -> Role:
    from wingdesk.domain.errors import ValidationError

    try:
        return Role(value.strip().lower())
    except ValueError:
        raise ValidationError(field="role") from None
