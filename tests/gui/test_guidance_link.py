"""Guidance in context (issue 18 item 3): the observation dialog's wording hints link to the section of "Writing
objective observations" (shipped and installed in the demo wing) that explains them, opened at that section; no link
when the module is not installed."""

from __future__ import annotations

from tests.gui.pages_fixtures import demo_template, settle, shown_page, tasks, wing, wing_dir  # noqa: F401
from wingdesk.gui.dialogs.observation_dialog import ObservationDialog
from wingdesk.gui.widgets.guidance_link import GuidanceLink


def _dialog(qtbot, session, tasks):  # noqa: F811
    prisoner = session.prisoners.page()[0]
    dialog = ObservationDialog(session, tasks, prisoner.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.picker.prisoner_id == prisoner.id, timeout=5000)
    return dialog


def test_a_label_hint_links_to_the_section_on_labels_and_opens_there(qtbot, wing, tasks):  # noqa: F811
    dialog = _dialog(qtbot, wing.sign_in("officer"), tasks)
    qtbot.keyClicks(dialog.facts, "He seems radicalised")
    qtbot.waitUntil(dialog.guidance.isVisible, timeout=3000)
    assert dialog.guidance.anchor == "s4" and "Avoiding labels" in dialog.guidance.text()
    dialog.guidance.open()
    qtbot.waitUntil(lambda: dialog.guidance.dialog is not None, timeout=3000)  # read on a worker first
    module = dialog.guidance.dialog
    qtbot.addWidget(module)
    qtbot.waitUntil(lambda: module.browser.verticalScrollBar().value() > 0, timeout=3000)
    assert module.tabs.currentIndex() == 0


def test_no_link_to_a_module_that_is_not_installed(qtbot, wing, tasks):  # noqa: F811
    link = GuidanceLink(wing.sign_in("officer"), tasks, "wd.not_installed")
    qtbot.addWidget(link)
    link.show()
    settle(qtbot, tasks)
    link.point_to("s4")
    assert not link.isVisible()


def test_the_shipped_module_is_linked_in_the_demo_wing(qtbot, wing, tasks):  # noqa: F811
    dialog = _dialog(qtbot, wing.sign_in("officer"), tasks)
    qtbot.keyClicks(dialog.facts, "He prays a lot")
    qtbot.waitUntil(dialog.guidance.isVisible, timeout=3000)
    assert dialog.guidance.anchor == "s5" and "Religion is not risk" in dialog.guidance.text()


def test_the_assessment_dialog_links_to_its_guidance_section(qtbot, wing, tasks):  # noqa: F811
    from wingdesk.gui.dialogs.assessment_dialog import AssessmentDialog, load_view

    session = wing.sign_in("psychologist")
    prisoner = session.prisoners.page()[0].id
    shown = {}
    for instrument in ("wd.extremism_risk_spj", "wd.needs_assessment"):
        dialog = AssessmentDialog(session, tasks, prisoner, load_view(session, instrument))
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(dialog.guidance.isVisible, timeout=3000)
        shown[instrument] = (dialog.guidance.module_id, dialog.guidance.anchor, dialog.guidance.text())
    module, anchor, text = shown["wd.extremism_risk_spj"]
    assert (module, anchor) == ("wd.radicalisation_awareness", "s2") and "What indicators are" in text
    module, anchor, text = shown["wd.needs_assessment"]
    assert (module, anchor) == ("wd.objective_observations", "s1") and "Facts and opinions" in text


def test_the_intelligence_page_links_to_the_information_cycle_and_its_wording_hints(qtbot, wing, tasks):  # noqa: F811
    from wingdesk.gui.pages.intelligence_page import IntelligencePage

    page = shown_page(qtbot, tasks, IntelligencePage, wing.sign_in("security"), size=(1240, 760))
    page.new_button.click()
    settle(qtbot, tasks)
    assert page.cycle_guidance.isVisible() and "The information cycle" in page.cycle_guidance.text()
    assert not page.wording_guidance.isVisible()
    page.form.report_text.setPlainText("He is a fanatic and prays all day")
    page.save()  # the wording check first: hints shown, nothing saved yet
    qtbot.waitUntil(page.wording_guidance.isVisible, timeout=3000)
    assert page.wording_guidance.anchor == "s4" and "Avoiding labels" in page.wording_guidance.text()
