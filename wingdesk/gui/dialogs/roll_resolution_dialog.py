"""Close an open roll discrepancy (issue 14 item 4, domain.md scenario 1): when it was resolved, where the missing
prisoner was and who checked; saved as a "roll discrepancy resolved" entry in today's wing log."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from wingdesk.domain.errors import ValidationError
from wingdesk.domain.kinds.wing_log import ENTRY_FIELDS
from wingdesk.gui.labels import code_label, error_text
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.when import when
from wingdesk.gui.widgets.field_form import FieldForm
from wingdesk.i18n import _

if TYPE_CHECKING:
    from wingdesk.domain.records import Record
    from wingdesk.services.wing import WingServices

RESOLUTION_FIELDS = tuple(f for f in ENTRY_FIELDS["ROLL_RESOLUTION"] if f.name != "roll_entry")


def roll_text(roll: Record) -> str:
    """The count a resolution closes: "Roll count (Formal), 7 Dec 2026 at 08:30: 47 of 48"."""
    body = roll.body
    return _("Roll count ({kind}), {when}: {counted} of {expected}").format(
        kind=code_label(body.get("roll_kind")), when=when(roll.occurred_at), counted=body.get("counted"),
        expected=body.get("expected"))


class RollResolutionDialog(QDialog):
    def __init__(self, session: WingServices, tasks: TaskRunner, roll: Record, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks, self.roll = session, tasks, roll
        self.entry: Any = None
        self.summary, self.error = QLabel(), QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-weight: 600;")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.error.hide()
        self.form = FieldForm(RESOLUTION_FIELDS)
        self.form.set_value("checked_by", session.user.display_name)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.form.submitted.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(620)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Resolve a roll discrepancy"))
        self.summary.setText(roll_text(self.roll))
        self.form.retranslate_ui()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Resolve"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))

    def save(self) -> None:
        self.error.hide()
        if not self.form.validate():
            return
        v, movements, roll_id = self.form.values(), self.session.movements, self.roll.id
        self.buttons.setEnabled(False)
        self.tasks.run(lambda: movements.resolve_discrepancy(roll_id, v["resolved_at"], v["whereabouts"],
                                                             v["checked_by"], v.get("text") or ""),
                       self._on_saved, self._on_refused)

    def _on_saved(self, entry: Any) -> None:
        self.entry = entry
        self.accept()

    def _on_refused(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(error, ValidationError) and self.form.show_error(error):
            return
        self.error.setText(error_text(error))
        self.error.show()
