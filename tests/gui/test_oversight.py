"""Oversight screens (issue 14 item 7): the governor's and supervisor's Administration page, the audit viewer in
words with its filters, and the read-only wing log of the governor and security."""

from __future__ import annotations

import re
from datetime import date, timedelta

from PySide6.QtCore import QDate

from tests.gui.pages_fixtures import demo_template, settle, shown_page, tasks, wing, wing_dir  # noqa: F401
from wingdesk.domain.throttle import LOCK_AFTER
from wingdesk.gui.pages.admin_page import AdminPage
from wingdesk.gui.pages.wing_log_page import WingLogPage
from wingdesk.storage.vault import WingVault

HEX_ID = re.compile(r"\b[0-9a-f]{8}\b")


def _page(qtbot, tasks, session):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    return shown_page(qtbot, tasks, AdminPage, session)


def _column(model, column):
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def test_the_governor_reads_staff_and_audit_without_a_false_error(qtbot, wing, tasks):  # noqa: F811
    governor = wing.sign_in("governor")
    page = _page(qtbot, tasks, governor)
    assert page.bar.kind != "error"
    assert page.tabs.isTabVisible(0) and page.tabs.isTabVisible(1)
    assert page.users.rowCount() == 9
    assert not any(b.isVisible() for b in (page.add_button, page.reset_button, page.unlock_button,
                                           page.remove_button))
    people = _column(page.audit, page.audit.ACTOR)
    assert people and not any(HEX_ID.search(p) for p in people)  # names, not the same 8-character id
    assert {"Arben Krasniqi", "Dragan Petrovski"} <= set(people) | {p for p in page.viewer._people.values()}
    actions = set(_column(page.audit, page.audit.ACTION))
    assert "Signed in" in actions and not any("_" in a for a in actions)
    objects = _column(page.audit, page.audit.OBJECT)
    assert any(re.fullmatch(r"Observation about \S+, \d{1,2} \w{3}", o) for o in objects), objects[:20]


def test_the_audit_viewer_filters_by_person_action_and_dates(qtbot, wing, tasks):  # noqa: F811
    governor = wing.sign_in("governor")
    page = _page(qtbot, tasks, governor)
    viewer, everything = page.viewer, page.audit.total()
    officer = next(u for u in governor.users.list_users() if u.username == "officer")
    viewer.person.setCurrentIndex(viewer.person.findData(officer.id))
    settle(qtbot, tasks)
    mine = page.audit.total()
    assert 0 < mine < everything
    assert set(_column(page.audit, page.audit.ACTOR)) == {officer.display_name}
    viewer.action.setCurrentIndex(viewer.action.findData("login"))
    settle(qtbot, tasks)
    assert 0 < page.audit.total() < mine
    assert set(_column(page.audit, page.audit.ACTION)) == {"Signed in"}
    viewer.clear_filter()
    settle(qtbot, tasks)
    assert page.audit.total() == everything
    tomorrow = date.today() + timedelta(days=1)
    viewer.to_edit.setMaximumDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
    viewer.from_edit.setMaximumDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
    viewer.from_edit.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
    viewer.to_edit.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
    settle(qtbot, tasks)
    assert page.audit.total() == 0 and page.audit.rowCount() == 0


def test_the_administrator_reads_the_technical_log_without_prisoner_names(qtbot, wing, tasks):  # noqa: F811
    admin = wing.sign_in("admin")
    page = _page(qtbot, tasks, admin)
    objects = _column(page.audit, page.audit.OBJECT)
    families = {p.family_name for p in wing.sign_in("governor").prisoners.page()}
    assert not any(" about " in o for o in objects)
    assert not any(name in o for o in objects for name in families)


def test_the_supervisor_unlocks_a_locked_account_and_sees_nothing_else(qtbot, wing, tasks):  # noqa: F811
    supervisor = wing.sign_in("supervisor")
    vault = WingVault(wing.folder)
    for _ in range(LOCK_AFTER):
        vault.record_failure("officer2", "login_failed", "2026-01-01T00:00:00Z")
    page = _page(qtbot, tasks, supervisor)
    assert page.bar.kind != "error"
    assert page.tabs.isTabVisible(0) and not page.tabs.isTabVisible(1)
    assert page.tabs.tabText(0) == "Locked accounts" and page.users_caption.isVisible()
    assert page.unlock_button.isVisible()
    assert not any(b.isVisible() for b in (page.add_button, page.reset_button, page.remove_button))
    assert [page.users.user(r).username for r in range(page.users.rowCount())] == ["officer2"]
    page.users_view.selectRow(0)
    assert page.unlock_button.isEnabled()
    page.unlock_button.click()
    settle(qtbot, tasks)
    assert page.bar.kind == "ok"
    assert vault.failures("officer2")[0] == 0 and page.users.rowCount() == 0


def test_governor_and_security_read_the_wing_log_without_buttons_they_cannot_use(qtbot, wing, tasks):  # noqa: F811
    for username in ("governor", "security"):
        session = wing.sign_in(username)
        page = WingLogPage(session, tasks)
        qtbot.addWidget(page)
        page.show()
        day = date.today() - timedelta(days=2)
        page.day_edit.setDate(QDate(day.year, day.month, day.day))
        page.refresh()
        settle(qtbot, tasks)
        assert page.model.rowCount() > 0
        assert not page.submit_button.isVisible() and not page.correct_button.isVisible()
        assert not page.shift_panel.isVisible() and not page.editor.isVisible()
        assert not page.shift_panel.start_button.isVisible()
        assert not page.tabs.isTabVisible(1)  # no returned work for them
        assert page.bar.text() == "You can read this wing log; officers and supervisors write it."
        assert page.print_button.isVisible()


def test_a_supervisor_who_answered_a_return_is_refused_at_countersigning(qtbot, wing, tasks):  # noqa: F811
    """The demo returns one entry of an earlier day; the supervisor answers it on the wing log page themselves."""
    from wingdesk.domain.daily_log import DayState
    from wingdesk.gui.pages.review_page import ReviewPage

    supervisor = wing.sign_in("supervisor")
    log = WingLogPage(supervisor, tasks)
    qtbot.addWidget(log)
    log.refresh()
    settle(qtbot, tasks)
    assert log.returned.items, "the demo has a returned entry"
    day, entry = log.returned.items[0]
    log.returned.list.setCurrentRow(0)
    log.returned.answer.setPlainText("Count completed at 07:42.")
    log.returned.annotate_button.click()
    settle(qtbot, tasks)
    log.returned.resubmit_button.click()
    settle(qtbot, tasks)
    assert supervisor.logs.day(day).day.state is DayState.ANNOTATED

    review = ReviewPage(supervisor, tasks)
    qtbot.addWidget(review)
    review.ask_password = lambda *args: True
    review.refresh()
    settle(qtbot, tasks)
    review.open_day(day)
    settle(qtbot, tasks)
    review.sign_button.click()
    settle(qtbot, tasks)
    assert review.bar.text() == ("You answered a returned entry of this day yourself, so another supervisor must "
                                 "countersign it.")
    assert supervisor.logs.day(day).day.state is DayState.ANNOTATED


def test_the_screenshot_run_grabs_the_oversight_screens_and_writes_no_denial(qtbot, wing, tasks, tmp_path):  # noqa: F811
    from wingdesk.gui.screenshots import _role_screens

    governor = wing.sign_in("governor")
    denials = sum(1 for e in governor.ctx.repo.iter_audit() if e.action == "access_denied")
    _role_screens(governor, tasks, tmp_path, ["en"], "governor")
    for name in ("wing_log_read_only", "admin_page", "audit_viewer", "sync_enrolment"):
        assert (tmp_path / "en" / f"governor-{name}.png").stat().st_size > 0, name
    assert sum(1 for e in governor.ctx.repo.iter_audit() if e.action == "access_denied") == denials
    assert not any(e.action == "sync_enrol" for e in governor.ctx.repo.iter_audit())  # the key file was only read
