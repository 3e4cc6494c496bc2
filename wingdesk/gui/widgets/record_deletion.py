"""The administrator's "Delete record…" under the audit viewer: the record named by the selected entry (its
create or revise), deleted through services.deletion after the reason and the passphrase (domain.md scenario 8)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog, QPushButton

from wingdesk.domain.records import RecordKind
from wingdesk.gui.audit_text import object_text
from wingdesk.gui.dialogs.delete_record_dialog import DeleteRecordDialog
from wingdesk.gui.tasks import TaskRunner
from wingdesk.i18n import _

if TYPE_CHECKING:
    from wingdesk.gui.widgets.audit_viewer import AuditViewer
    from wingdesk.services.wing import WingServices

_KINDS = frozenset(str(k) for k in RecordKind)
_WRITES = frozenset({"create", "revise"})


class RecordDeletion:
    """Owns the button; `ask_password(session, tasks, reason, parent)` and `exec_dialog` are replaced in tests."""

    def __init__(self, session: WingServices, tasks: TaskRunner, viewer: AuditViewer,
                 ask_password: Callable[..., Any], show_ok: Callable[[str], None],
                 show_error: Callable[[BaseException], None]) -> None:
        self.session, self.tasks, self.viewer = session, tasks, viewer
        self.ask_password, self.show_ok, self.show_error = ask_password, show_ok, show_error
        self.exec_dialog: Callable[[QDialog], bool] = lambda dialog: dialog.exec() == QDialog.DialogCode.Accepted
        self.button = QPushButton()
        self.button.setEnabled(False)
        self.button.clicked.connect(self.delete_selected)
        viewer.view.selectionModel().currentRowChanged.connect(self._update)
        viewer.model.modelReset.connect(self._update)
        viewer.add_action(self.button)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.button.setText(_("&Delete record…"))
        self.button.setAccessibleName(_("Delete the record of the selected entry"))

    def selected(self) -> tuple[str, str, str] | None:
        """(record id, record kind, object in words) of the selected entry, when it wrote a record."""
        index = self.viewer.view.currentIndex()
        entry = self.viewer.model.entry(index.row()) if index.isValid() else None
        if entry is None or entry.action not in _WRITES:
            return None
        kind, _sep, rest = entry.object.partition(":")
        record_id = rest.partition(":")[0]
        if kind not in _KINDS or not record_id:
            return None
        ref = self.viewer.model.object_ref(entry.seq)
        return record_id, kind, object_text(ref) if ref is not None else kind

    def _update(self, *_args: Any) -> None:
        self.button.setEnabled(self.selected() is not None)

    def delete_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        record_id, _kind, what = chosen
        dialog = DeleteRecordDialog(what, record_id, self.viewer)
        accepted, reason = self.exec_dialog(dialog), dialog.reason_text()
        dialog.deleteLater()
        if not accepted or not self.ask_password(self.session, self.tasks, _(
                "Deleting a record removes its text for good."), self.viewer):
            return
        deletion = self.session.deletion
        self.tasks.run(lambda: deletion.delete_record(record_id, reason), self._on_deleted, self.show_error)

    def _on_deleted(self, _stone: Any) -> None:
        self.show_ok(_("The record was deleted. The deletion, with its reason, is in the audit log."))
        self.viewer.refresh()
