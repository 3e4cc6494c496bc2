"""The rest of the assessment workflow on screen (issue 15 item 2) on the demo wing: the second assessor rates in
the assessments dialog, the two assessors agree side by side (a reason required wherever they differed; the second
confirms the first's proposal), the governor countersigns on the Approvals page, and the prisoner is informed and
comments. The refusals are the service's sentences: a countersigner who rated it is refused."""

from __future__ import annotations

from tests.gui.pages_fixtures import demo_template, settle, tasks, wing, wing_dir  # noqa: F401
from tests.integration.assessment_helpers import SPJ, judgement, spj_ratings
from wingdesk.domain.kinds.assessment import ASSESSMENT
from wingdesk.gui.dialogs.agreement_dialog import AgreementDialog
from wingdesk.gui.dialogs.assessment_dialog import AssessmentDialog
from wingdesk.gui.dialogs.assessments_dialog import AssessmentsDialog
from wingdesk.gui.dialogs.prisoner_informed_dialog import CommentDialog, InformedDialog
from wingdesk.gui.inbox_text import InboxData, item_text
from wingdesk.gui.pages.approvals_page import ApprovalsPage
from wingdesk.services.record_writer import RecordWriter


def _dialog(qtbot, tasks, session, prisoner):  # noqa: F811
    dialog = AssessmentsDialog(session, tasks, prisoner, "Demo prisoner")
    qtbot.addWidget(dialog)
    dialog.show()
    settle(qtbot, tasks)
    return dialog


def _step(qtbot, tasks, button, kind):  # noqa: F811
    dialog = button.window()
    button.click()
    settle(qtbot, tasks)
    assert isinstance(dialog.child, kind)
    return dialog.child


def _save(qtbot, tasks, child):  # noqa: F811
    with qtbot.waitSignal(child.saved, timeout=10000):
        child.save()
    settle(qtbot, tasks)


def _approvals(qtbot, tasks, session):  # noqa: F811
    page = ApprovalsPage(session, tasks)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    settle(qtbot, tasks)
    return page


def test_second_rating_agreement_countersign_and_the_prisoners_part(qtbot, wing, tasks):  # noqa: F811
    psy, sw, gov = wing.sign_in("psychologist"), wing.sign_in("socialworker"), wing.sign_in("governor")
    prisoner = psy.prisoners.page()[0].id
    started = psy.assessments.start(prisoner, "INITIAL", SPJ)
    psy.assessments.rate(started.id, spj_ratings("HIGH"))  # the first rating's form is tested elsewhere

    second = _dialog(qtbot, tasks, sw, prisoner)
    assert second.rate_button.text().startswith("&Rate as the second") and not second.agree_button.isEnabled()
    assert second.countersign_button.isHidden()  # treatment staff never countersign
    form = _step(qtbot, tasks, second.rate_button, AssessmentDialog)
    assert form.second
    differing = spj_ratings("MODERATE", why="Own reading.")
    differing["BELIEFS_ATTITUDES"]["rating"] = "HIGH"
    form.form.set_ratings(differing)
    _save(qtbot, tasks, form)
    assert sw.assessments.view(started.id).status == "SECOND_RATED"

    first = _dialog(qtbot, tasks, psy, prisoner)
    agreement = _step(qtbot, tasks, first.agree_button, AgreementDialog)
    assert agreement.differs == {"CONTEXT_INTENT", "HISTORY_CAPABILITY", "COMMITMENT_MOTIVATION"}
    assert [h.text() for h in agreement.headers[1:3]] == ["Amra Hodžić", "Vesna Kovač"]  # side by side
    assert agreement.choices["BELIEFS_ATTITUDES"].currentData() == "HIGH"  # they rated it alike
    assert agreement.choices["CONTEXT_INTENT"].currentData() is None  # they differed: people choose
    for code in agreement.differs:
        agreement.choices[code].setCurrentIndex(agreement.choices[code].findData("MODERATE"))
    agreement.form.set_values(judgement("MODERATE"))
    agreement.save()
    assert "You differed" in agreement.error.text() and agreement.isVisible()  # no reason, nothing saved
    for code in agreement.differs:
        agreement.reasons[code].setPlainText("Agreed after reading the wing reports together.")
    _save(qtbot, tasks, agreement)
    assert psy.assessments.view(started.id).status == "SECOND_RATED"  # proposed; the other assessor confirms

    other = _dialog(qtbot, tasks, sw, prisoner)
    confirm = _step(qtbot, tasks, other.agree_button, AgreementDialog)
    assert confirm.proposed_by_other and confirm.save_button.text() == "Con&firm the agreement"
    assert confirm.choices["CONTEXT_INTENT"].currentData() == "MODERATE"
    _save(qtbot, tasks, confirm)
    assert sw.assessments.view(started.id).status == "AGREED"
    assert psy.assessments.current_level(prisoner) is None or psy.assessments.current_level(prisoner).assessment_id \
        != started.id  # not in force before the countersignature

    waiting = {i.key: i for i in gov.inbox.items()}[f"assessment_to_countersign:{started.id}"]
    assert "waits for your countersignature" in item_text(waiting, InboxData())  # the governor is told
    page = _approvals(qtbot, tasks, gov)
    page.tabs.setCurrentIndex(1)
    ids = [page.agreed.item(i).data(256) for i in range(page.agreed.count())]
    page.agreed.setCurrentRow(ids.index(started.id))
    settle(qtbot, tasks)  # the assessment's print loads in the background
    shown = page.assessment_details.toPlainText()
    assert "Agreed formulation." in shown and "Amra Hodžić" in shown and "Vesna Kovač" in shown  # both assessors
    page.countersign()
    settle(qtbot, tasks)
    assert "Countersigned" in page.bar.text()
    assert gov.assessments.current_level(prisoner).assessment_id == started.id

    told = _dialog(qtbot, tasks, psy, prisoner)
    informed = _step(qtbot, tasks, told.informed_button, InformedDialog)
    informed.form.set_values({"informed_how": "WITH_INTERPRETER", "participated": True})
    _save(qtbot, tasks, informed)
    comment = _step(qtbot, tasks, told.comment_button, CommentDialog)
    comment.save()
    assert "Choose the domain" in comment.error.text()
    comment.domain.setCurrentIndex(comment.domain.findData("BELIEFS_ATTITUDES"))
    comment.comment.setPlainText("I do not hold those views any more.")
    _save(qtbot, tasks, comment)
    body = psy.assessments.view(started.id).record.body
    assert body["informed_how"] == "WITH_INTERPRETER" and body["participated"] is True
    assert body["prisoner_comments"][0]["part"] == "BELIEFS_ATTITUDES"
    assert "took part" in told.details.text()


def test_a_countersigner_who_rated_it_is_refused_with_the_services_sentence(qtbot, wing, tasks):  # noqa: F811
    gov = wing.sign_in("governor")
    prisoner = gov.prisoners.page()[1].id
    writer = RecordWriter(gov.ctx, gov.audit_trail)  # as if the governor had rated it before a change of role
    body = ASSESSMENT.clean({"assessment_kind": "INITIAL", "instrument_id": SPJ, "instrument_version": 1,
                             "status": "AGREED", "assessor_a": gov.user.id, "assessor_b": "someone-else",
                             **judgement("LOW")})
    agreed = writer.save(writer.new_record("assessment", body, prisoner_id=prisoner))
    page = _approvals(qtbot, tasks, gov)
    page.tabs.setCurrentIndex(1)
    ids = [page.agreed.item(i).data(256) for i in range(page.agreed.count())]
    page.agreed.setCurrentRow(ids.index(agreed.id))
    page.countersign()
    settle(qtbot, tasks)
    assert page.bar.text() == "You rated this assessment, so a lead who did not rate it must countersign."
    assert gov.assessments.view(agreed.id).status == "AGREED" and page.countersign_button.isEnabled()
