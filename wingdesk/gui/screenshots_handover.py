"""Screenshots of the pre-release handover for `wingdesk demo --screenshots` (issue 19 item 2; file names contain
`handover`): the dialog filled in (agency, legal basis, two items ticked), then sealed with its summary ready to
print. Only for the roles that prepare handovers, on a prisoner with something to hand over."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

from wingdesk.domain.people import PrisonerFilter
from wingdesk.gui.dialogs.handover_dialog import may_hand_over
from wingdesk.i18n import N_, _

if TYPE_CHECKING:
    from wingdesk.gui.main_window import MainWindow
    from wingdesk.gui.tasks import TaskRunner
    from wingdesk.services.wing import WingServices

EXAMPLE = N_("Law on the execution of criminal sanctions, Art. 186 (preparation for release)")


def handover_prisoner(session: WingServices) -> str | None:
    """A prisoner with a plan item to hand over (None for roles that do not prepare handovers)."""
    if not may_hand_over(session):
        return None
    for person in session.prisoners.page(PrisonerFilter(), 0, 60):
        if any(c.section == "PLAN" for c in session.handover.choices(person.id)):
            return person.id
    return None


def grab_handover(window: MainWindow, tasks: TaskRunner, folder: Path, role: str, prisoner_id: str | None,
                  grab: Callable[[Any, Path], None], settle: Callable[[TaskRunner], None]) -> None:
    if prisoner_id is None:
        return
    window.open_prisoner(prisoner_id)
    settle(tasks)
    page: Any = window.prisoner_page
    dialog = page.open_handover()
    if dialog is None:
        return
    dialog.resize(820, 640)
    settle(tasks)
    dialog.basis.setCurrentIndex(dialog.basis.findData("LEGAL_OBLIGATION"))
    dialog.detail.setText(_(EXAMPLE))
    ticked = 0
    for i in range(dialog.items.count()):
        item = dialog.items.item(i)
        if ticked < 2 and item.data(Qt.ItemDataRole.UserRole)[0] in ("PLAN", "RISK_SUMMARY", "CONTACT_LOG"):
            item.setCheckState(Qt.CheckState.Checked)
            ticked += 1
    settle(tasks)
    grab(dialog, folder / f"{role}-handover.png")
    out = Path(tempfile.mkdtemp()) / "handover.age"
    dialog.choose_file = lambda: str(out)
    dialog.seal()
    settle(tasks)
    grab(dialog, folder / f"{role}-handover-sealed.png")
    dialog.close()
    settle(tasks)

