"""Review cycle across sessions (domain.md scenario 7): submit, return with comment, annotate (original intact, both
shown on the review page and in the printed day), resubmit, countersign by the supervisor who did not answer, verify,
seal in a bundle, and then no entry and no correction are accepted."""

from __future__ import annotations

import pytest

from tests.gui.pages_fixtures import (  # noqa: F401
    PASSWORDS,
    answer_password,
    demo_template,
    settle,
    tasks,
    wing,
    wing_dir,
)
from tests.integration.sync_helpers import enrol
from wingdesk.crypto.kdf import floor_params
from wingdesk.demo.clock import DemoClock
from wingdesk.domain.daily_log import DayState
from wingdesk.domain.errors import StateError
from wingdesk.gui.labels import error_text
from wingdesk.gui.pages.review_page import ReviewPage
from wingdesk.gui.pages.wing_log_page import WingLogPage
from wingdesk.gui.print_html import day_html, load_day
from wingdesk.hq.ingest import HqContext
from wingdesk.hq.keystore import HqKeys
from wingdesk.hq.store import open_store
from wingdesk.storage.backend import LocalWing
from wingdesk.sync import keys
from wingdesk.sync.wing_sync import WingSync


def _open(qtbot, page, tasks, day):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    page.open_day(day)
    settle(qtbot, tasks)
    assert page.view.day.day == day


def test_return_annotate_resubmit_countersign(qtbot, wing, tasks, tmp_path):  # noqa: F811 - pytest fixtures imported from pages_fixtures
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

    # both the original and the answer stay visible: on the review page and in the printed day
    review.table.selectRow(review.model.row_of(target.id))
    shown_on_review = review.detail.toPlainText()
    assert "Please add the time" in shown_on_review and "Count completed at 07:42." in shown_on_review
    printed = day_html(supervisor, load_day(supervisor, day))
    assert "Please add the time" in printed and "Count completed at 07:42." in printed
    assert all(str(value) in printed for value in original.values() if isinstance(value, int))
    assert supervisor.logs.day(day).entries and next(
        e for e in supervisor.logs.day(day).entries if e.id == target.id).body == original

    # the countersignature leaves in a sealed bundle: the day is SEALED, and takes no entry and no correction
    hq = HqContext(open_store(tmp_path / "hq"), HqKeys("prod", "HQ test", "2025-01-01T00:00:00Z",
                                                         keys.generate_key_pairs()))
    sealer = LocalWing(wing.folder, kdf=floor_params(), clock=DemoClock(), sync_factory=WingSync).sign_in(
        "supervisor", PASSWORDS["supervisor"])  # a session wired for sync, as app.py wires it
    try:
        enrol(sealer, hq)
        (tmp_path / "stick").mkdir()
        sealer.sync.export(tmp_path / "stick")
    finally:
        sealer.lock()
        hq.store.close()
    assert supervisor.logs.day(day).day.state is DayState.SEALED
    for attempt in (lambda: officer.logs.add_entry("GENERAL", {"text": "A late line"}, day=day),
                    lambda: officer.logs.correct_entry(target.id, "Count completed at 07:40.")):
        with pytest.raises(StateError) as refused:
            attempt()
        assert error_text(refused.value) == ("This day's log is countersigned and sealed: nothing can be added to "
                                             "it or corrected.")
    assert len(officer.logs.day(day).entries) == len(review.view.entries)

    log.refresh()
    settle(qtbot, tasks)
    assert log.view.day.state is DayState.SEALED
    assert not log.editor.isEnabled() and not log.submit_button.isEnabled()
    assert "read-only" in log.bar.text()
    log.table.selectRow(log.model.row_of(target.id))
    assert not log.correct_button.isEnabled()


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
