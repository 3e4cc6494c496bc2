"""Screenshots of the assessment form for `wingdesk demo --screenshots` (file names contain `assessment`): the
prisoner page with its "New assessment" button, and the SPJ's generated form, empty and filled in, for the roles
that assess. Nothing is saved: the dialogs are closed without saving."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wingdesk.gui.dialogs.assessment_dialog import AssessmentDialog, fill_example, load_view
from wingdesk.gui.widgets.assessment_button import may_assess

if TYPE_CHECKING:
    from wingdesk.gui.main_window import MainWindow
    from wingdesk.gui.tasks import TaskRunner

SHOWN = ("wd.extremism_risk_spj", "wd.reception_screening")


def grab_assessment(window: MainWindow, tasks: TaskRunner, folder: Path, role: str, prisoner_id: str | None,
                    grab: Callable[[Any, Path], None], settle: Callable[[TaskRunner], None],
                    run_sync: Callable[[TaskRunner, Any], Any]) -> None:
    session = window.session
    if prisoner_id is None or not may_assess(session):
        return
    window.open_prisoner(prisoner_id)
    settle(tasks)
    for instrument_id in SHOWN:
        view = run_sync(tasks, lambda i=instrument_id: load_view(session, i))
        dialog = AssessmentDialog(session, tasks, prisoner_id, view, parent=window)
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
