"""The assessment deadlines on the Administration page (issue 15 item 3): the administrator sees the service's
values, saves new ones, and the inbox deadlines follow; others get no such row."""

from __future__ import annotations

from tests.gui.pages_fixtures import demo_template, settle, shown_page, tasks, wing, wing_dir  # noqa: F401
from wingdesk.gui.pages.admin_page import AdminPage


def test_the_administrator_sets_the_assessment_deadlines(qtbot, wing, tasks):  # noqa: F811
    admin = wing.sign_in("admin")
    page = shown_page(qtbot, tasks, AdminPage, admin)
    row = page.deadlines
    current = admin.assessments.deadline_settings()
    assert (row.hours.value(), row.days.value()) == (current.screening_hours, current.needs_days)
    row.hours.setValue(48)
    row.days.setValue(10)
    row.save()
    settle(qtbot, tasks)
    saved = admin.assessments.deadline_settings()
    assert (saved.screening_hours, saved.needs_days) == (48, 10)
    assert "48 hours" in page.bar.text() and "10 days" in page.bar.text()


def test_a_supervisor_gets_no_deadline_settings(qtbot, wing, tasks):  # noqa: F811
    page = AdminPage(wing.sign_in("supervisor"), tasks)
    qtbot.addWidget(page)
    assert page.deadlines is None


def test_the_saved_message_counts_hours_and_days_in_each_language():
    """'2 сата' but '5 сати': a fixed word after the number read wrong for 2 to 4 in Serbian."""
    from wingdesk.gui.widgets.deadline_settings_row import _saved_text
    from wingdesk.i18n import set_language

    try:
        set_language("sr")
        assert "2 сата" in _saved_text(2, 14) and "5 сати" in _saved_text(5, 14)
        set_language("en")
        assert "within 1 day of" in _saved_text(24, 1) and "within 24 hours and" in _saved_text(24, 1)
    finally:
        set_language("en")
