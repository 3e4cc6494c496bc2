"""Correct a log entry of a day not yet submitted: the entry is shown as it is, the correction goes below it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialogButtonBox, QWidget

from wingdesk.domain.records import Record
from wingdesk.gui.dialogs.text_beside_dialog import TextBesideDialog
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.widgets.entry_detail import EntryDetail
from wingdesk.i18n import _

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices


class CorrectionDialog(TextBesideDialog):
    """Saves `session.logs.correct_entry(entry, text)` in the background; accepted once it is stored."""

    def __init__(self, session: WingServices, tasks: TaskRunner, record: Record, prisoner: str = "",
                 parent: QWidget | None = None) -> None:
        self.entry = EntryDetail()
        self.entry.show_record(record, prisoner)
        super().__init__(tasks, self.entry, parent)
        self.session, self.record = session, record
        self.setMinimumSize(560, 480)
        self.layout_.setStretchFactor(self.entry, 1)
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
        self.empty_message = _("Write the correction first.")
        self.discard_question = _("Discard the correction you have written?")

    def _store(self, text: str) -> Any:
        return self.session.logs.correct_entry(self.record.id, text)
