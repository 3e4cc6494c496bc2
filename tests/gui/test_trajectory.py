"""The trajectory dialog (issue 15 item 6) on the demo wing, whose story assesses one prisoner five times: the chart
gets every countersigned assessment oldest first, is drawn in greys only (readable when printed in black and
white), lists the assessments newest first, and prints the selected one; only full readers get the button."""

from __future__ import annotations

from PySide6.QtGui import QImage

from tests.gui.pages_fixtures import demo_template, settle, tasks, wing, wing_dir  # noqa: F401
from wingdesk.domain.queries import RecordQuery
from wingdesk.gui.dialogs.trajectory_dialog import SPJ, TrajectoryDialog
from wingdesk.gui.pages.prisoner_page import PrisonerPage


def _assessed(session) -> str:
    return next(p.id for p in session.prisoners.page(limit=200) if len(session.assessments.trajectory(p.id, SPJ)) == 5)


def test_the_chart_shows_the_demo_story_in_greys_only(qtbot, wing, tasks, monkeypatch):  # noqa: F811
    session = wing.sign_in("psychologist")
    prisoner = _assessed(session)
    dialog = TrajectoryDialog(session, tasks, prisoner, "Demo prisoner")
    qtbot.addWidget(dialog)
    dialog.show()
    settle(qtbot, tasks)
    assert [p.level for p in dialog.chart.points] == ["HIGH", "HIGH", "MODERATE", "MODERATE", "LOW"]
    assert [r.code for r in dialog.chart.rows][:2] == ["BELIEFS_ATTITUDES", "CONTEXT_INTENT"]
    assert dialog.listing.count() == 5 and dialog.listing.item(0).text().endswith("Low")  # newest first
    image = QImage(dialog.chart.size(), QImage.Format.Format_RGB32)
    dialog.chart.render(image)
    pixels = {image.pixel(x, y) for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)}
    assert len(pixels) > 2  # something was drawn
    assert all((p >> 16) & 255 == (p >> 8) & 255 == p & 255 for p in pixels)  # grey only: red = green = blue

    printed = []
    monkeypatch.setattr("wingdesk.gui.dialogs.trajectory_dialog.preview",
                        lambda html, title, parent: printed.append(html))
    assert not dialog.print_button.isEnabled()
    dialog.listing.setCurrentRow(0)
    dialog.print_selected()
    settle(qtbot, tasks)
    assert printed and "Amra Hodžić" in printed[0] and "Vesna Kovač" in printed[0]  # both assessors


def test_only_full_readers_get_the_button(qtbot, wing, tasks):  # noqa: F811
    for name, expected in (("psychologist", True), ("governor", True), ("security", True), ("officer", False)):
        session = wing.sign_in(name)
        page = PrisonerPage(session, tasks, session.prisoners.page()[0].id)
        qtbot.addWidget(page)
        assert (page.trajectory_button is not None) is expected, name


def test_security_proposes_an_allocation_resting_on_the_selected_assessment(qtbot, wing, tasks):  # noqa: F811
    session = wing.sign_in("security")
    prisoner = _assessed(session)
    dialog = TrajectoryDialog(session, tasks, prisoner, "Demo prisoner")
    qtbot.addWidget(dialog)
    dialog.show()
    settle(qtbot, tasks)
    assert dialog.allocate_button.isVisible() and not dialog.allocate_button.isEnabled()
    dialog.listing.setCurrentRow(0)
    allocation = dialog.propose_allocation()
    allocation.form.set_values({"decision_type": "PLACEMENT", "cell_sharing": "SINGLE_CELL",
                                "reasons": "Recruiting talk in the shared cell."})
    allocation.save()
    settle(qtbot, tasks)
    assert allocation.isVisible() and "Less restrictive" in allocation.error.text()  # refused: none considered
    allocation.options.add_item({"option": "More supervision in the shared cell.", "why_not": "The talk went on."})
    with qtbot.waitSignal(allocation.saved, timeout=10000):
        allocation.save()
    governor = wing.sign_in("governor")
    [proposed] = [r for r in governor.ctx.repo.list_records(RecordQuery(kinds=("allocation",), prisoner_id=prisoner))
                  if r.body["reasons"] == "Recruiting talk in the shared cell."]  # the demo proposed one too
    assert proposed.body["assessment_id"] == dialog.listing.item(0).data(256)
    governor.allocations.approve(proposed.id)
    assert [r.id for r in session.allocations.in_force(prisoner)] == [proposed.id]


def test_the_allocation_proposal_shows_the_checks_for_the_prisoners_special_groups(qtbot, wing, tasks):  # noqa: F811
    """domain.md §3 rule 14: allocation checks for young, female and first-time prisoners; none for others."""
    from wingdesk.gui.dialogs.allocation_dialog import AllocationDialog

    session = wing.sign_in("security")
    by_groups = {p.id: session.prisoners.groups(p) for p in session.prisoners.page(limit=200)}
    first_timer = next(pid for pid, groups in by_groups.items() if "FIRST_TIME" in groups)
    in_none = next(pid for pid, groups in by_groups.items() if not groups)
    shown = {}
    for pid in (first_timer, in_none):
        dialog = AllocationDialog(session, tasks, pid, "no-assessment-needed-to-open", "basis")
        qtbot.addWidget(dialog)
        dialog.show()
        settle(qtbot, tasks)
        shown[pid] = (dialog.checks.isVisible(), dialog.checks.text())
    assert shown[first_timer][0] and "apart from influential prisoners" in shown[first_timer][1]
    assert shown[in_none] == (False, "")
