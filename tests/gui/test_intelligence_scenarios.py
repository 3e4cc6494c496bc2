"""Domain scenarios 3, 5 and 10 through the pages (issue 16 "Tests and figures"; scenario 4 is in
test_intelligence_page.py).

3. Objective observation: "seems radicalised, prays a lot" brings the label and religion-only hints; the officer
   rewrites it with the quoted threat, time, place and witnesses and saves it as a concern with a proposed grade.
5. Search find: security asks the supervisors for an intelligence-led cell search; the officer's search entry finds
   a phone, which raises a FIND/MOBILE_PHONE draft sent for review; the supervisor answers the task with that entry;
   security sees on its page the result, the search and its finds, and the incident linked, awaiting review.
10. Counsellor boundary: the religious counsellor logs a pastoral session; their searches return no security
   report and no psychology note; a direct attempt at a report is refused and audited."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.pages_fixtures import (  # noqa: F401
    ask_security_task,
    demo_template,
    log_cell_search_with_a_phone,
    settle,
    shown_page,
    tasks,
    wing,
    wing_dir,
)
from wingdesk.domain.errors import AccessDenied
from wingdesk.gui import navigation
from wingdesk.gui.dialogs.observation_dialog import ObservationDialog
from wingdesk.gui.pages.incidents_page import IncidentsPage
from wingdesk.gui.pages.intelligence_page import IntelligencePage
from wingdesk.gui.pages.security_tasks_page import SecurityTasksPage
from wingdesk.gui.pages.wing_log_page import WingLogPage

REWRITTEN = ('Said "you will pay on Friday or you know what happens" to T. at the servery, 12:05; '
             'Officer Hoxha and a kitchen worker heard it.')
FINDS = "Phone taped under the bed frame (marker PH-7731)."


def _page(qtbot, tasks, cls, session, *args):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    return shown_page(qtbot, tasks, cls, session, *args, size=(1240, 760))


def test_scenario_3_hints_then_a_rewrite_saved_as_a_concern_with_a_proposed_grade(qtbot, wing, tasks):  # noqa: F811
    officer = wing.sign_in("officer")
    prisoner = officer.prisoners.page()[0]
    dialog = ObservationDialog(officer, tasks, prisoner.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.picker.prisoner_id == prisoner.id, timeout=5000)
    dialog.category.setCurrentIndex(dialog.category.findData("PRESSURE_ON_OTHERS"))
    dialog.polarity.setCurrentIndex(dialog.polarity.findData("CONCERN"))
    qtbot.keyClicks(dialog.facts, "He seems radicalised, prays a lot")
    qtbot.waitUntil(dialog.warning_label.isVisible, timeout=3000)
    hints = dialog.warning_label.text()
    assert "radicalised" in hints and "prays" in hints  # the label and the religion-only content
    dialog.facts.clear()
    qtbot.keyClicks(dialog.facts, REWRITTEN)
    qtbot.waitUntil(lambda: not dialog.warning_label.isVisible(), timeout=3000)  # the rewrite raises no hint
    dialog.proposed_source.setCurrentIndex(dialog.proposed_source.findData("SRC_1"))
    dialog.proposed_assessment.setCurrentIndex(dialog.proposed_assessment.findData("INT_A"))
    with qtbot.waitSignal(dialog.observation_saved, timeout=5000) as saved:
        qtbot.keyClick(dialog.facts, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    record = officer.observations.get(saved.args[0].id)
    assert record.body["what_seen_heard"] == REWRITTEN and record.body["polarity"] == "CONCERN"
    assert (record.body["proposed_source"], record.body["proposed_assessment"]) == ("SRC_1", "INT_A")
    assert record.prisoner_id == prisoner.id

    security = wing.sign_in("security")  # the officer's proposal is beside the observation when security grades
    page = _page(qtbot, tasks, IntelligencePage, security)
    page.start_new()
    items = [page.form.observations.item(n) for n in range(page.form.observations.count())]
    [mine] = [i for i in items if i.data(Qt.ItemDataRole.UserRole) == record.id]
    assert "proposed 1/A" in mine.text()


def test_scenario_5_an_intelligence_led_search_comes_back_to_security_with_its_find(qtbot, wing, tasks):  # noqa: F811
    security = wing.sign_in("security")
    intel = _page(qtbot, tasks, IntelligencePage, security)
    report, [asked] = ask_security_task(qtbot, tasks, intel, security, "CELL_SEARCH",
                                        "Search cell B2-07 before evening lock-up.")

    officer = wing.sign_in("officer")  # the search, by the wing's officer on the running shift
    log = _page(qtbot, tasks, WingLogPage, officer)
    log_cell_search_with_a_phone(qtbot, tasks, log, FINDS, seconds_ago=60)
    incidents = _page(qtbot, tasks, IncidentsPage, officer)
    draft = incidents.current  # raised by the finds: FIND/MOBILE_PHONE, DRAFT
    assert draft.body["incident_type"] == "MOBILE_PHONE" and draft.body["status"] == "DRAFT"
    incidents.form.set_values({"injuries": "None.", "actions_taken": "Phone seized and handed to security."})
    incidents.review_button.click()
    settle(qtbot, tasks)
    assert officer.incidents.get(draft.id).body["status"] == "AWAITING_REVIEW"

    supervisor = wing.sign_in("supervisor")
    answer = _page(qtbot, tasks, SecurityTasksPage, supervisor)
    answer.list.setCurrentRow(next(n for n, t in enumerate(answer.items) if t.id == asked.id))
    entry_id = draft.body["source_entry_id"]
    answer.search.setCurrentIndex(answer.search.findData(entry_id))
    assert answer.search.currentData() == entry_id  # today's search is offered
    answer.result.setPlainText("Searched at 16:40 as asked; phone found and seized.")
    answer.done_button.click()
    settle(qtbot, tasks)
    [done] = [t for t in security.security_tasks.tasks() if t.id == asked.id]
    assert (done.status, done.body["search_entry_id"], done.body["incident_id"]) == ("DONE", entry_id, draft.id)

    intel.refresh()
    settle(qtbot, tasks)
    intel.list.setCurrentRow(next(n for n, r in enumerate(intel.reports) if r.id == report.id))
    shown = intel.state.text()
    assert "Task Cell search: Done." in shown
    assert "phone found and seized" in shown and "PH-7731" in shown and "B2-07" in shown  # result, search, finds
    assert "Incident: Mobile phone, Awaiting review." in shown


def test_scenario_10_the_counsellor_sees_no_security_report_nor_psychology_note(qtbot, wing, tasks):  # noqa: F811
    from wingdesk.gui.dialogs.search_dialog import SearchDialog

    security, psychologist = wing.sign_in("security"), wing.sign_in("psychologist")
    prisoner = security.prisoners.page()[0]
    report = security.intelligence.create(prisoner.id, "PRESSURE_ON_OTHERS", "Ulysses collects debts at chapel.")
    security.intelligence.grade(report.id, "SRC_2", "INT_B", "HANDLE_P", "Two sources.",
                                sanitised_text="Debt collection near the chapel", share_with=["GOVERNOR"],
                                share_reason="Briefing.")
    psychologist.treatment.add_note(prisoner.id, "Ulysses speaks of his chapel visits and his debts.")

    counsellor = wing.sign_in("counsellor")
    keys = [s.key for s in navigation.pages_for(counsellor.user.role)]
    assert "intelligence" not in keys and "security_tasks" not in keys
    counsellor.treatment.add_note(prisoner.id, "Pastoral conversation; asked for a prayer mat and a visit.")
    dialog = SearchDialog(counsellor, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    for word in ("Ulysses", "chapel", "debts"):
        dialog.query.setText(word)
        dialog.search()
        settle(qtbot, tasks)
        QApplication.processEvents()
        assert dialog._asked == word
        assert not [r for r in dialog.records if r.kind in ("intelligence_report", "progress_note")]
    dialog.query.setText(prisoner.family_name)
    dialog.search()
    settle(qtbot, tasks)
    found = {r.kind for r in dialog.records}
    assert found and "intelligence_report" not in found and "progress_note" not in found  # what they may read
    assert report.id in {r.id for r in security.search.search(prisoner.family_name)}  # the same words find it
    with pytest.raises(AccessDenied):
        counsellor.intelligence.get(report.id)
    denied = [e.object for e in counsellor.ctx.repo.audit_page(0, 200) if e.action == "access_denied"
              and e.actor == counsellor.user.id]
    assert any("intelligence_report" in obj for obj in denied)


def test_a_linked_prisoners_page_shows_security_the_reports_that_link_them(qtbot, wing, tasks):  # noqa: F811
    from wingdesk.gui.pages.prisoner_page import PrisonerPage

    security = wing.sign_in("security")
    first, second, third = security.prisoners.page()[4:7]
    about_first = security.intelligence.create(first.id, "PRESSURE_ON_OTHERS", "Debts collected for a third man.",
                                               linked_prisoners=[second.id])
    security.intelligence.grade(about_first.id, "SRC_2", "INT_B", "HANDLE_P", "Two sources agree.")
    about_third = security.intelligence.create(third.id, "CONFLICT_INTIMIDATION", "Threats on the landing.",
                                               linked_prisoners=[second.id])  # ungraded: listed, links nobody
    page = _page(qtbot, tasks, PrisonerPage, security, second.id)  # the linked man, subject of none of them
    panel = page.associations
    assert panel is not None
    listed = [panel.reports.item(n).data(Qt.ItemDataRole.UserRole) for n in range(panel.reports.count())]
    assert set(listed) >= {about_first.id, about_third.id}
    assert any("2/B/P" in panel.reports.item(n).text() for n in range(panel.reports.count()))
    assert panel.reports.accessibleName()
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Right)  # the chosen person: only the reports they share with him
    chosen = panel.view.graph.people[panel.view.current]
    shared = set(panel.view.graph.reports_between(second.id, chosen))
    assert {panel.reports.item(n).data(Qt.ItemDataRole.UserRole) for n in range(panel.reports.count())} == shared
    with pytest.raises(AccessDenied):
        wing.sign_in("supervisor").intelligence.linked_reports(second.id)


def test_securitys_prisoner_page_fits_a_1280x800_window(qtbot, wing, tasks):  # noqa: F811
    """The association view and its list made security's prisoner page taller than the window (1048 px in the
    screenshots); the left column now scrolls instead, and the association panel is reached by scrolling."""
    from wingdesk.gui.pages.prisoner_page import PrisonerPage

    security = wing.sign_in("security")
    subject = next(r.prisoner_id for r in security.intelligence.reports() if r.body.get("sanitised_text"))
    page = shown_page(qtbot, tasks, PrisonerPage, security, subject, size=(1040, 640))
    assert page.associations is not None
    assert page.minimumSizeHint().height() <= 480  # menu, banner and status bar take the rest of 800
    page.left_scroll.ensureWidgetVisible(page.associations.reports)
    assert page.associations.reports.visibleRegion().boundingRect().height() > 20
    supervisor = shown_page(qtbot, tasks, PrisonerPage, wing.sign_in("supervisor"), subject,
                            size=(1040, 640))  # a short column is not stretched
    assert supervisor.work.height() <= supervisor.work.sizeHint().height() + 8


def test_security_sees_each_sharing_with_who_to_whom_and_why(qtbot, wing, tasks):  # noqa: F811
    security = wing.sign_in("security")
    prisoner = security.prisoners.page()[2]
    report = security.intelligence.create(prisoner.id, "CONTRABAND_SECURITY", "Parcel at the gym, says a source.")
    security.intelligence.grade(report.id, "SRC_2", "INT_B", "HANDLE_P", "Two sources.",
                                sanitised_text="Contraband may pass through the gym", share_with=["GOVERNOR"],
                                share_reason="Weekly security briefing.")
    page = _page(qtbot, tasks, IntelligencePage, security)
    page.list.setCurrentRow(next(n for n, r in enumerate(page.reports) if r.id == report.id))
    shown = page.state.text()
    assert "Shared with Governor by Marko Vuković" in shown and "Weekly security briefing." in shown
