"""Review cycle across sessions: submit, return with comment, annotate, resubmit, countersign, verify, read-only."""

from __future__ import annotations

from tests.gui.pages_fixtures import (  # noqa: F401
    PASSWORDS,
    answer_password,
    demo_template,
    settle,
    tasks,
    wing,
    wing_dir,
)
from wingdesk.domain.daily_log import DayState
from wingdesk.gui.pages.review_page import ReviewPage
from wingdesk.gui.pages.wing_log_page import WingLogPage


def _open(qtbot, page, tasks, day):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    page.open_day(day)
    settle(qtbot, tasks)
    assert page.view.day.day == day


def test_return_annotate_resubmit_countersign(qtbot, wing, tasks):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    officer, supervisor = wing.sign_in("officer"), wing.sign_in("supervisor")
    log = WingLogPage(officer, tasks)
    qtbot.addWidget(log)
    log.confirm = lambda *args: True
    log.refresh()
    settle(qtbot, tasks)
    day = log.day()
    log.submit_button.click()
    settle(qtbot, tasks)
    assert log.view.day.state is DayState.SUBMITTED

    review = ReviewPage(supervisor, tasks)
    qtbot.addWidget(review)
    review.refresh()
    settle(qtbot, tasks)
    queued = [review.queue.item(i).data(256) for i in range(review.queue.count())]
    assert day in queued
    _open(qtbot, review, tasks, day)
    assert review.sign_button.isEnabled()
    target = next(e for e in review.view.entries if e.author_id == officer.user.id
                  and e.body["entry_type"] == "ROLL_COUNT")
    original = dict(target.body)
    review.table.selectRow(review.model.row_of(target.id))
    review.comment.setPlainText("Please add the time the count was completed.")
    review.return_button.click()
    settle(qtbot, tasks)
    assert supervisor.logs.day(day).day.state is DayState.RETURNED
    # another entry may still go back in the same round; countersigning waits for the answers
    assert review.return_button.isEnabled() and not review.sign_button.isEnabled()

    log.refresh()
    settle(qtbot, tasks)
    returned = [r for _d, r in log.returned.items if r.id == target.id]
    assert returned and log.tabs.isTabVisible(1)
    log.returned.list.setCurrentRow(log.returned.items.index((day, returned[0])))
    assert "Please add the time" in log.returned.detail.toPlainText()
    log.returned.annotate_button.click()  # nothing written yet: said so, nothing sent
    assert log.returned.answer_error.isVisibleTo(log.returned) and "answer first" in log.returned.answer_error.text()
    log.returned.answer.setPlainText("Count completed at 07:42.")
    log.returned.annotate_button.click()
    settle(qtbot, tasks)
    shown = next(r for _d, r in log.returned.items if r.id == target.id)
    text = log.returned.detail.toPlainText() if log.returned.current()[1].id == target.id else ""
    assert shown.body == original  # the original entry is unchanged
    assert "Count completed at 07:42." in text and "Please add the time" in text
    log.returned.resubmit_button.click()
    settle(qtbot, tasks)
    assert officer.logs.day(day).day.state is DayState.ANNOTATED

    review.refresh()
    settle(qtbot, tasks)
    _open(qtbot, review, tasks, day)
    asked: list[bool] = []
    answer_password(PASSWORDS["supervisor"], asked)
    review.sign_button.click()
    settle(qtbot, tasks)
    assert asked, "the password was not re-asked before countersigning"
    assert review.view.day.state is DayState.COUNTERSIGNED
    qtbot.waitUntil(lambda: review.checks and all(c.valid for c in review.checks), timeout=5000)
    assert "valid" in review.sign_status.text()
    assert not review.sign_button.isEnabled() and not review.return_button.isEnabled()

    log.refresh()
    settle(qtbot, tasks)
    assert log.view.day.state is DayState.COUNTERSIGNED
    assert not log.editor.isEnabled() and not log.submit_button.isEnabled()
    assert "read-only" in log.bar.text()


def test_countersign_refused_for_own_entries(qtbot, wing, tasks):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    supervisor = wing.sign_in("supervisor")
    review = ReviewPage(supervisor, tasks)
    qtbot.addWidget(review)
    review.ask_password = lambda *args: True
    # a supervisor who wrote on a day, then tries to sign it, must get a clear error
    open_day = next(d.day for d in supervisor.logs.recent_days() if d.state is DayState.OPEN)
    supervisor.logs.add_entry("SUPERVISOR_VISIT", {"outcome": "Visited B2 landing."}, day=open_day)
    officer = wing.sign_in("officer2")
    officer.logs.submit_day(open_day)
    review.refresh()
    settle(qtbot, tasks)
    _open(qtbot, review, tasks, open_day)
    review.sign_button.click()
    settle(qtbot, tasks)
    assert review.bar.isVisibleTo(review) and "own entries" in review.bar.text()
    assert supervisor.logs.day(open_day).day.state is DayState.SUBMITTED
