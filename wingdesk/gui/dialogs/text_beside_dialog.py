"""The frame shared by dialogs that add a text beside a record, never into it: the record shown as it is, one text
box, Save in the background (Ctrl+Enter), the error in place, and Esc asking before written text is thrown away.

Subclasses give the record view, the texts and the call that stores the text (`_store`)."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from wingdesk.gui.labels import error_text
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.widgets.message_bar import ask_yes_no
from wingdesk.i18n import _


class TextBesideDialog(QDialog):
    """Accepted once `_store(text)` has run in the background; its error is shown under the text box otherwise."""

    empty_message = ""  # what an empty box is told (set by the subclass, translated)
    discard_question = ""  # asked on Esc or Cancel when text was written

    def __init__(self, tasks: TaskRunner, record_view: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.hint, self.caption, self.error = QLabel(), QLabel(), QLabel()
        self.hint.setWordWrap(True)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.error.hide()
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setMaximumHeight(120)
        self.caption.setBuddy(self.text)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)
        self.layout_ = QVBoxLayout(self)
        for widget in (self.hint, record_view, self.caption, self.text, self.error, self.buttons):
            self.layout_.addWidget(widget)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))

    def _store(self, text: str) -> Any:
        raise NotImplementedError

    def save(self) -> None:
        text = self.text.toPlainText()
        if not text.strip():
            self._show_error(self.empty_message)
            return
        if not self.save_button.isEnabled():
            return
        self.save_button.setEnabled(False)
        self.tasks.run(lambda: self._store(text), lambda _stored: self.accept(), self._on_failed)

    def reject(self) -> None:
        """Esc or Cancel: written text is not thrown away without asking (Cancel is the default answer)."""
        if self.text.toPlainText().strip() and not ask_yes_no(self, self.windowTitle(), self.discard_question,
                                                              _("Discard")):
            return
        super().reject()

    def _on_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self._show_error(error_text(error))

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.text.setFocus()
