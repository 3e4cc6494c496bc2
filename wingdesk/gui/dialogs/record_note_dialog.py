"""A note added beside a record about a prisoner, never into it (issue 19): the prisoner's own comment, or a
decision to withhold a record from the prisoner's subject-access copy (or lift that) with its reason."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from wingdesk.domain.records import Record
from wingdesk.gui.labels import error_text
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.widgets.message_bar import ask_yes_no
from wingdesk.gui.widgets.record_card import RecordCard
from wingdesk.i18n import _

COMMENT, WITHHOLD, DISCLOSE = "comment", "withhold", "disclose"


def _texts(purpose: str) -> tuple[str, str, str, str]:
    """(window title, hint, caption, what an empty box is told) per purpose."""
    if purpose == COMMENT:
        return (_("Prisoner's comment"), _("Write down what the prisoner says about this record, in their words. The "
                                           "record stays as it is; the comment is kept beside it with your name."),
                _("&Prisoner's comment"), _("Write the prisoner's comment first."))
    if purpose == WITHHOLD:
        return (_("Withhold from the prisoner's copy"),
                _("This record will be left out of the prisoner's subject-access copy until someone discloses it. "
                  "Give the legal reason: it is kept on the wing, never shown to the prisoner or to the author."),
                _("&Reason for withholding"), _("Give the reason first."))
    return (_("Disclose in the prisoner's copy"), _("This record will be part of the prisoner's subject-access copy "
                                                    "again. Say why the reason for withholding no longer holds."),
            _("&Reason for disclosing"), _("Give the reason first."))


class RecordNoteDialog(QDialog):
    """Runs `save(text)` in the background; accepted once it is stored, the error shown in place otherwise."""

    def __init__(self, tasks: TaskRunner, record: Record, purpose: str, save: Callable[[str], Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks, self.record, self.purpose, self._save = tasks, record, purpose, save
        self.setMinimumSize(560, 440)
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
        layout = QVBoxLayout(self)
        for widget in (self.hint, RecordCard(record), self.caption, self.text, self.error, self.buttons):
            layout.addWidget(widget)
        layout.addStretch(1)
        title, hint, caption, _empty = _texts(purpose)
        self.setWindowTitle(title)
        self.hint.setText(hint)
        self.caption.setText(caption)
        self.text.setAccessibleName(caption.replace("&", ""))
        self.save_button.setText(_("&Save (Ctrl+Enter)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.text.setFocus()

    def save(self) -> None:
        text = self.text.toPlainText()
        if not text.strip():
            self._show_error(_texts(self.purpose)[3])
            return
        if not self.save_button.isEnabled():
            return
        self.save_button.setEnabled(False)
        self.tasks.run(lambda: self._save(text), lambda _note: self.accept(), self._on_failed)

    def reject(self) -> None:
        """Esc or Cancel: written text is not thrown away without asking."""
        if self.text.toPlainText().strip() and not ask_yes_no(self, self.windowTitle(), _(
                "Discard what you have written?"), _("Discard")):
            return
        super().reject()

    def _on_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self._show_error(error_text(error))

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.text.setFocus()
