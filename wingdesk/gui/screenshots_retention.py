"""The governor's retention review for `wingdesk demo --screenshots` (issue 19 item 5; file names contain
`retention`): the page is taken with the other main screens; here the question asked before an erasure, drawn over
it with a sample reason typed (nothing is erased: the question is closed unanswered)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMessageBox

from wingdesk.i18n import _

if TYPE_CHECKING:
    from wingdesk.gui.main_window import MainWindow
    from wingdesk.gui.tasks import TaskRunner


def grab_retention(window: MainWindow, tasks: TaskRunner, folder: Path, role: str,
                   grab: Callable[[Any, Path], None], settle: Callable[[TaskRunner], None]) -> None:
    if "retention" not in {spec.key for spec in window.specs}:
        return
    from wingdesk.gui.pages.retention_page import confirmation

    page: Any = window.show_page("retention")
    window.refresh_current()
    settle(tasks)
    if page.current is None:
        return
    # a sample reason typed on the retention page, shown only in the demo's screenshots
    page.reason.setPlainText(_("Retention period ended; no claim, inquiry or request is pending."))
    box = QMessageBox(QMessageBox.Icon.Question, _("Erase records"), confirmation(page.current),
                      QMessageBox.StandardButton.NoButton, window)
    box.addButton(_("Erase for good"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole))
    box.show()
    settle(tasks)
    grab(box, folder / f"{role}-retention-confirm.png")
    box.done(0)
    box.deleteLater()
    page.reason.clear()
    settle(tasks)
