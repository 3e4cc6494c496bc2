"""The assessment form generated from an instrument (issue 15 item 2): every domain and rating option of the SPJ
in the user's language with guidance tooltips, a refused rating shown as the service's one sentence with the
assessor's choices kept, the same DRAFT reused on the next try, and only roles that assess get the button."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox

from tests.gui.pages_fixtures import demo_template, settle, tasks, wing, wing_dir  # noqa: F401
from wingdesk.gui.dialogs.assessment_dialog import AssessmentDialog, fill_example, load_view
from wingdesk.gui.pages.prisoner_page import PrisonerPage
from wingdesk.i18n import set_language

SPJ = "wd.extremism_risk_spj"


def _dialog(qtbot, session, tasks, prisoner_id, language="en"):  # noqa: F811
    set_language(language)
    dialog = AssessmentDialog(session, tasks, prisoner_id, load_view(session, SPJ))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_form_follows_the_instrument_in_the_users_language(qtbot, wing, tasks):  # noqa: F811
    session = wing.sign_in("psychologist")
    prisoner = session.prisoners.page()[0].id
    instrument = session.instruments.in_force(SPJ)
    for language in ("sq", "mk"):
        dialog = _dialog(qtbot, session, tasks, prisoner, language)
        assert set(dialog.form.rows) == set(instrument.rated_parts())
        boxes = [d.title[language] for d in instrument.domains]
        row = dialog.form.rows["BELIEFS_ATTITUDES"]
        labels = [row.choice.itemText(i) for i in range(1, row.choice.count())]
        assert labels == [o.label[language] for o in instrument.scales["CONCERN"].options]
        assert row.choice.toolTip().startswith(instrument.domains[0].guidance[language][:20])
        assert row.rationale is not None  # the SPJ asks a rationale for every rating
        assert [b.title() for b in dialog.form.findChildren(QGroupBox)] == boxes
        dialog.reject()
    set_language("en")


def test_a_refused_rating_keeps_the_choices_and_the_draft(qtbot, wing, tasks):  # noqa: F811
    session = wing.sign_in("psychologist")
    prisoner = session.prisoners.page()[0].id
    dialog = _dialog(qtbot, session, tasks, prisoner)
    fill_example(dialog)
    dialog.form.rows["CONTEXT_INTENT"].rationale.setPlainText("")
    dialog.save()
    settle(qtbot, tasks)
    assert dialog.isVisible() and dialog.error.text() == "The rating for CONTEXT_INTENT needs a written rationale."
    draft = dialog.started
    assert draft is not None and draft.body["status"] == "DRAFT"
    assert dialog.form.rows["BELIEFS_ATTITUDES"].rationale.toPlainText()  # nothing typed was lost
    dialog.form.rows["CONTEXT_INTENT"].rationale.setPlainText("Said so in the second interview.")
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save()
    assert session.assessments.view(draft.id).status == "RATED"
    assert len(session.assessments.for_prisoner(prisoner)) == 1  # the refused try started no second draft


def test_only_roles_that_assess_get_the_button(qtbot, wing, tasks):  # noqa: F811
    for name, expected in (("psychologist", True), ("officer", False), ("security", False), ("governor", False)):
        session = wing.sign_in(name)
        page = PrisonerPage(session, tasks, session.prisoners.page()[0].id)
        qtbot.addWidget(page)
        assert (page.assess_button is not None) is expected, name


def test_the_screening_form_prompts_for_the_prisoners_groups_only(qtbot, wing, tasks):  # noqa: F811
    from wingdesk.domain.special_groups import special_groups

    session = wing.sign_in("psychologist")
    today = session.prisoners.today()
    age = session.prisoners.young_adult_age()
    by_groups = {special_groups(p, today, age): p.id for p in session.prisoners.page(limit=1000)}
    woman = next(pid for groups, pid in by_groups.items() if "FEMALE" in groups)
    nobody = by_groups[()]
    screening = load_view(session, "wd.reception_screening")
    for prisoner, expected in ((woman, True), (nobody, False)):
        dialog = AssessmentDialog(session, tasks, prisoner, screening)
        qtbot.addWidget(dialog)
        dialog.show()
        settle(qtbot, tasks)
        assert dialog.prompts.isVisible() is expected
        assert ("children and caring duties" in dialog.prompts.text()) is expected
        dialog.reject()
    spj = AssessmentDialog(session, tasks, woman, load_view(session, SPJ))  # the SPJ asks no group questions
    qtbot.addWidget(spj)
    spj.show()
    settle(qtbot, tasks)
    assert not spj.prompts.isVisible()


def test_a_new_form_starts_as_a_screening_or_an_initial_assessment_by_instrument(qtbot, wing, tasks):  # noqa: F811
    session = wing.sign_in("psychologist")
    prisoner = session.prisoners.page()[0].id
    assert _dialog(qtbot, session, tasks, prisoner).kind.currentData() == "INITIAL"  # the SPJ: never a screening
    screening = AssessmentDialog(session, tasks, prisoner, load_view(session, "wd.reception_screening"))
    qtbot.addWidget(screening)
    assert screening.kind.currentData() == "SCREENING_AT_ADMISSION"
