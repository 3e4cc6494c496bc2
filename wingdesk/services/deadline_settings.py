"""The service's admission deadlines (issue 15 item 3: screening within 24 h, needs within 14 days, configurable
per service), kept in the local settings table; an unset or unreadable value is the default."""

from __future__ import annotations

from wingdesk.domain.assessment_deadlines import NEEDS_DAYS, SCREENING_HOURS, DeadlineSettings
from wingdesk.domain.errors import ValidationError
from wingdesk.services.repository_ports import UserStore

SCREENING_SETTING, NEEDS_SETTING = "screening_deadline_hours", "needs_deadline_days"


def read_deadline_settings(repo: UserStore) -> DeadlineSettings:
    def number(key: str, default: int) -> int:
        value = repo.get_setting(key)
        return int(value) if value and value.isdigit() else default

    try:
        return DeadlineSettings(number(SCREENING_SETTING, SCREENING_HOURS), number(NEEDS_SETTING, NEEDS_DAYS))
    except ValidationError:  # a stored value out of range: the defaults
        return DeadlineSettings()


def write_deadline_settings(repo: UserStore, settings: DeadlineSettings) -> None:
    repo.set_setting(SCREENING_SETTING, str(settings.screening_hours))
    repo.set_setting(NEEDS_SETTING, str(settings.needs_days))
