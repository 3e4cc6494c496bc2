"""Correct a log entry of a day not yet submitted: the entry is shown as it is, the correction goes below it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from wingdesk.domain.records import Record
from wingdesk.gui.labels import error_text
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.widgets.entry_detail import EntryDetail
from wingdesk.gui.widgets.message_bar import ask_yes_no
from wingdesk.i18n import _

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices


class CorrectionDialog(QDialog):
    """Saves `session.logs.correct_entry(entry, text)` in the background; accepted once it is stored."""

    def __init__(self, session: WingServices, tasks: TaskRunner, record: Record, prisoner: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks, self.record = session, tasks, record
        self.setMinimumSize(560, 480)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.entry = EntryDetail()
        self.entry.show_record(record, prisoner)
        self.caption = QLabel()
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setMaximumHeight(120)
        self.caption.setBuddy(self.text)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)
        layout = QVBoxLayout(self)
        for widget in (self.hint, self.entry, self.caption, self.text, self.error, self.buttons):
            layout.addWidget(widget)
        layout.setStretchFactor(self.entry, 1)
        self.retranslate_ui()
        self.text.setFocus()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Correct entry"))
        self.hint.setText(_("The entry stays as it was. Your correction is added below it, with your name and the "
                            "time."))
        self.caption.setText(_("&Correction"))
        self.text.setAccessibleName(_("Correction"))
        self.save_button.setText(_("&Save correction (Ctrl+Enter)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))

    def save(self) -> None:
        text = self.text.toPlainText()
        if not text.strip():
            self._show_error(_("Write the correction first."))
            return
        if not self.save_button.isEnabled():
            return
        self.save_button.setEnabled(False)
        logs, entry_id = self.session.logs, self.record.id
        self.tasks.run(lambda: logs.correct_entry(entry_id, text), self._on_saved, self._on_failed)

    def _on_saved(self, _note: Any) -> None:
        self.accept()

    def reject(self) -> None:
        """Esc or Cancel: a written correction is not thrown away without asking (Cancel is the default answer)."""
        if self.text.toPlainText().strip() and not ask_yes_no(self, self.windowTitle(), _(
                "Discard the correction you have written?"), _("Discard")):
            return
        super().reject()

    def _on_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self._show_error(error_text(error))

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.text.setFocus()
