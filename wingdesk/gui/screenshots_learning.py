"""Screenshots of training for `wingdesk demo --screenshots` (issue 18): a module open at its text and at its
knowledge check with feedback (file names contain `module`), and the supervisor's team tab (`learning`). The
answers shown include two wrong ones, so the check is not passed and the demo wing records no completion."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wingdesk.gui.main_window import MainWindow
    from wingdesk.gui.tasks import TaskRunner

SHOWN = "wd.objective_observations"


def grab_learning(window: MainWindow, tasks: TaskRunner, folder: Path, role: str,
                  grab: Callable[[Any, Path], None], settle: Callable[[TaskRunner], None]) -> None:
    if not any(s.key == "learning" for s in window.specs):
        return
    page: Any = window.show_page("learning")
    page.refresh()
    settle(tasks)
    if getattr(page, "sees_team", False):
        page.tabs.setCurrentIndex(1)
        settle(tasks)
        grab(window, folder / f"{role}-learning-team.png")
        page.tabs.setCurrentIndex(0)
    if not any(item.module_id == SHOWN for item in page.items):
        return
    page.open_module(SHOWN)
    settle(tasks)  # read on a worker, then the dialog
    dialog = page.dialog
    settle(tasks)
    grab(dialog, folder / f"{role}-module.png")
    dialog.tabs.setCurrentIndex(1)
    for n, box in enumerate(dialog.questions):
        correct = window.session.modules.view(SHOWN, dialog.view.language).questions[n].correct
        wrong = (correct + 1) % len(box.group.buttons())
        box.group.button(wrong if n < 2 else correct).setChecked(True)  # two wrong: not passed, nothing recorded
    dialog.check_answers()
    settle(tasks)
    grab(dialog, folder / f"{role}-module-check.png")
    dialog.close()
    settle(tasks)
