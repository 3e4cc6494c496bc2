"""The retention schedule in force: HQ's, when HQ has sent one in its signed reference data (a `retention_schedule`
item of an HQ→wing bundle: `wingdesk-hq reference --kind retention_schedule FILE`), else WingDesk's shipped defaults
(resources/retention/schedule.json). Each period names its legal source (docs/retention.md)."""

from __future__ import annotations

import functools
import json
from typing import Any

from wingdesk.config.package_data import read_text
from wingdesk.domain.canonical import canonical_bytes
from wingdesk.domain.errors import ValidationError
from wingdesk.domain.retention import Schedule, parse_schedule
from wingdesk.services.audit_trail import AuditTrail
from wingdesk.services.repository_ports import UserStore

SHIPPED = ("resources", "retention", "schedule.json")
SETTING = "retention_schedule"  # HQ's schedule as it arrived (canonical JSON), in the wing's settings


@functools.cache
def shipped_schedule() -> Schedule:
    """The packaged schedule, checked (a damaged file is an installation fault: ValidationError)."""
    return parse_schedule(json.loads(read_text(*SHIPPED)))


def schedule_in_force(repo: UserStore) -> Schedule:
    """HQ's schedule once one arrived, else the shipped one (a stored one that no longer parses: the shipped one)."""
    text = repo.get_setting(SETTING)
    if text:
        try:
            return parse_schedule(json.loads(text))
        except (ValueError, ValidationError):
            pass
    return shipped_schedule()


def install_schedule(repo: UserStore, audit: AuditTrail, user_id: str, data: dict[str, Any]) -> bool:
    """Put HQ's schedule in force when it is well formed (every rule with its legal source); audited either way."""
    try:
        schedule = parse_schedule(data)
    except ValidationError:
        audit.append(user_id, "retention_schedule_refused", "hq_bundle")
        return False
    text = canonical_bytes(data).decode("utf-8")
    with repo.transaction():
        repo.set_setting(SETTING, text)
        audit.append(user_id, "retention_schedule_installed", f"schedule:{schedule.version}")
    return True
