"""Contacts log of one prisoner (family, religious counsellor, mentor, probation...): list and add.

For an outside person (religious counsellor, volunteer or NGO worker, peer mentor) the person is picked from HQ's
vetted list (issue 17 item 3, widgets.vetted_person_picker); the list is read in the background when such a type is
chosen, and a reason is asked for when the person's vetting does not hold here."""

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
from wingdesk.domain.kinds.treatment import CONTACT_FIELDS, CONTACT_PICKED
from wingdesk.domain.roles import Role
from wingdesk.domain.vetted_people import OUTSIDE_CONTACT_TYPES
from wingdesk.gui.labels import code_label as label
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.widgets.field_form import FieldForm
from wingdesk.gui.widgets.message_bar import MessageBar
from wingdesk.gui.widgets.vetted_person_picker import VettedPersonPicker
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
        self.form = FieldForm(tuple(f for f in CONTACT_FIELDS if f.name not in CONTACT_PICKED))
        self.picker = VettedPersonPicker()  # outside people: from HQ's vetted list
        self.picker.hide()
        self._picker_type: str | None = None  # the contact type whose people the picker holds
        self.save_button = QPushButton()
        box = QVBoxLayout(self.add_box)
        box.addWidget(self.form)
        self.form.form.insertRow(1, self.picker)  # right under the type of contact, in the keyboard order too
        chain = [self.form.editors["contact_type"], self.picker.filter, self.picker.list, self.picker.reason,
                 self.form.editors["name"]]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)
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
        self.form.editors["contact_type"].currentIndexChanged.connect(  # type: ignore[attr-defined]
            lambda _index: self._type_changed())
        self.picker.list.currentItemChanged.connect(lambda *_args: self._person_picked())
        self.retranslate_ui()
        self._type_changed()

    def retranslate_ui(self) -> None:
        self.table.setAccessibleName(_("Contacts log"))
        self.table.setHorizontalHeaderLabels([_("Date"), _("Type"), _("Name"), _("Kind"), _("Summary")])
        self.add_box.setTitle(_("Log a contact"))
        self.save_button.setText(_("Save &contact (Ctrl+Enter)"))
        self.save_button.setAccessibleName(_("Save contact"))
        self.form.retranslate_ui()
        self.picker.retranslate_ui()

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

    def _type_changed(self) -> None:
        """An outside person's type shows the vetted list (read in the background); other types hide it."""
        kind = self.form.value("contact_type")
        outside = self.can_write and kind in OUTSIDE_CONTACT_TYPES
        self.picker.setVisible(outside)
        if not outside or kind == self._picker_type:
            return
        self._picker_type = kind
        self.picker.set_people([])
        people = self.session.vetted_people
        self.tasks.run(lambda: people.people(kind), lambda found: self._on_people(kind, found), self.bar.show_error)

    def _on_people(self, kind: str, found: list[Any]) -> None:
        if kind == self._picker_type:  # the type was not changed again meanwhile
            self.picker.set_people(found)

    def _person_picked(self) -> None:
        found = self.picker.picked()
        if found is not None:
            self.form.set_values({"name": found.person.name, "organisation": found.person.organisation,
                                  "vetting_status": "VETTED" if found.standing == "VETTED" else None})

    def _on_save(self) -> None:
        pid = self.prisoner_id
        if not pid:
            return
        form_ok = self.form.validate()
        values = {k: v for k, v in self.form.values().items() if v not in (None, "")}
        outside = values.get("contact_type") in OUTSIDE_CONTACT_TYPES
        if outside and self.picker.needs_reason() and not self.picker.reason_text():
            self.picker.show_reason_missing()  # said together with the form's own errors
            return
        if not form_ok:
            return
        if outside:
            found = self.picker.picked()
            if found is not None:
                values["vetted_person_id"] = found.person.person_id
            if self.picker.reason_text():
                values["vetting_reason"] = self.picker.reason_text()
        contacts = self.session.contacts
        args = {k: values.pop(k) for k in ("contact_type", "name", "contact_kind", "summary")}
        self.tasks.run(lambda: contacts.log_contact(pid, **args, **values), self._on_saved, self._on_failed)

    def _on_saved(self, _record: Any) -> None:
        self.form.clear()
        self.picker.clear()
        self._type_changed()
        self.bar.show_ok(_("Contact saved."))
        self.load(self.prisoner_id)

    def _on_failed(self, error: BaseException) -> None:
        if isinstance(error, ValidationError) and error.params.get("field") == "vetting_reason":
            self.picker.show_reason_missing()
        elif not (isinstance(error, ValidationError) and self.form.show_error(error)):
            self.bar.show_error(error)
