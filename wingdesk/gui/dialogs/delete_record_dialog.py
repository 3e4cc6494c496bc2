"""The administrator's hard delete of one record (services.deletion): what goes, what stays, and the reason."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from wingdesk.i18n import _


class DeleteRecordDialog(QDialog):
    """Asks for the reason; accepted only with one written (the service refuses a blank reason as well)."""

    def __init__(self, what: str, record_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(560)
        self.what, self.record_id = what, record_id
        self.hint, self.target, self.caption, self.error = QLabel(), QLabel(), QLabel(), QLabel()
        for label in (self.hint, self.target, self.error):
            label.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.error.hide()
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setMinimumHeight(80)  # takes the height a wrapped hint leaves over (no gap between the lines)
        self.caption.setBuddy(self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.delete_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.delete_button.setAutoDefault(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.hint, self.target, self.caption, self.reason, self.error, self.buttons):
            layout.addWidget(widget, 1 if widget is self.reason else 0)
        self.retranslate_ui()
        self.reason.setFocus()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Delete a record"))
        self.hint.setText(_("Only for a record written about the wrong person or a court order. The record's text, "
                            "its corrections and answers are removed for good. What stays: who wrote it, who "
                            "deleted it, when and why, signed with your key and shown to the governor."))
        self.target.setText(_("Record: {what} (No. {id})").format(what=self.what, id=self.record_id))
        self.caption.setText(_("&Reason for deleting"))
        self.reason.setAccessibleName(_("Reason for deleting"))
        self.delete_button.setText(_("&Delete the record"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))

    def accept(self) -> None:
        if not self.reason.toPlainText().strip():
            self.error.setText(_("Write the reason first."))
            self.error.show()
            self.reason.setFocus()
            return
        super().accept()

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()
