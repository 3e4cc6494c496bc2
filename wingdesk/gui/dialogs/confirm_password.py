"""Re-ask the signed-in user's passphrase before countersigning or exporting (checked off the UI thread)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QProgressBar, QVBoxLayout, QWidget

from wingdesk.gui.tasks import TaskRunner
from wingdesk.i18n import _

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices


class ConfirmPasswordDialog(QDialog):
    def __init__(self, session: WingServices, tasks: TaskRunner, reason: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks = session, tasks
        self.setWindowTitle(_("Confirm it is you"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        self.reason_label = QLabel(reason)
        self.reason_label.setWordWrap(True)
        self.edit = QLineEdit()
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setAccessibleName(_("Passphrase"))
        self.edit.setPlaceholderText(_("Your passphrase"))
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b00020")
        self.error_label.hide()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Confirm"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self._on_confirm)
        self.buttons.rejected.connect(self.reject)
        for widget in (self.reason_label, self.edit, self.error_label, self.busy, self.buttons):
            layout.addWidget(widget)
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_confirm(self) -> None:
        text = self.edit.text()
        self.edit.clear()
        self.busy.show()
        self.buttons.setEnabled(False)
        self.tasks.run(lambda: self.session.users.confirm_identity(text), self._on_checked, self._on_failed)

    def _on_checked(self, ok: object) -> None:
        self.busy.hide()
        self.buttons.setEnabled(True)
        if ok:
            self.accept()
        else:
            self.error_label.setText(_("That passphrase is not right."))
            self.error_label.show()
            self.edit.setFocus()

    def _on_failed(self, _error: object) -> None:
        self._on_checked(False)


def ask_password(session: WingServices, tasks: TaskRunner, reason: str, parent: QWidget | None = None) -> bool:
    """True when the user re-entered their own passphrase correctly."""
    dialog = ConfirmPasswordDialog(session, tasks, reason, parent)
    result = dialog.exec()
    dialog.deleteLater()
    QEventLoop().processEvents()
    return result == QDialog.DialogCode.Accepted
