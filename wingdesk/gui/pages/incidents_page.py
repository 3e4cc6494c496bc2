"""Incident reports: the list on the left, the chosen report on the right; officers raise and fill in drafts and
send them for review, the supervisor closes them; security and the governor read."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from wingdesk.domain.errors import ValidationError
from wingdesk.domain.kinds.incident import INCIDENT, PRISONER_ROLES, STAFF_ROLES
from wingdesk.domain.roles import Role
from wingdesk.gui.labels import code_label
from wingdesk.gui.prisoner_names import prisoner_label
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.widgets.field_form import FieldForm
from wingdesk.gui.widgets.happened_at import HappenedAt
from wingdesk.gui.widgets.message_bar import MessageBar
from wingdesk.gui.widgets.people_list import PeopleList
from wingdesk.gui.widgets.prisoner_picker import load_prisoners
from wingdesk.i18n import _
from wingdesk.i18n.formats import format_datetime
from wingdesk.services.policy import Action, Resource, scope_for

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices

FORM_FIELDS = tuple(f for f in INCIDENT.fields if f.kind != "list" and f.name not in ("status", "source_entry_id"))


class IncidentsPage(QWidget):
    prisoner_requested = Signal(str)

    def __init__(self, session: WingServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks = session, tasks
        role = Role(session.user.role)
        self.can_create = scope_for(role, Action.CREATE, Resource.INCIDENT) is not None
        self.can_close = scope_for(role, Action.APPROVE, Resource.INCIDENT) is not None
        self.incidents: list[Any] = []
        self.current: Any = None
        self.heading, self.bar, self.status_label = QLabel(), MessageBar(), QLabel()
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600")
        self.status_label.setStyleSheet("font-weight: 600")
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.new_button = QPushButton()
        self.new_button.setVisible(self.can_create)
        self.when = HappenedAt()
        self.when_caption = QLabel()
        self.when_caption.setBuddy(self.when)
        self.form = FieldForm(FORM_FIELDS, choose_explicitly=True)
        self.prisoners = PeopleList("prisoners", "prisoner_id", PRISONER_ROLES)
        self.staff = PeopleList("staff", "user_id", STAFF_ROLES)
        self.save_button, self.review_button, self.close_button = QPushButton(), QPushButton(), QPushButton()
        self._build()
        self.list.currentRowChanged.connect(self._on_row)
        self.new_button.clicked.connect(self.start_new)
        self.save_button.clicked.connect(self._on_save)
        self.form.submitted.connect(self._on_save)
        self.review_button.clicked.connect(self._on_review)
        self.close_button.clicked.connect(self._on_close)
        self.retranslate_ui()

    def _build(self) -> None:
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(self.list, 1)
        left_box.addWidget(self.new_button)
        editor = QWidget()
        box = QVBoxLayout(editor)
        when_row = QHBoxLayout()
        when_row.addWidget(self.when_caption)
        when_row.addWidget(self.when)
        when_row.addStretch(1)
        when_row.addWidget(self.status_label)
        box.addLayout(when_row)
        box.addWidget(self.form)
        box.addWidget(self.prisoners)
        box.addWidget(self.staff)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # fit the width
        left.setMaximumWidth(340)
        scroll.setWidget(editor)
        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        right_box.addWidget(scroll, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.close_button, self.review_button, self.save_button):
            buttons.addWidget(button)
        right_box.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([300, 700])
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.bar)
        layout.addWidget(split, 1)

    def title(self) -> str:
        return _("Incidents")

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Incident reports"))
        self.new_button.setText(_("&New incident"))
        self.when_caption.setText(_("Happened at"))
        self.save_button.setText(_("&Save (Ctrl+Enter)"))
        self.review_button.setText(_("Send for &review"))
        self.close_button.setText(_("&Close incident"))
        self.list.setAccessibleName(_("Incident reports"))
        for widget in (self.form, self.prisoners, self.staff):
            widget.retranslate_ui()
        self._fill_list()
        self._show(self.current)

    # --- loading -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        def load() -> tuple[list[Any], list[tuple[str, str]], list[tuple[str, str]]]:
            prisoners = [(p.id, prisoner_label(p)) for p in load_prisoners(self.session)]
            return self.session.incidents.recent(), prisoners, self.session.incidents.staff_choices()

        self.tasks.run(load, self._on_loaded, self.bar.show_error)

    def _on_loaded(self, loaded: tuple[list[Any], list[tuple[str, str]], list[tuple[str, str]]]) -> None:
        self.incidents, prisoners, staff = loaded
        self.prisoners.set_choices(prisoners)
        self.staff.set_choices(staff)
        keep = self.current.id if self.current is not None else None
        self._fill_list()
        row = next((n for n, r in enumerate(self.incidents) if r.id == keep), 0 if self.incidents else -1)
        if row >= 0:
            self.list.blockSignals(True)
            self.list.setCurrentRow(row)
            self.list.blockSignals(False)
            self._show(self.incidents[row])
        else:
            self.start_new()

    def _fill_list(self) -> None:
        self.list.blockSignals(True)
        row = self.list.currentRow()
        self.list.clear()
        for record in self.incidents:
            text = _("{when} · {type} · {status}").format(
                when=format_datetime(record.occurred_at), type=code_label(record.body.get("incident_type", "")),
                status=code_label(record.body.get("status", "")))
            item = QListWidgetItem(text + "\n" + str(record.body.get("description", ""))[:80])
            self.list.addItem(item)
        self.list.setCurrentRow(row)
        self.list.blockSignals(False)

    # --- showing -----------------------------------------------------------------------------------
    def _on_row(self, row: int) -> None:
        if 0 <= row < len(self.incidents):
            self._show(self.incidents[row])

    def start_new(self) -> None:
        self.list.clearSelection()
        self._show(None)
        self.form.clear()
        self.when.reset_to_now()
        self.bar.clear_message()

    def _show(self, record: Any) -> None:
        self.current = record
        body = record.body if record is not None else {}
        status = body.get("status", "DRAFT")
        editable = self._may_edit(record)
        self.form.clear_errors()
        if record is not None:
            self.form.set_values({f.name: body.get(f.name) for f in FORM_FIELDS})
            self.when.set_utc_iso(record.occurred_at)
        self.prisoners.set_items(body.get("prisoners", []))
        self.staff.set_items(body.get("staff", []))
        self.status_label.setText(_("Status: {status}").format(status=code_label(status)))
        self.form.set_read_only(not editable)
        self.form.editors["review_note"].setEnabled(self.can_close and status == "AWAITING_REVIEW")
        self.when.setEnabled(record is None and editable)
        self.prisoners.set_read_only(not editable)
        self.staff.set_read_only(not editable)
        self.save_button.setVisible(editable)
        self.review_button.setVisible(editable and status == "DRAFT" and record is not None)
        self.close_button.setVisible(self.can_close and status == "AWAITING_REVIEW")

    def _may_edit(self, record: Any) -> bool:
        if record is None:
            return self.can_create
        status = record.body.get("status")
        if status == "CLOSED":
            return False
        if self.can_close:
            return True
        return self.can_create and status == "DRAFT" and record.author_id == self.session.user.id

    # --- actions -----------------------------------------------------------------------------------
    def _changes(self) -> dict[str, Any]:
        values = {k: v for k, v in self.form.values().items() if k != "review_note"}
        return {**values, "prisoners": self.prisoners.items(), "staff": self.staff.items()}

    def _run(self, work: Any, done_text: str) -> None:
        self.bar.clear_message()
        self.tasks.run(work, lambda record: self._done(record, done_text), self._failed)

    def _done(self, record: Any, text: str) -> None:
        self.current = record
        self.bar.show_ok(text)
        self.refresh()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, ValidationError):
            self.form.show_error(error)  # under its field too, when the field is on the form
        self.bar.show_error(error)

    def _update_first(self, record: Any) -> Any:
        """Work that saves what was typed (if anything changed) before the next step."""
        changes = self._changes()
        changed = any(record.body.get(k) != v and (record.body.get(k) or v) for k, v in changes.items()
                      if k not in ("prisoners", "staff")) or any(
            [(i.get("prisoner_id") or i.get("user_id"), i["role"]) for i in record.body.get(k, [])]
            != [(i.get("prisoner_id") or i.get("user_id"), i["role"]) for i in changes[k]]
            for k in ("prisoners", "staff"))
        return (lambda: self.session.incidents.update(record.id, changes)) if changed else (lambda: None)

    def _on_save(self) -> None:
        if not self.save_button.isVisible():
            return
        changes, current = self._changes(), self.current
        if current is None:
            when = None if self.when.is_now else self.when.utc_iso()
            self._run(lambda: self.session.incidents.create(changes, occurred_at=when), _("Incident saved."))
        else:
            self._run(lambda: self.session.incidents.update(current.id, changes), _("Incident saved."))

    def _on_review(self) -> None:
        current, save = self.current, self._update_first(self.current)

        def send() -> Any:
            save()
            return self.session.incidents.send_for_review(current.id)

        self._run(send, _("Sent to the supervisor for review."))

    def _on_close(self) -> None:
        current, note, save = self.current, self.form.value("review_note"), self._update_first(self.current)

        def close() -> Any:
            save()
            return self.session.incidents.close(current.id, note)

        self._run(close, _("Incident closed."))
