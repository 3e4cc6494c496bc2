"""A note added beside a record about a prisoner, never into it (issue 19): the prisoner's own comment, or a
decision to withhold a record from the prisoner's subject-access copy (or lift that) with its reason."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from wingdesk.domain.records import Record
from wingdesk.gui.dialogs.text_beside_dialog import TextBesideDialog
from wingdesk.gui.tasks import TaskRunner
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


class RecordNoteDialog(TextBesideDialog):
    """Runs `save(text)` in the background; accepted once it is stored, the error shown in place otherwise."""

    def __init__(self, tasks: TaskRunner, record: Record, purpose: str, save: Callable[[str], Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(tasks, RecordCard(record), parent)
        self.record, self.purpose, self._save = record, purpose, save
        self.setMinimumSize(560, 440)
        self.layout_.addStretch(1)
        title, hint, caption, self.empty_message = _texts(purpose)
        self.discard_question = _("Discard what you have written?")
        self.setWindowTitle(title)
        self.hint.setText(hint)
        self.caption.setText(caption)
        self.text.setAccessibleName(caption.replace("&", ""))
        self.save_button.setText(_("&Save (Ctrl+Enter)"))
        self.text.setFocus()

    def _store(self, text: str) -> Any:
        return self._save(text)
