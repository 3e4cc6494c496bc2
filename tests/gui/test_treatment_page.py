"""Treatment page: staff create a plan and a sealed note; an officer gets no page and no notes in print."""

from __future__ import annotations

import shutil
import subprocess

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem

from tests.gui.pages_fixtures import demo_template, planless_treatment_page, settle, tasks, wing, wing_dir  # noqa: F401
from wingdesk.gui.pages.treatment_page import TreatmentPage
from wingdesk.gui.printing import prisoner_document_html, render_prisoner_pdf

NOTE = "Discussed the letter from his brother; agreed to write back (marker QX-7731)."
GOALS = "I want to finish primary school and call my daughter every week (marker GOAL-5521)."


def _page_on_a_prisoner_without_plan(qtbot, wing, tasks):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    """The psychologist's treatment page, opened on a prisoner who has no plan yet: (session, page, prisoner id)."""
    psy = wing.sign_in("psychologist")
    page, pid = planless_treatment_page(qtbot, psy, tasks)
    return psy, page, pid


def test_treatment_plan_note_and_officer_sees_nothing(qtbot, wing, tasks, tmp_path):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    psy, page, pid = _page_on_a_prisoner_without_plan(qtbot, wing, tasks)
    assert page.plan is None
    page.editor.form.set_values({"reason_for_plan": "Admission review", "prisoner_goals_own_words": GOALS,
                                 "first_review_date": "2030-01-15"})
    page.editor.needs.add_item({"area": "EDUCATION_TRAINING_EMPLOYMENT", "goal_text": "Finish primary school"})
    page.editor.steps.add_item({"step_type": "EDUCATION", "description": "Literacy class", "status": "PLANNED",
                                "responsible_person": "Education unit"})
    page.save_button.click()
    settle(qtbot, tasks)
    plan = psy.treatment.current_plan(pid)
    assert plan is not None and plan.body["prisoner_goals_own_words"] == GOALS
    assert not page.agree_button.isEnabled()  # its author may not agree it (separation of duties)
    governor = TreatmentPage(wing.sign_in("governor"), tasks)
    qtbot.addWidget(governor)
    governor.refresh()
    settle(qtbot, tasks)
    governor.picker.set_current(pid)
    settle(qtbot, tasks)
    assert governor.agree_button.isEnabled()
    governor.agree_button.click()
    settle(qtbot, tasks)
    assert psy.treatment.current_plan(pid).body["status"] == "ACTIVE"
    page.refresh()
    settle(qtbot, tasks)
    assert page.history_combo.count() == 2

    page.tabs.setCurrentIndex(1)
    page.notes.text.setPlainText(NOTE)
    page.notes.save_button.click()
    settle(qtbot, tasks)
    texts = [page.notes.table.item(r, 3).text() for r in range(page.notes.table.rowCount())]
    assert NOTE in texts

    officer = wing.sign_in("officer")
    denied = TreatmentPage(officer, tasks)
    qtbot.addWidget(denied)
    denied.refresh()
    assert not denied.allowed and not hasattr(denied, "tabs")

    html = prisoner_document_html(officer, pid)
    assert "QX-7731" not in html and "GOAL-5521" not in html
    assert "Literacy class" in html  # the wing action is printed
    pdf = render_prisoner_pdf(officer, pid, tmp_path / "summary.pdf")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "Literacy class" in text and "QX-7731" not in text and "GOAL-5521" not in text


def test_a_step_ending_before_it_starts_is_refused_in_plain_words(qtbot, wing, tasks):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    psy, page, pid = _page_on_a_prisoner_without_plan(qtbot, wing, tasks)
    page.editor.form.set_values({"reason_for_plan": "Admission review", "prisoner_goals_own_words": GOALS})
    page.editor.steps.add_item({"step_type": "EDUCATION", "description": "Literacy class", "status": "PLANNED",
                                "responsible_person": "Education unit", "start_date": "2030-03-01",
                                "end_date": "2030-02-01"})
    page.save_button.click()
    settle(qtbot, tasks)
    assert psy.treatment.current_plan(pid) is None
    assert page.bar.kind == "error" and page.bar.text() == "End date cannot be before Start date."


def _copy_refused(qtbot, widget) -> bool:
    """Ctrl+C and Ctrl+X on `widget` leave the clipboard as it was."""
    clipboard = QApplication.clipboard()
    clipboard.setText("before")
    for key in (Qt.Key.Key_C, Qt.Key.Key_X):
        qtbot.keyClick(widget, key, Qt.KeyboardModifier.ControlModifier)
    return clipboard.text() == "before"


def test_notes_and_the_plan_cannot_be_copied_out(qtbot, wing, tasks):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    """security.md §2.4: notes are not copyable; the plan (the prisoner's own goals, needs, steps) neither."""
    psy, page, pid = _page_on_a_prisoner_without_plan(qtbot, wing, tasks)
    page.editor.form.set_values({"reason_for_plan": "Admission review", "prisoner_goals_own_words": GOALS})
    page.editor.steps.add_item({"step_type": "EDUCATION", "description": "Literacy class", "status": "PLANNED",
                                "responsible_person": "Education unit"})
    page.save_button.click()
    settle(qtbot, tasks)
    page.tabs.setCurrentIndex(1)
    page.notes.text.setPlainText(NOTE)
    page.notes.save_button.click()
    settle(qtbot, tasks)

    table = page.notes.table
    table.setCurrentCell(0, 3)
    assert NOTE in table.currentItem().text()
    assert _copy_refused(qtbot, table)
    assert not table.mimeData([table.currentItem()]).hasText()  # nor dragged out
    page.notes.text.setPlainText(NOTE)
    page.notes.text.selectAll()
    assert _copy_refused(qtbot, page.notes.text)

    goals = page.editor.form.editors["prisoner_goals_own_words"]
    goals.selectAll()
    assert _copy_refused(qtbot, goals)
    reason = page.editor.form.editors["reason_for_plan"]
    reason.selectAll()
    assert _copy_refused(qtbot, reason)
    steps = page.editor.steps.table
    steps.setCurrentCell(0, 1)
    assert _copy_refused(qtbot, steps)

    plain = QTableWidget(1, 1)  # the test can fail: an ordinary table copies its current cell
    qtbot.addWidget(plain)
    plain.setItem(0, 0, QTableWidgetItem("copied"))
    plain.setCurrentCell(0, 0)
    assert not _copy_refused(qtbot, plain)
