"""Screenshots of subject access for `wingdesk demo --screenshots` (issue 19; file names contain `subject_access`):
the prisoner page with the copy button (governor), and the note dialog each role is offered on a record: the
prisoner's comment, or withholding a record from the prisoner's copy."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wingdesk.gui.dialogs.record_note_dialog import COMMENT, WITHHOLD

if TYPE_CHECKING:
    from wingdesk.gui.main_window import MainWindow
    from wingdesk.gui.tasks import TaskRunner

EXAMPLES = {COMMENT: "I was helping a new prisoner, not arguing with him. Please write that down.",
            WITHHOLD: "Would identify the prisoner who reported it (security of the prison)."}


def grab_subject_access(window: MainWindow, tasks: TaskRunner, folder: Path, role: str, prisoner_id: str | None,
                        grab: Callable[[Any, Path], None], settle: Callable[[TaskRunner], None]) -> None:
    if prisoner_id is None:
        return
    window.open_prisoner(prisoner_id)
    settle(tasks)
    page: Any = window.prisoner_page
    access = getattr(page, "access", None)
    if access is None:
        return
    if access.can_copy:
        grab(window, folder / f"{role}-subject_access.png")
    record = next((r for r in page.records if access.card_actions(r, page._restricted(r))), None)
    if record is None:
        return
    purpose = COMMENT if access.can_comment and not page._restricted(record) else WITHHOLD
    access.exec_dialog = lambda dialog: dialog.show()  # not modal: it is drawn, then closed
    dialog = access.open_note(record, purpose)
    dialog.resize(640, 520)
    dialog.text.setPlainText(EXAMPLES[purpose])
    settle(tasks)
    grab(dialog, folder / f"{role}-subject_access-{purpose}.png")
    dialog.text.clear()
    dialog.reject()
    settle(tasks)
