"""Screenshots of the transfer between prisons for `wingdesk demo --screenshots` (issue 19 item 1; file names contain
`transfer`): the governor's Transfer dialog on a prisoner's page, and the accept step the inbox opens (the demo
PC is not enrolled at an HQ, so no package is waiting there)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wingdesk.gui.dialogs.transfer_dialog import TransfersWaitingDialog, may_transfer

if TYPE_CHECKING:
    from wingdesk.gui.main_window import MainWindow
    from wingdesk.gui.tasks import TaskRunner


def grab_transfer(window: MainWindow, tasks: TaskRunner, folder: Path, role: str, prisoner_id: str | None,
                  grab: Callable[[Any, Path], None], settle: Callable[[TaskRunner], None]) -> None:
    session: Any = window.session
    if prisoner_id is None or session is None or not may_transfer(session):
        return
    window.open_prisoner(prisoner_id)
    settle(tasks)
    grab(window, folder / f"{role}-prisoner-transfer-button.png")
    page: Any = window.prisoner_page
    dialog = page.open_transfer()
    if dialog is None:
        return
    dialog.resize(720, 420)
    settle(tasks)
    grab(dialog, folder / f"{role}-transfer.png")
    dialog.close()
    waiting = TransfersWaitingDialog(session, tasks, window)
    waiting.resize(720, 420)
    waiting.show()
    settle(tasks)
    grab(waiting, folder / f"{role}-transfer-waiting.png")
    waiting.close()
    settle(tasks)
