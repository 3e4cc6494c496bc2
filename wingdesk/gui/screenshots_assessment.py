"""Screenshots of the assessment form for `wingdesk demo --screenshots` (file names contain `assessment`): the
prisoner page with its "New assessment" button, and the SPJ's generated form, empty and filled in, for the roles
that assess. Nothing is saved: the dialogs are closed without saving."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wingdesk.gui.dialogs.assessment_dialog import AssessmentDialog, fill_example, load_view
from wingdesk.gui.dialogs.trajectory_dialog import SPJ, may_see_trajectory
from wingdesk.gui.pages.prisoner_page import PrisonerPage
from wingdesk.gui.screenshots_assessment_steps import grab_assessment_steps
from wingdesk.gui.widgets.assessment_button import may_assess

if TYPE_CHECKING:
    from wingdesk.gui.main_window import MainWindow
    from wingdesk.gui.tasks import TaskRunner

SHOWN = ("wd.extremism_risk_spj", "wd.reception_screening")


def grab_assessment(window: MainWindow, tasks: TaskRunner, folder: Path, role: str, prisoner_id: str | None,
                    grab: Callable[[Any, Path], None], settle: Callable[[TaskRunner], None],
                    run_sync: Callable[[TaskRunner, Any], Any]) -> None:
    session = window.session
    if prisoner_id is None:
        return
    grab_assessment_steps(window, tasks, folder, role, grab, settle, run_sync)  # agreement, allocation, veo
    if may_see_trajectory(session):
        grab_trajectory(window, tasks, folder, role, grab, settle, run_sync)
    if not may_assess(session):
        return
    window.open_prisoner(prisoner_id)
    settle(tasks)
    in_group = run_sync(tasks, lambda: _group_prisoner(session)) or prisoner_id  # the screening prompts for them
    for instrument_id in SHOWN:
        view = run_sync(tasks, lambda i=instrument_id: load_view(session, i))
        shown = in_group if instrument_id == "wd.reception_screening" else prisoner_id
        dialog = AssessmentDialog(session, tasks, shown, view, parent=window)
        dialog.resize(1000, 760)
        dialog.show()
        settle(tasks)
        name = instrument_id.removeprefix("wd.")
        grab(dialog, folder / f"{role}-assessment-{name}.png")
        fill_example(dialog)
        settle(tasks)
        grab(dialog, folder / f"{role}-assessment-{name}-filled.png")
        dialog.reject()
        dialog.deleteLater()
        settle(tasks)


def _group_prisoner(session: Any) -> str | None:
    """A prisoner in two or more special groups (young adult, woman, first time), else in one."""
    found = sorted(((len(session.prisoners.groups(p)), str(p.id)) for p in session.prisoners.page(limit=200)),
                   reverse=True)
    return found[0][1] if found and found[0][0] else None


def _assessed_prisoner(session: Any) -> str | None:
    """The prisoner with the most countersigned SPJ assessments (the demo assesses two, one five times)."""
    counts = {str(p.id): len(session.assessments.trajectory(p.id, SPJ)) for p in session.prisoners.page(limit=200)}
    best = max(counts, key=lambda pid: counts[pid], default=None)
    return best if best is not None and counts[best] else None


def grab_trajectory(window: MainWindow, tasks: TaskRunner, folder: Path, role: str,
                    grab: Callable[[Any, Path], None], settle: Callable[[TaskRunner], None],
                    run_sync: Callable[[TaskRunner, Any], Any]) -> None:
    """`<role>-trajectory.png`: the prisoner page, then the trajectory dialog of an assessed prisoner."""
    session = window.session
    prisoner_id = run_sync(tasks, lambda: _assessed_prisoner(session))
    if prisoner_id is None:
        return
    window.open_prisoner(prisoner_id)
    settle(tasks)
    page = window.prisoner_page
    if not isinstance(page, PrisonerPage):
        return
    dialog = page.open_trajectory()
    dialog.resize(1200, 720)
    settle(tasks)
    dialog.listing.setCurrentRow(0)
    grab(dialog, folder / f"{role}-trajectory.png")
    allocation = dialog.propose_allocation() if dialog.allocate_button.isVisible() else None
    if allocation is not None:  # issue 15 item 4: the proposal form, closed without saving
        allocation.resize(1000, 740)
        settle(tasks)
        grab(allocation, folder / f"{role}-allocation.png")
        allocation.reject()
    dialog.close()
    settle(tasks)
