"""Raise, review or end an alert: a small form per step, saved in the background; errors shown under the field."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from wingdesk.domain import codes
from wingdesk.domain.errors import ValidationError
from wingdesk.domain.kinds.alert import WELFARE_CODES
from wingdesk.domain.records import Record
from wingdesk.domain.roles import Role
from wingdesk.domain.schema import Field
from wingdesk.gui.labels import code_label, error_text
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.widgets.field_form import FieldForm
from wingdesk.i18n import _

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices

RAISE, REVIEW, END = "raise", "review", "end"
REVIEW_AFTER_DAYS = 90  # the review date a new alert is offered (changeable)


def _fields(mode: str, role: Role) -> tuple[Field, ...]:
    if mode == RAISE:
        allowed = WELFARE_CODES if role is Role.TREATMENT else codes.ALERT_CODES
        return (Field("code", "choice", True, allowed), Field("description", "text", True),
                Field("active_from", "date", True), Field("review_date", "date"), Field("active_to", "date"))
    if mode == REVIEW:
        return (Field("review_note", "text", True), Field("review_date", "date", True), Field("active_to", "date"))
    return (Field("active_to", "date", True), Field("end_reason", "text", True))


class AlertDialog(QDialog):
    saved = Signal(object)  # the saved alert revision

    def __init__(self, session: WingServices, tasks: TaskRunner, mode: str, prisoner_id: str,
                 alert: Record | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks, self.mode, self.prisoner_id, self.alert = session, tasks, mode, prisoner_id, alert
        self.setMinimumWidth(520)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.form = FieldForm(_fields(mode, session.user.role), choose_explicitly=mode == RAISE)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.form.submitted.connect(self.save)
        layout = QVBoxLayout(self)
        for widget in (self.hint, self.form, self.error, self.buttons):
            layout.addWidget(widget)
        today = date.today()
        if mode == RAISE:
            self.form.set_value("review_date", (today + timedelta(days=REVIEW_AFTER_DAYS)).isoformat())
        elif alert is not None and mode == REVIEW:
            self.form.set_values({"review_date": (today + timedelta(days=REVIEW_AFTER_DAYS)).isoformat(),
                                  "active_to": alert.body.get("active_to")})
        self.retranslate_ui()
        first = self.form.first_editor()
        if first is not None:
            first.setFocus()

    def retranslate_ui(self) -> None:
        alert = code_label(self.alert.body.get("code")) if self.alert else ""
        titles = {RAISE: _("Raise an alert"), REVIEW: _("Review alert: {alert}").format(alert=alert),
                  END: _("End alert: {alert}").format(alert=alert)}
        hints = {RAISE: _("Say what staff must know and do. Give a review date or an end date: alerts are reviewed "
                          "or they lapse."),
                 REVIEW: _("The review is added as a new version of the alert; the earlier versions stay."),
                 END: _("Ending keeps the alert and its history; it is no longer active from the day after the end "
                        "date.")}
        self.setWindowTitle(titles[self.mode])
        self.hint.setText(hints[self.mode])
        self.save_button.setText({RAISE: _("&Raise alert"), REVIEW: _("&Save review"), END: _("&End alert")}[self.mode])
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.form.retranslate_ui()

    def save(self) -> None:
        if not self.save_button.isEnabled() or not self.form.validate():
            return
        v = self.form.values()
        alerts, pid, alert_id = self.session.alerts, self.prisoner_id, self.alert.id if self.alert else ""
        work: Any
        if self.mode == RAISE:
            def work() -> Record:
                return alerts.raise_alert(pid, v["code"], v["description"], v["active_from"], v["active_to"],
                                          v["review_date"])
        elif self.mode == REVIEW:
            def work() -> Record:
                return alerts.review_alert(alert_id, v["review_note"], v["review_date"], v["active_to"])
        else:
            def work() -> Record:
                return alerts.end_alert(alert_id, v["end_reason"], v["active_to"])
        self.save_button.setEnabled(False)
        self.error.hide()
        self.tasks.run(work, self._on_saved, self._on_failed)

    def _on_saved(self, record: Record) -> None:
        self.saved.emit(record)
        self.accept()

    def _on_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if not (isinstance(error, ValidationError) and self.form.show_error(error)):
            self.error.setText(error_text(error))
            self.error.show()
