"""Incidents and use of force through the pages: a cell search that finds a phone raises a draft the officer sends
for review and the supervisor closes; a use of force reported by one officer, signed by both officers named and
completed by the supervisor appears on the governor's daily summary (domain.md scenarios 5 and 6)."""

from __future__ import annotations

import shutil
import subprocess

from tests.gui.pages_fixtures import (  # noqa: F401
    demo_template,
    log_cell_search_with_a_phone,
    settle,
    shown_page,
    tasks,
    wing,
    wing_dir,
)
from wingdesk.gui.pages.daily_summary_page import DailySummaryPage
from wingdesk.gui.pages.incidents_page import IncidentsPage
from wingdesk.gui.pages.use_of_force_page import UseOfForcePage
from wingdesk.gui.pages.wing_log_page import WingLogPage
from wingdesk.gui.printing import write_pdf
from wingdesk.gui.summary_html import summary_html

FINDS = "Phone wrapped in a sock inside the mattress (marker PH-4410)."


def _page(qtbot, tasks, cls, session):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    return shown_page(qtbot, tasks, cls, session, size=(1040, 740))


def test_a_search_with_finds_becomes_an_incident_reviewed_and_closed(qtbot, wing, tasks):  # noqa: F811
    officer = wing.sign_in("officer")
    log = _page(qtbot, tasks, WingLogPage, officer)
    assert log.editor.isEnabled()  # the demo officer's early shift is running today
    log_cell_search_with_a_phone(qtbot, tasks, log, FINDS, seconds_ago=120)

    page = _page(qtbot, tasks, IncidentsPage, officer)
    draft = page.current
    assert draft.body["description"] == FINDS and draft.body["status"] == "DRAFT"
    assert draft.body["source_entry_id"] and page.review_button.isVisible()
    page.review_button.click()  # injuries and actions not written yet: refused, said under the field
    settle(qtbot, tasks)
    assert page.bar.text() == "Injuries must be filled in before the incident goes for review or is closed."
    assert page.form.errors["injuries"].isVisible()
    assert officer.incidents.get(draft.id).body["status"] == "DRAFT"
    page.form.set_values({"injuries": "None.", "actions_taken": "Phone seized, bagged and handed to security."})
    page.review_button.click()
    settle(qtbot, tasks)
    assert officer.incidents.get(draft.id).body["status"] == "AWAITING_REVIEW"
    assert not page.save_button.isVisible()  # out of the officer's hands

    supervisor = wing.sign_in("supervisor")
    review = _page(qtbot, tasks, IncidentsPage, supervisor)
    assert review.current.id == draft.id and review.close_button.isVisible()
    review.close_button.click()  # without the supervisor's review note
    settle(qtbot, tasks)
    assert review.form.errors["review_note"].isVisible()
    assert supervisor.incidents.get(draft.id).body["status"] == "AWAITING_REVIEW"
    review.form.set_value("review_note", "Phone sent for analysis; adjudication opened.")
    review.close_button.click()
    settle(qtbot, tasks)
    assert supervisor.incidents.get(draft.id).body["status"] == "CLOSED"
    assert not review.close_button.isVisible() and not review.save_button.isVisible()


def test_use_of_force_two_statements_completed_then_on_the_daily_summary(qtbot, wing, tasks, tmp_path):  # noqa: F811
    officer, officer2 = wing.sign_in("officer"), wing.sign_in("officer2")
    page = _page(qtbot, tasks, UseOfForcePage, officer)
    page.new_button.click()
    page.form.set_values({"primary_reason": "ASSAULT_ON_STAFF", "place": "B2 landing (marker UF-7781)",
                          "description": "Prisoner punched an officer at unlock; held and taken to his cell.",
                          "positive_communication": True, "duration_minutes": 4, "camera_ids": "BWC-201",
                          "prisoner_injuries": "None seen.", "staff_injuries": "Bruised cheek."})
    page.techniques.boxes["ESCORTING_HOLD"].setChecked(True)
    page.restraints.boxes["HANDCUFFS"].setChecked(True)
    page.staff.add(officer2.user.id, "ACTIVELY_INVOLVED")
    page.prisoners.person.setCurrentIndex(0)
    page.prisoners.add_button.click()
    page.report_button.click()
    settle(qtbot, tasks)
    assert page.bar.kind == "ok", page.bar.text()
    report = page.view.report
    assert report.body["place"].endswith("UF-7781)") and len(report.body["staff"]) == 2
    assert page.mine_box.isVisible()  # the reporting officer's own statement is still to come

    page.statement_form.set_values({"involvement": "ACTIVELY_INVOLVED",
                                    "account": "I took his right arm after he struck my colleague."})
    page.sign_button.click()
    settle(qtbot, tasks)
    assert not page.mine_box.isVisible() and page.view.missing == ["Jelena Marković"]

    other = _page(qtbot, tasks, UseOfForcePage, officer2)
    assert other.view.report.id == report.id and other.mine_box.isVisible()
    other.statement_form.set_values({"involvement": "ACTIVELY_INVOLVED", "account": "He hit me; I held his wrist."})
    other.techniques_used.boxes["ESCORTING_HOLD"].setChecked(True)
    other.sign_button.click()
    settle(qtbot, tasks)
    assert other.view.missing == []

    supervisor = wing.sign_in("supervisor")
    review = _page(qtbot, tasks, UseOfForcePage, supervisor)
    assert review.view.report.id == report.id and review.complete_button.isEnabled()
    review.note_form.set_value("supervisor_note", "Proportionate; staff injury reported to healthcare.")
    review.complete_button.click()
    settle(qtbot, tasks)
    assert supervisor.use_of_force.view(report.id).report.body["status"] == "COMPLETE"
    assert not review.complete_button.isVisible()

    governor = wing.sign_in("governor")
    summary = _page(qtbot, tasks, DailySummaryPage, governor)
    text = summary.view.toPlainText()
    assert "Assault on staff" in text and "2 of 2" in text and "Escorting hold, Handcuffs" in text
    loaded, names = summary.loaded
    assert report.id in [r.id for r in loaded.uses_of_force]
    printed = summary_html(loaded, names, governor.wing, (governor.user.display_name, "governor"))
    assert "Printed by Ljiljana Stojanović" in printed and "Assault on staff" in printed
    pdf = write_pdf(printed, tmp_path / "summary.pdf")
    if shutil.which("pdftotext"):
        words = set(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
        assert {"Assault", "Complete", "Stojanović"} <= words  # columns wrap, words stay whole
