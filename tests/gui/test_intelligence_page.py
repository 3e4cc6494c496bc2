"""Scenario 4 through the pages (domain.md §5, issue 16): security grades 2/B/P, writes the sanitised text and links
two prisoners on the security page; the wing officer who reported cannot open the graded report (no page, a
refused read, nothing on the prisoner page); the supervisor sees the sanitised text only."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from tests.gui.pages_fixtures import (  # noqa: F401
    ask_security_task,
    demo_template,
    settle,
    shown_page,
    tasks,
    wing,
    wing_dir,
)
from wingdesk.domain.errors import AccessDenied
from wingdesk.gui import navigation
from wingdesk.gui.pages.intelligence_page import IntelligencePage
from wingdesk.gui.pages.prisoner_page import PrisonerPage

ORIGINAL = "Xanthe said the phone comes in the laundry bag on Friday"
SANITISED = "Contraband may arrive through the laundry on Fridays"


def _page(qtbot, tasks, cls, session, *args):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    return shown_page(qtbot, tasks, cls, session, *args, size=(1240, 760))


def _tick(widget, key):
    for row in range(widget.count()):
        item = widget.item(row)
        if item.data(Qt.ItemDataRole.UserRole) == key:
            item.setCheckState(Qt.CheckState.Checked)
            return
    raise AssertionError("no such choice")


def _shown_text(page) -> str:
    return "\n".join(label.text() for label in page.findChildren(QLabel))


def test_scenario_4_security_grades_and_shares_only_the_sanitised_text(qtbot, wing, tasks):  # noqa: F811
    officer = wing.sign_in("officer")
    assert "intelligence" not in [s.key for s in navigation.pages_for(officer.user.role)]
    first, second = officer.prisoners.page()[:2]
    observation = officer.observations.record(first.id, "CONTRABAND_SECURITY", "CONCERN",
                                              'Overheard "the bag comes Friday" at the laundry, 10:15.',
                                              proposed_source="SRC_2", proposed_assessment="INT_B")

    security = wing.sign_in("security")
    assert "intelligence" in [s.key for s in navigation.pages_for(security.user.role)]
    page = _page(qtbot, tasks, IntelligencePage, security)
    before = len(page.reports)
    page.new_button.click()
    page.prisoner.set_current(first.id)
    page.form.subject.setCurrentIndex(page.form.subject.findData("CONTRABAND_SECURITY"))
    page.form.report_text.setPlainText(ORIGINAL)
    _tick(page.form.observations, observation.id)
    _tick(page.form.linked, second.id)  # links two prisoners: the subject and one more
    page.save_button.click()
    settle(qtbot, tasks)
    report = page.current
    assert len(page.reports) == before + 1 and report.body["observation_ids"] == [observation.id]
    assert report.body["linked_prisoners"] == [second.id] and "source_evaluation" not in report.body
    assert not page.form.report_text.toPlainText() == "" and page.renew_button.isVisible()  # ungraded: reviewed

    form = page.form
    form.source.setCurrentIndex(form.source.findData("SRC_2"))
    form.assessment.setCurrentIndex(form.assessment.findData("INT_B"))
    form.handling.setCurrentIndex(form.handling.findData("HANDLE_P"))
    form.rationale.setPlainText("Heard directly by an officer; matches an earlier find.")
    form.sanitised.setPlainText("He is a dangerous extremist.")  # a label: the wording check speaks first
    form.share_supervisors.setChecked(True)
    form.share_reason.setText("Planning an intelligence-led search.")
    page.save_button.click()
    settle(qtbot, tasks)
    assert form.hints.isVisible() and "dangerous" in form.hints.text()
    assert page.save_button.text() == "Save anyway"
    assert "source_evaluation" not in security.intelligence.get(report.id).body  # nothing saved yet
    form.sanitised.setPlainText(SANITISED)
    page.save_button.click()
    settle(qtbot, tasks)
    graded = security.intelligence.get(report.id)
    assert (graded.body["source_evaluation"], graded.body["assessment"], graded.body["handling_code"]) == (
        "SRC_2", "INT_B", "HANDLE_P")
    assert graded.body["sanitised_text"] == SANITISED and graded.body["linked_prisoners"] == [second.id]
    assert [d["to"] for d in graded.body["dissemination"]] == ["SUPERVISOR"]
    assert "2/B/P" in page.list.currentItem().text()
    assert not page.renew_button.isVisible() and not form.share_supervisors.isEnabled()

    with pytest.raises(AccessDenied):  # the reporting officer cannot open the graded report
        officer.intelligence.get(report.id)
    mine = _page(qtbot, tasks, PrisonerPage, officer, first.id)
    assert ORIGINAL not in _shown_text(mine) and SANITISED not in _shown_text(mine)
    assert "intel_ack" in [i.source for i in officer.inbox.items()]  # thanked, told nothing more

    supervisor = wing.sign_in("supervisor")
    theirs = _page(qtbot, tasks, PrisonerPage, supervisor, first.id)
    shown = _shown_text(theirs)
    assert SANITISED in shown and ORIGINAL not in shown and "matches an earlier find" not in shown


def test_security_walks_the_association_view_with_the_keyboard(qtbot, wing, tasks):  # noqa: F811
    security = wing.sign_in("security")
    first, second, third = security.prisoners.page()[:3]
    report = security.intelligence.create(first.id, "PRESSURE_ON_OTHERS", "Debts collected for a third man.",
                                          linked_prisoners=[second.id, third.id])
    security.intelligence.grade(report.id, "SRC_2", "INT_B", "HANDLE_P", "Two sources agree.")
    page = _page(qtbot, tasks, PrisonerPage, security, first.id)
    panel = page.associations
    assert panel is not None and panel.view.graph.people[0] == first.id
    assert set(panel.view.graph.people[1:]) >= {second.id, third.id}
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Right)
    chosen = panel.view.graph.people[panel.view.current]
    assert panel.view.current == 1 and "shared report" in panel.caption.text()
    assert panel.view.accessibleDescription() == panel.caption.text()
    with qtbot.waitSignal(page.prisoner_requested) as opened:
        qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert opened.args == [chosen]
    qtbot.keyClick(panel.view, Qt.Key.Key_Left)
    assert panel.view.current == 0 and "Linked with" in panel.caption.text()

    supervisor = wing.sign_in("supervisor")
    assert _page(qtbot, tasks, PrisonerPage, supervisor, first.id).associations is None  # security only


def test_security_asks_a_task_and_the_supervisor_answers_it(qtbot, wing, tasks):  # noqa: F811
    from wingdesk.gui.pages.security_tasks_page import SecurityTasksPage

    security = wing.sign_in("security")
    page = _page(qtbot, tasks, IntelligencePage, security)
    report, asked = ask_security_task(qtbot, tasks, page, security, "AREA_SEARCH", "Search the laundry trolley today.")
    assert [(t.body["task_type"], t.status) for t in asked] == [("AREA_SEARCH", "REQUESTED")]
    assert "Task Area search: Requested." in page.state.text()

    supervisor = wing.sign_in("supervisor")
    assert "security_tasks" in [s.key for s in navigation.pages_for(supervisor.user.role)]
    assert "security_tasks" not in [s.key for s in navigation.pages_for(security.user.role)]
    answer = _page(qtbot, tasks, SecurityTasksPage, supervisor)
    answer.list.setCurrentRow(next(n for n, t in enumerate(answer.items) if t.id == asked[0].id))
    assert "laundry trolley today" in answer.details.text()
    answer.done_button.click()  # no result written: refused, said in the bar
    settle(qtbot, tasks)
    assert supervisor.security_tasks.tasks(report_id=report.id) and answer.bar.text()
    assert [t.status for t in supervisor.security_tasks.tasks() if t.id == asked[0].id] == ["REQUESTED"]
    answer.list.setCurrentRow(next(n for n, t in enumerate(answer.items) if t.id == asked[0].id))
    answer.result.setPlainText("Searched at 11:00; nothing found.")
    answer.done_button.click()
    settle(qtbot, tasks)
    assert [t.status for t in security.security_tasks.tasks() if t.id == asked[0].id] == ["DONE"]
    page.refresh()
    settle(qtbot, tasks)
    assert "Task Area search: Done." in page.state.text()


def test_security_links_another_report_on_the_form(qtbot, wing, tasks):  # noqa: F811
    security = wing.sign_in("security")
    page = _page(qtbot, tasks, IntelligencePage, security)
    chosen, other = page.reports[0], page.reports[1]
    page.list.setCurrentRow(0)
    _tick(page.form.linked_reports, other.id)
    page.form.items.setText("Laundry trolley")
    page.save_button.click()
    settle(qtbot, tasks)
    saved = security.intelligence.get(chosen.id)
    assert saved.body["linked_reports"] == [other.id] and saved.body["linked_items"] == "Laundry trolley"
    assert saved.body.get("source_evaluation") == chosen.body.get("source_evaluation")  # the grade untouched
    assert saved.revision == chosen.revision + 1  # one revision for the links, none for an unchanged grade
