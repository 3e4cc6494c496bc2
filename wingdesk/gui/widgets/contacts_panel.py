"""Contacts log of one prisoner (family, religious counsellor, mentor, probation...): list and add."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wingdesk.domain.errors import ValidationError
from wingdesk.domain.kinds.treatment import CONTACT_FIELDS
from wingdesk.domain.roles import Role
from wingdesk.gui.labels import code_label as label
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.widgets.field_form import FieldForm
from wingdesk.gui.widgets.message_bar import MessageBar
from wingdesk.i18n import _
from wingdesk.i18n.formats import format_date
from wingdesk.services.policy import Action, Resource, scope_for

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices


class ContactsPanel(QWidget):
    def __init__(self, session: WingServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks = session, tasks
        self.prisoner_id: str | None = None
        self.can_write = scope_for(Role(session.user.role), Action.CREATE, Resource.CONTACT) is not None
        self.bar = MessageBar()
        self.table = QTableWidget(0, 5)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.add_box = QGroupBox()
        self.form = FieldForm(CONTACT_FIELDS)
        self.save_button = QPushButton()
        box = QVBoxLayout(self.add_box)
        box.addWidget(self.form)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        box.addLayout(row)
        self.add_box.setVisible(self.can_write)
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        left.addWidget(self.bar)
        left.addWidget(self.table, 1)
        layout.addLayout(left, 3)
        layout.addWidget(self.add_box, 2)
        self.save_button.clicked.connect(self._on_save)
        self.form.submitted.connect(self._on_save)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.table.setAccessibleName(_("Contacts log"))
        self.table.setHorizontalHeaderLabels([_("Date"), _("Type"), _("Name"), _("Kind"), _("Summary")])
        self.add_box.setTitle(_("Log a contact"))
        self.save_button.setText(_("Save &contact (Ctrl+Enter)"))
        self.save_button.setAccessibleName(_("Save contact"))
        self.form.retranslate_ui()

    def load(self, prisoner_id: str | None) -> None:
        self.prisoner_id = prisoner_id
        self.table.setRowCount(0)
        if prisoner_id:
            contacts = self.session.contacts
            self.tasks.run(lambda: contacts.contacts(prisoner_id), self._on_contacts, self.bar.show_error)

    def _on_contacts(self, records: list[Any]) -> None:
        self.table.setRowCount(len(records))
        for row, record in enumerate(records):
            body = record.body
            values = (format_date(record.occurred_at[:10]), label(str(body.get("contact_type", ""))),
                      str(body.get("name", "")), label(str(body.get("contact_kind", ""))),
                      " ".join(str(body.get("summary", "")).split()))
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(row, col, item)

    def _on_save(self) -> None:
        pid = self.prisoner_id
        if not pid or not self.form.validate():
            return
        values = {k: v for k, v in self.form.values().items() if v not in (None, "")}
        contacts = self.session.contacts
        args = {k: values.pop(k) for k in ("contact_type", "name", "contact_kind", "summary")}
        self.tasks.run(lambda: contacts.log_contact(pid, **args, **values), self._on_saved, self._on_failed)

    def _on_saved(self, _record: Any) -> None:
        self.form.clear()
        self.bar.show_ok(_("Contact saved."))
        self.load(self.prisoner_id)

    def _on_failed(self, error: BaseException) -> None:
        if not (isinstance(error, ValidationError) and self.form.show_error(error)):
            self.bar.show_error(error)
