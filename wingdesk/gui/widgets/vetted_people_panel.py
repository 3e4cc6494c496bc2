"""The outside people HQ vetted for this prison (issue 17 item 3), on the vetted-people page: name, role,
organisation, the last day of the vetting and where it stands; a vetting that ends within 30 days, or has ended, is
said in words and colour, soonest first. Read in the background through the vetted-people service."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wingdesk.domain.roles import Role
from wingdesk.gui.labels import code_label
from wingdesk.gui.tasks import TaskRunner
from wingdesk.i18n import _, ngettext
from wingdesk.i18n.formats import format_date
from wingdesk.services.policy import Action, Resource, scope_for
from wingdesk.services.vetted_people import VettedStanding

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices

_WARN, _BAD = QColor("#8a5a00"), QColor("#9b1c1c")


def standing_text(found: VettedStanding) -> str:
    if found.standing != "VETTED":
        return code_label(found.standing)
    if found.ends_soon:
        return ngettext("Ends in {n} day", "Ends in {n} days", found.days_left).format(n=found.days_left) \
            if found.days_left else _("Ends today")
    return code_label("VETTED")


class VettedPeoplePanel(QGroupBox):
    def __init__(self, session: WingServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks = session, tasks
        self.allowed = scope_for(Role(session.user.role), Action.READ, Resource.VETTED_PEOPLE) is not None
        self.people: list[VettedStanding] = []
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.setVisible(self.allowed)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(_("People HQ vetted for this prison"))
        self.table.setAccessibleName(_("Vetted people"))
        self.table.setHorizontalHeaderLabels([_("Name"), _("Role"), _("Organisation"), _("Vetted until"),
                                              _("Vetting")])
        self._show(self.people)

    def refresh(self) -> None:
        if not self.allowed or getattr(self.session, "locked", False):
            return
        people = self.session.vetted_people
        self.tasks.run(people.for_wing, self._show, lambda _error: None)

    def _show(self, people: list[Any]) -> None:
        self.people = people
        soon = sum(1 for p in people if p.ends_soon)
        ended = sum(1 for p in people if p.standing != "VETTED")
        if not people:
            self.summary.setText(_("HQ has sent no vetted people for this prison yet; they arrive with HQ's "
                                   "files."))
        else:
            self.summary.setText(_("Listed: {listed}. Ending within 30 days: {soon}. No longer valid (expired or "
                                   "not yet valid): {ended}.").format(listed=len(people), soon=soon, ended=ended))
        self.table.setRowCount(len(people))
        for row, found in enumerate(people):
            person = found.person
            values = (person.name, code_label(person.role), person.organisation, format_date(person.vetted_until),
                      standing_text(found))
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if found.standing != "VETTED":
                    item.setForeground(_BAD)
                elif found.ends_soon:
                    item.setForeground(_WARN)
                self.table.setItem(row, col, item)
