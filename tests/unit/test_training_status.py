"""Refresher due dates and states: the last completion plus the module's interval, month ends clamped."""

from datetime import date

from tests.module_packages import package
from wingdesk.domain.modules.parse import parse_package
from wingdesk.domain.modules.status import DONE, DUE_SOON, NOT_STARTED, OVERDUE, add_months, status_of


def test_add_months_clamps_to_the_end_of_a_shorter_month():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2027, 12, 31), 2) == date(2028, 2, 29)
    assert add_months(date(2026, 11, 15), 14) == date(2028, 1, 15)


def test_states_follow_the_refresher_interval():
    module = parse_package(package(refresher_months=12))
    today = date(2026, 12, 7)
    assert status_of(module, "officer", [], today).state == NOT_STARTED
    assert status_of(module, "officer", [], today).needs_action
    assert status_of(module, "officer", [date(2026, 6, 1)], today).state == DONE
    soon = status_of(module, "officer", [date(2025, 12, 20), date(2024, 1, 1)], today)
    assert (soon.state, soon.due_on, soon.completed_on) == (DUE_SOON, date(2026, 12, 20), date(2025, 12, 20))
    late = status_of(module, "officer", [date(2025, 12, 1)], today)
    assert late.state == OVERDUE and late.needs_action
    assert not status_of(module, "governor", [date(2025, 12, 1)], today).needs_action  # optional for them
    once = parse_package(package(refresher_months=0))
    assert status_of(once, "officer", [date(2020, 1, 1)], today).state == DONE
