"""Allocation decisions and the extremism status on screen (issue 15 items 3 and 4) on the demo wing: security
proposes on the prisoner page, the governor refuses without a reason (asked for one) or approves on the Approvals
page but never their own proposal, security records that the prisoner was told, and the officer sees only what the
decision asks of the wing. Security sets a concern, sees it lapse and renews it; treatment staff read it; officers
and supervisors never see the status or its label."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QLabel, QListWidget

from tests.gui.pages_fixtures import demo_template, settle, shown_page, tasks, wing, wing_dir  # noqa: F401
from tests.gui.test_assessment_steps import _approvals
from wingdesk.domain.kinds.allocation import ALLOCATION
from wingdesk.domain.kinds.veo_status import VEO_STATUS
from wingdesk.gui.dialogs.trajectory_dialog import SPJ
from wingdesk.gui.dialogs.veo_status_dialog import VeoStatusDialog
from wingdesk.gui.pages.prisoner_page import PrisonerPage
from wingdesk.services.record_writer import RecordWriter

DECISION = {"decision_type": "PLACEMENT", "cell_sharing": "SINGLE_CELL", "placement": "Wing B, cell 12",
            "reasons": "Recruiting talk in the shared cell."}
OPTION = {"option": "More supervision in the shared cell.", "why_not": "The talk went on."}


def _page(qtbot, tasks, session, prisoner):  # noqa: F811
    return shown_page(qtbot, tasks, PrisonerPage, session, prisoner)


def _choose(listing, record_id) -> None:
    listing.setCurrentRow([listing.item(i).data(256) for i in range(listing.count())].index(record_id))


def _assessed(session) -> str:
    return next(p.id for p in session.prisoners.page(limit=200) if session.assessments.trajectory(p.id, SPJ))


def _shown_text(widget) -> str:
    texts = [w.text() for w in widget.findChildren(QLabel) + widget.findChildren(QAbstractButton)]
    for listing in widget.findChildren(QListWidget):
        texts += [listing.item(i).text() for i in range(listing.count())]
    return "\n".join(texts).replace("&", "")


def test_propose_on_the_prisoner_page_the_governor_decides_and_the_officer_sees_the_wing_part(
        qtbot, wing, tasks):  # noqa: F811
    security, gov, officer = wing.sign_in("security"), wing.sign_in("governor"), wing.sign_in("officer")
    prisoner = _assessed(security)
    page = _page(qtbot, tasks, security, prisoner)
    panel = page.work.allocations
    before = panel.listing.count()
    dialog = panel.propose()
    assert "Rests on the assessment countersigned on" in dialog.basis.text()
    dialog.form.set_values(DECISION)
    dialog.options.add_item(OPTION)
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save()
    settle(qtbot, tasks)
    assert panel.listing.count() == before + 1 and "Proposed" in panel.listing.item(0).text()
    [mine] = [r for r in security.allocations.for_prisoner(prisoner) if r.body["reasons"] == DECISION["reasons"]]

    assert f"allocation_proposed:{mine.id}" in {i.key for i in gov.inbox.items()}  # the governor is told
    approvals = _approvals(qtbot, tasks, gov)
    waiting = approvals.proposals.count()
    _choose(approvals.proposals, mine.id)
    assert "Recruiting talk in the shared cell." in approvals.details.text()
    approvals.refuse()
    assert approvals.bar.text() == "Give the reason for refusing."  # nothing refused without one
    approvals.approve()
    settle(qtbot, tasks)
    assert "Approved" in approvals.bar.text() and approvals.proposals.count() == waiting - 1
    assert f"allocation_proposed:{mine.id}" not in {i.key for i in gov.inbox.items()}  # decided: it leaves

    page.refresh()
    settle(qtbot, tasks)
    _choose(panel.listing, mine.id)
    told = panel.told()
    told.form.set_value("told_how", "IN_PERSON")
    with qtbot.waitSignal(told.saved, timeout=10000):
        told.save()
    settle(qtbot, tasks)
    assert "Prisoner told on" in panel.details.text() and "Recruiting talk" in panel.details.text()  # in full

    wing_page = _page(qtbot, tasks, officer, prisoner)
    shown = _shown_text(wing_page.work)
    assert "Wing B, cell 12" in shown and "Single cell" in shown  # what the decision asks of the wing
    assert "Recruiting talk" not in shown and "supervision" not in shown  # never the reasons or options
    assert wing_page.work.allocations.propose_button.isHidden() and wing_page.work.veo_button is None


def test_the_governor_never_approves_their_own_proposal(qtbot, wing, tasks):  # noqa: F811
    gov = wing.sign_in("governor")
    prisoner = _assessed(gov)
    level = gov.assessments.current_level(prisoner)
    writer = RecordWriter(gov.ctx, gov.audit_trail)  # as if proposed before the governor's change of role
    body = ALLOCATION.clean({**DECISION, "assessment_id": level.assessment_id, "less_restrictive_options": [OPTION],
                             "review_date": "2099-01-01", "status": "PROPOSED"})
    own = writer.save(writer.new_record("allocation", body, prisoner_id=prisoner))
    approvals = _approvals(qtbot, tasks, gov)
    _choose(approvals.proposals, own.id)
    assert approvals.current().id == own.id
    approvals.approve()
    settle(qtbot, tasks)
    assert approvals.bar.text() == "You proposed this decision, so someone else must approve or refuse it."
    assert own.id not in [r.id for r in gov.allocations.in_force(prisoner)]


def test_security_sees_a_concern_lapse_and_renews_it_with_a_reason(qtbot, wing, tasks):  # noqa: F811
    security = wing.sign_in("security")
    prisoner = security.prisoners.page()[2].id
    writer = RecordWriter(security.ctx, security.audit_trail)  # a concern raised long ago, never renewed
    writer.save(writer.new_record("veo_status", VEO_STATUS.clean(
        {"veo_status": "RADICALISATION_CONCERN_UNDER_ASSESSMENT", "basis": "Leaflets found in the cell.",
         "review_date": "2020-02-01"}), prisoner_id=prisoner))
    page = _page(qtbot, tasks, security, prisoner)
    dialog = page.work.open_veo()
    settle(qtbot, tasks)
    assert dialog.state.text().startswith("Status in force: None") and "lapsed" in dialog.state.text()
    assert "Leaflets found in the cell." in dialog.history.item(0).text()
    dialog.form.set_values({"veo_status": "RADICALISATION_CONCERN_UNDER_ASSESSMENT", "basis": "",
                            "review_date": "2099-03-01"})
    dialog.save()
    assert not dialog.form.errors["basis"].isHidden() and security.veo.history(prisoner)[0].body["basis"] != ""
    dialog.form.set_value("basis", "Still seeks recruits at association; renewed until the assessment.")
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save()
    settle(qtbot, tasks)
    assert "holds until" in dialog.state.text() and "lapsed" not in dialog.state.text()
    assert security.veo.in_force(prisoner).status == "RADICALISATION_CONCERN_UNDER_ASSESSMENT"


def test_treatment_reads_the_status_and_officers_and_supervisors_never_see_it(qtbot, wing, tasks):  # noqa: F811
    security = wing.sign_in("security")
    prisoner = security.prisoners.page()[3].id
    security.veo.set(prisoner, "TERRORISM_RELATED_CONVICTION", "Convicted under the criminal code, art. 394.")
    psy = wing.sign_in("psychologist")
    dialog = VeoStatusDialog(psy, tasks, prisoner, "Demo prisoner")
    qtbot.addWidget(dialog)
    settle(qtbot, tasks)
    assert "Terrorism-related conviction" in dialog.state.text() and dialog.save_button is None
    assert dialog.set_box.isHidden()
    for name in ("officer", "supervisor"):
        page = _page(qtbot, tasks, wing.sign_in(name), prisoner)
        assert page.work.veo_button is None and page.work.assessments_button is None
        shown = _shown_text(page)
        assert "Terrorism" not in shown and "Extremism" not in shown and "art. 394" not in shown, name


def test_the_prisoner_pages_new_parts_write_no_denial_for_any_role(qtbot, wing, tasks):  # noqa: F811
    for name in ("officer", "supervisor", "psychologist", "security", "governor"):
        session = wing.sign_in(name)
        before = [e for e in session.ctx.repo.iter_audit() if e.action == "access_denied"]
        page = _page(qtbot, tasks, session, _assessed(session))
        if page.work.assessments_button is not None:
            dialog = page.work.open_assessments()
            settle(qtbot, tasks)
            dialog.reject()
        if page.work.veo_button is not None:
            page.work.open_veo()
            settle(qtbot, tasks)
        after = [e for e in session.ctx.repo.iter_audit() if e.action == "access_denied"]
        assert after == before, name
