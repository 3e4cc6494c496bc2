"""Learning (issue 18): the modules required for the user's role and the optional ones, where they stand and when
refreshers fall due, opened in the module dialog; supervisors and the governor also see their team's status."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wingdesk.domain.modules.status import DONE, DUE_SOON, NOT_STARTED, OVERDUE, ModuleStatus
from wingdesk.gui.dialogs.module_dialog import open_module
from wingdesk.gui.labels import error_text, role_label
from wingdesk.gui.tasks import TaskRunner
from wingdesk.i18n import N_, _, current_language
from wingdesk.i18n.formats import format_date
from wingdesk.services.policy import Action, Resource, Scope, scope_for

if TYPE_CHECKING:
    from wingdesk.services.learning import LearningItem, StaffStatus
    from wingdesk.services.wing import WingServices

STATE_TEXT = {NOT_STARTED: N_("Not started"), DONE: N_("Done"), DUE_SOON: N_("Refresher due soon"),
              OVERDUE: N_("Refresher overdue")}


def state_text(status: ModuleStatus) -> str:
    if status.state == NOT_STARTED and status.required:
        return _("To do")
    return _(STATE_TEXT[status.state])


def _table(columns: int, stretch: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.setWordWrap(True)
    table.setStyleSheet("QTableWidget::item { padding: 3px 4px; }")
    # rows follow the columns' real widths, so long titles wrap to the lines they need (not "…", not gaps)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


def _cell(text: str, warn: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if warn:
        item.setForeground(Qt.GlobalColor.darkRed)
    return item


class LearningPage(QWidget):
    def __init__(self, session: WingServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks = session, tasks
        self.items: list[LearningItem] = []
        self.team: list[StaffStatus] = []
        self.dialog: Any = None
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600")
        self.progress = QLabel()
        self.progress.setWordWrap(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555")
        self.modules = _table(5, 0)
        self.modules.doubleClicked.connect(lambda _index: self.open_selected())
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_selected)
        mine = QWidget()
        column = QVBoxLayout(mine)
        column.addWidget(self.progress)
        column.addWidget(self.modules, 1)
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addStretch(1)
        column.addLayout(row)
        column.addWidget(self.note)
        self.tabs = QTabWidget()
        self.tabs.addTab(mine, "")
        self.sees_team = scope_for(session.user.role, Action.READ, Resource.TRAINING) is Scope.ALL
        self.team_table = _table(4, 3)
        if self.sees_team:
            self.tabs.addTab(self.team_table, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        self.retranslate_ui()

    def title(self) -> str:
        return _("Learning")

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Learning"))
        self.tabs.setTabText(0, _("My training"))
        if self.sees_team:
            self.tabs.setTabText(1, _("My team"))
        self.open_button.setText(_("&Open module"))
        self.note.setText(_("The modules that come with WingDesk are a starting point: each prison service adapts "
                            "them to its own rules and sends its version from HQ."))
        self.modules.setHorizontalHeaderLabels([_("Module"), _("For your role"), _("Status"), _("Completed on"),
                                                _("Refresher due")])
        self.team_table.setHorizontalHeaderLabels([_("Staff member"), _("Role"), _("Required modules done"),
                                                   _("Still to do")])
        self._render()

    def refresh(self) -> None:
        language = current_language()

        def load() -> tuple[list[LearningItem], list[StaffStatus]]:
            return (self.session.learning.my_modules(language),
                    self.session.learning.team() if self.sees_team else [])

        self.tasks.run(load, self._on_loaded, lambda error: self.progress.setText(error_text(error)))

    def _on_loaded(self, loaded: tuple[list[LearningItem], list[StaffStatus]]) -> None:
        self.items = loaded[0]
        self.team = [staff for staff in loaded[1] if staff.statuses]  # staff with nothing required: no row
        self._render()

    def _render(self) -> None:
        required = [i for i in self.items if i.status.required]
        done = sum(1 for i in required if not i.status.needs_action)
        if not self.items:
            self.progress.setText(_("No training module is installed on this wing yet."))
        else:
            self.progress.setText(_("Required for your role: {done} of {total} done.").format(done=done,
                                                                                          total=len(required)))
        self.modules.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            status = item.status
            self.modules.setItem(row, 0, _cell(item.title))
            self.modules.setItem(row, 1, _cell(_("Required") if status.required else _("Optional")))
            self.modules.setItem(row, 2, _cell(state_text(status), status.needs_action))
            self.modules.setItem(row, 3, _cell(format_date(status.completed_on) if status.completed_on else "–"))
            self.modules.setItem(row, 4, _cell(format_date(status.due_on) if status.due_on else "–",
                                               status.state == OVERDUE))
        if self.items and not self.modules.selectedItems():
            self.modules.selectRow(0)
        self._render_team()

    def _render_team(self) -> None:
        titles = {i.module_id: i.title for i in self.items}
        self.team_table.setRowCount(len(self.team))
        for row, staff in enumerate(self.team):
            total = len(staff.statuses)
            todo = [titles.get(s.module_id, s.module_id) for s in staff.statuses if s.needs_action]
            self.team_table.setItem(row, 0, _cell(staff.name))
            self.team_table.setItem(row, 1, _cell(role_label(staff.role)))
            self.team_table.setItem(row, 2, _cell(_("{done} of {total}").format(done=total - len(todo), total=total)))
            self.team_table.setItem(row, 3, _cell(", ".join(todo) or "–", bool(todo)))

    def open_selected(self, anchor: str = "") -> None:
        rows = self.modules.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.items):
            return
        self.open_module(self.items[rows[0].row()].module_id, anchor)

    def open_module(self, module_id: str, anchor: str = "") -> None:
        """Read on a worker, then the dialog (a module that cannot be shown is said in one sentence)."""
        open_module(self.session, self.tasks, module_id, self, self._on_opened,
                    lambda error: self.progress.setText(error_text(error)), anchor)

    def _on_opened(self, dialog: Any) -> None:
        self.dialog = dialog
        dialog.completed.connect(lambda _module: self.refresh())
