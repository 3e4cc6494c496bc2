"""Screenshots of the assessment workflow's later steps for `wingdesk demo --screenshots` (issue 15): the prisoner's
assessments with their next steps (`<role>-assessment-steps.png`), the two assessors' agreement side by side and the
prisoner's part (`-assessment-agreement`, `-assessment-informed`, `-assessment-comment`), the allocation decisions
on the prisoner page (`-allocation-panel`, officers included: the wing's part only), the governor's approvals
(`-allocation-approvals`, `-assessment-countersign`) and the extremism status (`-veo`). Nothing is saved."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wingdesk.gui.dialogs.agreement_dialog import AgreementDialog, load_agreement
from wingdesk.gui.dialogs.assessment_dialog import load_view
from wingdesk.gui.dialogs.assessments_dialog import AssessmentsDialog, may_work_on_assessments
from wingdesk.gui.dialogs.prisoner_informed_dialog import CommentDialog, InformedDialog
from wingdesk.gui.dialogs.veo_status_dialog import VeoStatusDialog, may_read_veo
from wingdesk.gui.pages.prisoner_page import PrisonerPage

if TYPE_CHECKING:
    from wingdesk.gui.main_window import MainWindow
    from wingdesk.gui.tasks import TaskRunner

SPJ = "wd.extremism_risk_spj"
Grab = Callable[[Any, Path], None]


def demo_prisoners(session: Any) -> tuple[str | None, str | None]:
    """(assessed five times, with the concern and a proposal; assessed twice, with an approved decision and an
    agreement waiting for the countersignature), as the demo made them."""
    counts = {str(p.id): len(session.assessments.trajectory(p.id, SPJ)) for p in session.prisoners.page(limit=200)}
    ranked = sorted((n, pid) for pid, n in counts.items() if n)
    return (ranked[-1][1] if ranked else None, ranked[-2][1] if len(ranked) > 1 else None)


def grab_assessment_steps(window: MainWindow, tasks: TaskRunner, folder: Path, role: str, grab: Grab,
                          settle: Callable[[TaskRunner], None], run_sync: Callable[[TaskRunner, Any], Any]) -> None:
    session = window.session
    first, second = run_sync(tasks, lambda: demo_prisoners(session))
    if second is None:
        return
    window.open_prisoner(second)
    settle(tasks)
    page = window.prisoner_page
    if isinstance(page, PrisonerPage) and page.work.allocations is not None:
        grab(window, folder / f"{role}-allocation-panel.png")
    if may_work_on_assessments(session):
        title = page.heading.text() if isinstance(page, PrisonerPage) else ""
        dialog = AssessmentsDialog(session, tasks, second, title, window)
        dialog.resize(1200, 720)
        dialog.show()
        settle(tasks)
        dialog.listing.setCurrentRow(0)
        grab(dialog, folder / f"{role}-assessment-steps.png")
        record = dialog.current()
        if record is not None and dialog.can_annotate:
            _agreement(window, tasks, folder, role, record.id, grab, settle, run_sync)
            _small(InformedDialog(session, tasks, record.id, window), folder / f"{role}-assessment-informed.png",
                   tasks, grab, settle)
            view = run_sync(tasks, lambda: load_view(session, SPJ))
            domains = [(d.code, d.title) for d in view.domains]
            _small(CommentDialog(session, tasks, record.id, domains, window), folder / f"{role}-assessment-comment.png",
                   tasks, grab, settle)
        dialog.reject()
        dialog.deleteLater()
    if "approvals" in {spec.key for spec in window.specs}:
        window.show_page("approvals")
        window.refresh_current()
        settle(tasks)
        approvals: Any = window.pages["approvals"]
        grab(window, folder / f"{role}-allocation-approvals.png")
        approvals.tabs.setCurrentIndex(1)
        settle(tasks)
        grab(window, folder / f"{role}-assessment-countersign.png")
        approvals.tabs.setCurrentIndex(0)
    if first is not None and may_read_veo(session):
        veo = VeoStatusDialog(session, tasks, first, "", window)
        veo.resize(1000, 700)
        veo.show()
        settle(tasks)
        grab(veo, folder / f"{role}-veo.png")
        veo.reject()
        veo.deleteLater()
    settle(tasks)


def _agreement(window: MainWindow, tasks: TaskRunner, folder: Path, role: str, assessment_id: str, grab: Grab,
               settle: Callable[[TaskRunner], None], run_sync: Callable[[TaskRunner, Any], Any]) -> None:
    session = window.session
    data = run_sync(tasks, lambda: load_agreement(session, assessment_id))
    dialog = AgreementDialog(session, tasks, data, window)
    dialog.resize(1200, 780)
    dialog.show()
    settle(tasks)
    grab(dialog, folder / f"{role}-assessment-agreement.png")
    dialog.reject()
    dialog.deleteLater()


def _small(dialog: Any, path: Path, tasks: TaskRunner, grab: Grab, settle: Callable[[TaskRunner], None]) -> None:
    dialog.show()
    settle(tasks)
    grab(dialog, path)
    dialog.reject()
    dialog.deleteLater()
