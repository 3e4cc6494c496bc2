"""domain.md scenario 8, tamper attempt, end to end: a correction to a countersigned entry is refused (services and
the Correct dialog); only an administrator deletes, with a reason; the tombstone keeps the countersigned day valid
("with 1 entry deleted by an administrator") and the governor reads the deletion and its reason in the audit."""

from __future__ import annotations

import pytest

from tests.gui.pages_fixtures import demo_template, settle, shown_page, tasks, wing, wing_dir  # noqa: F401
from wingdesk.domain.daily_log import DayState
from wingdesk.domain.errors import AccessDenied, StateError
from wingdesk.gui.labels import error_text
from wingdesk.gui.pages.admin_page import AdminPage
from wingdesk.gui.pages.review_page import ReviewPage
from wingdesk.gui.pages.wing_log_page import WingLogPage
from wingdesk.gui.print_html import day_html, load_day

SEALED = "This day's log is countersigned and sealed: nothing can be added to it or corrected."
REASON = "Court order 12/2026: written about the wrong person"


def _column(model, column):
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def _delete_on_the_admin_page(qtbot, tasks, admin, target):  # noqa: F811 - pytest fixtures imported
    """The administrator finds the entry's create in the audit log, gives the reason and the passphrase."""
    page = AdminPage(admin, tasks)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    settle(qtbot, tasks)
    deletion, viewer = page.deletion, page.viewer
    assert deletion is not None and not deletion.button.isEnabled()
    deletion.ask_password = lambda *args: True
    viewer.action.setCurrentIndex(viewer.action.findData("create"))
    settle(qtbot, tasks)
    def rows_of_target():
        return [r for r in range(viewer.model.rowCount())
                if viewer.model.entry(r).object.startswith(f"log_entry:{target.id}")]

    while viewer.model.canFetchMore() and not rows_of_target():
        viewer.model.fetchMore()
        settle(qtbot, tasks)
    row = rows_of_target()[0]
    viewer.view.selectRow(row)
    assert deletion.button.isEnabled()
    asked: list[str] = []

    def blank_then_reason(dialog):
        dialog.delete_button.click()  # no reason: refused in the dialog, it stays open
        asked.append(dialog.error.text())
        dialog.reason.setPlainText(REASON)
        dialog.delete_button.click()
        return dialog.result() == 1

    deletion.exec_dialog = blank_then_reason
    deletion.button.click()
    settle(qtbot, tasks)
    assert asked == ["Write the reason first."]
    assert page.bar.text() == "The record was deleted. The deletion, with its reason, is in the audit log."
    assert admin.ctx.repo.get_record(target.id) is None
    return page


def test_tamper_attempt(qtbot, wing, tasks):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    officer, supervisor = wing.sign_in("officer"), wing.sign_in("supervisor")
    log = WingLogPage(officer, tasks)
    qtbot.addWidget(log)
    log.refresh()
    settle(qtbot, tasks)
    day = log.day()
    target = next(e for e in log.view.entries if e.author_id == officer.user.id and e.prisoner_id)
    log.table.selectRow(log.model.row_of(target.id))
    assert log.correct_button.isEnabled()
    log.correct_button.click()  # the officer starts a correction while the day is still open...
    dialog = log._correction_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)

    officer.logs.submit_day(day)  # ...and the day is submitted and countersigned before it is saved
    supervisor.logs.countersign(day)
    assert supervisor.logs.day(day).day.state is DayState.COUNTERSIGNED
    notes_before = len(officer.logs.day(day).entries)
    dialog.text.setPlainText("The prisoner was in another cell.")
    dialog.save_button.click()
    settle(qtbot, tasks)
    assert dialog.isVisible() and dialog.error.text() == SEALED  # one sentence, nothing added
    dialog.done(0)
    with pytest.raises(StateError) as refused:
        officer.logs.correct_entry(target.id, "The prisoner was in another cell.")
    assert error_text(refused.value) == SEALED
    with pytest.raises(StateError) as refused:
        officer.logs.add_entry("GENERAL", {"text": "A late line"}, day=day)
    assert error_text(refused.value) == SEALED
    stored = officer.ctx.repo.amendments_for([target.id]).get(target.id, [])
    assert not stored and len(officer.logs.day(day).entries) == notes_before
    log.refresh()
    settle(qtbot, tasks)
    log.table.selectRow(log.model.row_of(target.id))
    assert not log.correct_button.isEnabled()

    governor = wing.sign_in("governor")
    with pytest.raises(AccessDenied):  # only the administrator may delete; the refusal is audited
        governor.deletion.delete_record(target.id, REASON)
    admin = wing.sign_in("admin")
    admin_page = _delete_on_the_admin_page(qtbot, tasks, admin, target)
    admin_page.hide()
    assert not any(e.id == target.id for e in officer.logs.day(day).entries)

    review = ReviewPage(supervisor, tasks)
    qtbot.addWidget(review)
    review.refresh()
    settle(qtbot, tasks)
    review.open_day(day)
    settle(qtbot, tasks)
    review.verify_button.click()
    settle(qtbot, tasks)
    qtbot.waitUntil(lambda: bool(review.checks), timeout=5000)
    assert all(c.valid for c in review.checks)
    assert "signature valid, with 1 entry deleted by an administrator" in review.sign_status.text()
    printed = day_html(supervisor, load_day(supervisor, day))
    assert "signature valid, with 1 entry deleted by an administrator" in printed

    page = shown_page(qtbot, tasks, AdminPage, governor)
    viewer = page.viewer
    viewer.action.setCurrentIndex(viewer.action.findData("hard_delete"))
    settle(qtbot, tasks)
    assert _column(page.audit, page.audit.ACTION) == ["Deleted a record (administrator)"]
    assert _column(page.audit, page.audit.ACTOR) == [admin.user.display_name]
    family = governor.prisoners.get(target.prisoner_id).family_name
    [said] = _column(page.audit, page.audit.OBJECT)
    assert said == f"Wing log entry about {family}, deleted. Reason: {REASON}", said
    viewer.action.setCurrentIndex(viewer.action.findData("access_denied"))
    settle(qtbot, tasks)
    assert "delete records" in _column(page.audit, page.audit.OBJECT)

    report = governor.audit.verify_everything(every_signature=True)
    assert report.intact and report.counts["tombstones"] == 1, report
    assert report.counts["deleted_countersigned_entries"] == 1
