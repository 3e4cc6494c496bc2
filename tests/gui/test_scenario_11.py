"""domain.md §5 scenario 11 on screen, end to end (issue 15): a prisoner assessed HIGH earlier is reviewed with the
SPJ; the first assessor ticks the sources read and rates in the generated form, the second rates independently, both
agree MODERATE with a reason where they differed, the prisoner is informed and disputes one domain (comment kept
beside the rating); the prisoner page's risk level stays HIGH for the officer until the governor countersigns, then
shows MODERATE with the wing's instructions; the print has both assessors, the sources and the comment."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.pages_fixtures import demo_template, open_prisoner_page, settle, tasks, wing, wing_dir  # noqa: F401
from tests.gui.test_assessment_steps import _approvals, _dialog, _save, _step
from tests.integration.assessment_helpers import SPJ, agreed_assessment, judgement, spj_ratings
from wingdesk.gui.assessment_print import assessment_html, load_print
from wingdesk.gui.dialogs.agreement_dialog import AgreementDialog
from wingdesk.gui.dialogs.assessment_dialog import AssessmentDialog, load_view
from wingdesk.gui.dialogs.prisoner_informed_dialog import CommentDialog, InformedDialog


def _level_shown(qtbot, tasks, session, prisoner):  # noqa: F811
    page = open_prisoner_page(qtbot, session, tasks, prisoner)
    settle(qtbot, tasks)
    return page.profile_labels["risk_level"][1].text(), page.profile_labels["wing_instructions"][1].text()


def test_scenario_11_the_level_moves_from_high_to_moderate_only_after_the_countersignature(qtbot, wing, tasks):  # noqa: F811
    psy, sw, gov = wing.sign_in("psychologist"), wing.sign_in("socialworker"), wing.sign_in("governor")
    officer = wing.sign_in("officer")
    prisoner = next(p.id for p in psy.prisoners.page() if psy.assessments.current_level(p.id) is None)
    assert _level_shown(qtbot, tasks, officer, prisoner)[0] == "No countersigned assessment"
    earlier = agreed_assessment(psy, sw, prisoner, "HIGH", "HIGH")
    gov.assessments.countersign(earlier)
    level, instructions = _level_shown(qtbot, tasks, officer, prisoner)
    assert level.startswith("High, countersigned") and instructions == judgement("HIGH")["management_instructions"]
    note = psy.treatment.add_note(prisoner, "Spoke of leaving his old friends behind.")

    form = AssessmentDialog(psy, tasks, prisoner, load_view(psy, SPJ))  # the first assessor's generated form
    qtbot.addWidget(form)
    form.show()
    settle(qtbot, tasks)
    form.kind.setCurrentIndex(form.kind.findData("PERIODIC"))
    listed = [form.sources.item(i) for i in range(form.sources.count())]
    assert listed and all(i.text() for i in listed)
    next(i for i in listed if i.data(256) == note.id).setCheckState(Qt.CheckState.Checked)
    form.form.set_ratings(spj_ratings("MODERATE"))
    _save(qtbot, tasks, form)
    started = form.started
    assert started is not None and started.body["sources_used"] == [{"record_id": note.id}]

    second = _step(qtbot, tasks, _dialog(qtbot, tasks, sw, prisoner).rate_button, AssessmentDialog)
    assert second.sources.isHidden()  # the sources are named once, when the assessment starts
    differing = spj_ratings("MODERATE", why="Own reading.")
    differing["BELIEFS_ATTITUDES"]["rating"] = "HIGH"
    second.form.set_ratings(differing)
    _save(qtbot, tasks, second)

    agreement = _step(qtbot, tasks, _dialog(qtbot, tasks, psy, prisoner).agree_button, AgreementDialog)
    assert agreement.differs == {"BELIEFS_ATTITUDES"}
    agreement.choices["BELIEFS_ATTITUDES"].setCurrentIndex(agreement.choices["BELIEFS_ATTITUDES"].findData("MODERATE"))
    agreement.reasons["BELIEFS_ATTITUDES"].setPlainText("The wing reports since the spring settle it.")
    agreement.form.set_values(judgement("MODERATE", management_instructions="Normal regime; education allowed."))
    _save(qtbot, tasks, agreement)
    _save(qtbot, tasks, _step(qtbot, tasks, _dialog(qtbot, tasks, sw, prisoner).agree_button, AgreementDialog))
    assert sw.assessments.view(started.id).status == "AGREED"

    told = _dialog(qtbot, tasks, psy, prisoner)
    informed = _step(qtbot, tasks, told.informed_button, InformedDialog)
    informed.form.set_values({"informed_how": "IN_PERSON", "participated": True})
    _save(qtbot, tasks, informed)
    comment = _step(qtbot, tasks, told.comment_button, CommentDialog)
    comment.domain.setCurrentIndex(comment.domain.findData("COMMITMENT_MOTIVATION"))
    comment.comment.setPlainText("I left that group two years ago.")
    _save(qtbot, tasks, comment)
    assert _level_shown(qtbot, tasks, officer, prisoner)[0].startswith("High")  # agreed is not yet in force

    page = _approvals(qtbot, tasks, gov)
    page.tabs.setCurrentIndex(1)
    ids = [page.agreed.item(i).data(256) for i in range(page.agreed.count())]
    page.agreed.setCurrentRow(ids.index(started.id))
    settle(qtbot, tasks)
    page.countersign()
    settle(qtbot, tasks)
    level, instructions = _level_shown(qtbot, tasks, officer, prisoner)
    assert level.startswith("Moderate, countersigned") and instructions == "Normal regime; education allowed."

    html = assessment_html(gov, load_print(gov, started.id))
    assert psy.user.display_name in html and sw.user.display_name in html
    assert "I left that group two years ago." in html and "Sources used" in html and "Progress note" in html
    assert "Spoke of leaving" not in html  # a source is named, never quoted
