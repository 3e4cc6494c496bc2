"""The administrator's hard delete for `wingdesk demo --screenshots`: the dialog asking for the reason, opened on
the newest record the audit viewer lists (nothing is deleted: the dialog is closed unanswered)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from wingdesk.gui.dialogs.delete_record_dialog import DeleteRecordDialog
from wingdesk.i18n import _


def grab_hard_delete(admin: Any, settle: Callable[[], None], grab: Callable[[Any, str], None]) -> None:
    deletion = getattr(admin, "deletion", None)
    if deletion is None:
        return
    viewer = admin.viewer
    for row in range(viewer.model.rowCount()):
        viewer.view.selectRow(row)
        chosen = deletion.selected()
        if chosen is not None:
            break
    else:
        return
    record_id, _kind, what = chosen
    dialog = DeleteRecordDialog(what, record_id, admin)
    # a sample reason typed into the Delete a record dialog, shown only in the demo's screenshots
    dialog.reason.setPlainText(_("Court order 14/2026: written about the wrong person."))
    dialog.show()
    settle()
    grab(dialog, "hard_delete")
    dialog.done(0)
    dialog.deleteLater()
    viewer.view.clearSelection()  # the next language's audit_viewer screenshot starts at the newest entry again
    viewer.view.scrollToTop()
