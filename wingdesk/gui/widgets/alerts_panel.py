"""A prisoner's alerts on the prisoner page: in force first, lapsed and ended after; raise, review and end for
the roles the policy allows; the selected alert's history (raised, each review, ended) underneath."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wingdesk.domain.kinds.alert import ACTIVE, ENDED
from wingdesk.gui.labels import code_label, field_label, role_label
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.when import day_text, when
from wingdesk.gui.widgets.message_bar import MessageBar
from wingdesk.i18n import _
from wingdesk.services.policy import Action, Resource, scope_for

if TYPE_CHECKING:
    from wingdesk.services.alerts import AlertView
    from wingdesk.services.wing import WingServices


def alert_line(view: AlertView) -> str:
    body = view.record.body
    parts = [_("{alert} ({state})").format(alert=code_label(body.get("code")), state=code_label(view.state)),
             _("from {date}").format(date=day_text(body.get("active_from")))]
    if body.get("review_date") and view.state != ENDED:
        parts.append(_("review by {date}").format(date=day_text(body["review_date"])))
    if body.get("active_to"):
        parts.append(_("until {date}").format(date=day_text(body["active_to"])))
    return ", ".join(parts)


def history_text(revisions: list[Any]) -> str:
    """Raised, each review and the end, oldest first, each with its author, time and reason."""
    lines = []
    for r in revisions:
        body, who = r.body, _("{author}, {when}").format(author=r.author_name, when=when(r.recorded_at))
        if r.revision == 1:
            lines.append(_("Raised ({who}): {text}").format(who=who, text=body.get("description", "")))
            if body.get("carried_from"):  # issue 19 item 1: written here on accepting a transfer
                lines.append(_("Carried from {prison}: originally written there by {author} ({role}) on {date}.")
                             .format(prison=body["carried_from"], author=body.get("carried_author") or "",
                                     role=role_label(body.get("carried_author_role") or ""),
                                     date=day_text(body.get("carried_written_on"))))
        elif r.status == ENDED:
            lines.append(_("Ended ({who}): {text}").format(who=who, text=body.get("end_reason", "")))
        else:
            lines.append(_("Reviewed ({who}): {text}").format(who=who, text=body.get("review_note", "")))
    return "\n".join(lines)


class AlertsPanel(QGroupBox):
    changed = Signal()  # an alert was raised, reviewed or ended here: the profile's alert line follows

    def __init__(self, session: WingServices, tasks: TaskRunner, prisoner_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks, self.prisoner_id = session, tasks, prisoner_id
        self.views: list[AlertView] = []
        role = session.user.role
        self.can_raise = scope_for(role, Action.CREATE, Resource.ALERT) is not None
        self.can_change = scope_for(role, Action.ANNOTATE, Resource.ALERT) is not None
        self.bar = MessageBar()
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._on_selected)
        self.history = QLabel()
        self.history.setWordWrap(True)
        self.history.setTextFormat(Qt.TextFormat.PlainText)
        self.history.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.raise_button, self.review_button, self.end_button = QPushButton(), QPushButton(), QPushButton()
        self.original_button = QPushButton()  # issue 19 item 1: a carried alert's original, signature checked
        self.original_button.hide()
        self.original_button.clicked.connect(self._on_original)
        self.raise_button.setVisible(self.can_raise)
        for button in (self.review_button, self.end_button):
            button.setVisible(self.can_change)
            button.setEnabled(False)
        self.raise_button.clicked.connect(lambda: self._open("raise"))
        self.review_button.clicked.connect(lambda: self._open("review"))
        self.end_button.clicked.connect(lambda: self._open("end"))
        buttons = QHBoxLayout()
        for button in (self.raise_button, self.review_button, self.end_button, self.original_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.bar)
        layout.addWidget(self.list)
        layout.addWidget(self.history)
        layout.addLayout(buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(_("Alerts"))
        self.list.setAccessibleName(_("Alerts"))
        self.raise_button.setText(_("Raise alert…"))
        self.review_button.setText(_("Review…"))
        self.end_button.setText(_("End…"))
        self.original_button.setText(_("Check the original"))
        self._render()

    def refresh(self) -> None:
        alerts, pid = self.session.alerts, self.prisoner_id
        self.tasks.run(lambda: alerts.for_prisoner(pid), self._on_loaded, self.bar.show_error)

    def _on_loaded(self, views: list[AlertView]) -> None:
        self.views = views
        self._render()

    def _render(self) -> None:
        row = self.list.currentRow()
        self.list.clear()
        for view in self.views:
            item = QListWidgetItem(alert_line(view))
            item.setForeground(QColor("#b3261e" if view.state == ACTIVE else "#555555"))
            self.list.addItem(item)
        if not self.views:
            empty = QListWidgetItem(_("No alerts."))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(empty)
        rows = min(4, max(1, self.list.count()))  # as tall as its alerts, up to four rows; the timeline keeps the rest
        self.list.setFixedHeight(rows * max(self.list.sizeHintForRow(0), 18) + 2 * self.list.frameWidth() + 4)
        self.list.setCurrentRow(min(row, len(self.views) - 1) if row >= 0 else (0 if self.views else -1))
        self._on_selected(self.list.currentRow())

    def current(self) -> AlertView | None:
        row = self.list.currentRow()
        return self.views[row] if 0 <= row < len(self.views) else None

    def _on_selected(self, _row: int) -> None:
        view = self.current()
        open_alert = view is not None and view.state != ENDED
        self.review_button.setEnabled(open_alert)
        self.end_button.setEnabled(open_alert)
        self.history.setVisible(view is not None)
        self.original_button.setVisible(view is not None and bool(view.record.body.get("carried_record_id")))
        if view is not None:
            alerts, alert_id = self.session.alerts, view.record.id
            self.tasks.run(lambda: alerts.history(alert_id), self._on_history, self.bar.show_error)

    def _on_history(self, revisions: list[Any]) -> None:
        view = self.current()
        if view is not None and revisions and revisions[0].id == view.record.id:
            self.history.setText(history_text(revisions))
            self.history.setAccessibleName(field_label("description"))

    def _on_original(self) -> None:
        view = self.current()
        if view is None:
            return
        carried, alert_id = self.session.carried, view.record.id
        self.tasks.run(lambda: carried.original_alert(alert_id), self._on_original_loaded, self.bar.show_error)

    def _on_original_loaded(self, item: Any) -> None:
        from wingdesk.gui.widgets.carried_panel import signature_text

        view = self.current()
        if view is None or view.record.body.get("carried_record_id") != item.record.id:
            return
        prison = str(view.record.body.get("carried_from") or "")
        original = _("Original as signed at {prison} by {author} on {date}: {text}").format(
            prison=prison, author=item.record.author_name, date=day_text(item.record.recorded_at[:10]),
            text=item.record.body.get("description", ""))
        self.history.setText("\n".join((self.history.text(), original, signature_text(item.signature, prison))))

    def _open(self, mode: str) -> None:
        from wingdesk.gui.dialogs.alert_dialog import AlertDialog

        view = self.current()
        dialog = AlertDialog(self.session, self.tasks, mode, self.prisoner_id,
                             None if mode == "raise" or view is None else view.record, self)
        dialog.saved.connect(self._on_saved)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    def _on_saved(self, _record: Any) -> None:
        self.bar.show_ok(_("Alert saved."))
        self.refresh()
        self.changed.emit()
