"""Progress notes of one prisoner: own discipline in full; a governor sees dates only, after giving a reason."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wingdesk.domain.roles import Role
from wingdesk.gui.labels import code_label as label
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.widgets.message_bar import MessageBar
from wingdesk.gui.widgets.no_copy import NoCopyTable, NoCopyTextEdit
from wingdesk.i18n import _
from wingdesk.i18n.formats import format_datetime
from wingdesk.services.policy import Action, Resource, Scope, scope_for

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices


class NotesPanel(QWidget):
    def __init__(self, session: WingServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks = session, tasks
        self.prisoner_id: str | None = None
        role = Role(session.user.role)
        self.metadata_only = scope_for(role, Action.READ, Resource.PROGRESS_NOTE) is Scope.RESTRICTED
        self.can_write = scope_for(role, Action.CREATE, Resource.PROGRESS_NOTE) is not None
        self.bar = MessageBar()
        self.reason = QLineEdit()
        self.reason_button = QPushButton()
        self.reason_row = QWidget()
        row = QHBoxLayout(self.reason_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.reason_caption = QLabel()
        self.reason_caption.setBuddy(self.reason)
        for widget in (self.reason_caption, self.reason, self.reason_button):
            row.addWidget(widget)
        self.reason_row.setVisible(self.metadata_only)
        self.table = NoCopyTable(0, 4)  # progress notes are never copied out (security.md §2.4)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.add_box = QGroupBox()
        self.goal = QComboBox()
        self.goal.setEditable(True)
        self.text = NoCopyTextEdit()
        self.text.setMaximumHeight(110)
        self.save_button = QPushButton()
        form = QFormLayout(self.add_box)
        self.goal_caption, self.text_caption = QLabel(), QLabel()
        self.goal_caption.setBuddy(self.goal)
        self.text_caption.setBuddy(self.text)
        form.addRow(self.goal_caption, self.goal)
        form.addRow(self.text_caption, self.text)
        form.addRow("", self.save_button)
        self.add_box.setVisible(self.can_write)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.reason_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.add_box)
        self.reason_button.clicked.connect(self._on_reason)
        self.reason.returnPressed.connect(self._on_reason)
        self.save_button.clicked.connect(self._on_save)
        QShortcut(QKeySequence("Ctrl+Return"), self.text, self._on_save, context=Qt.ShortcutContext.WidgetShortcut)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.reason_caption.setText(_("&Reason for looking (logged)"))
        self.reason.setAccessibleName(_("Reason for looking at the notes"))
        self.reason_button.setText(_("Show note dates"))
        self.table.setAccessibleName(_("Progress notes"))
        self.table.setHorizontalHeaderLabels([_("Date"), _("Discipline"), _("Linked goal"), _("Note")])
        self.add_box.setTitle(_("Add a progress note (sealed: only your discipline can read it)"))
        self.goal_caption.setText(_("Linked &goal"))
        self.goal.setAccessibleName(_("Linked goal"))
        self.text_caption.setText(_("&Note"))
        self.text.setAccessibleName(_("Note text"))
        self.save_button.setText(_("&Save note (Ctrl+Enter)"))
        self.save_button.setAccessibleName(_("Save note"))

    def set_goals(self, areas: list[str]) -> None:
        self.goal.clear()
        self.goal.addItem("", "")
        for area in areas:
            self.goal.addItem(label(area), area)

    def load(self, prisoner_id: str | None) -> None:
        self.prisoner_id = prisoner_id
        self.table.setRowCount(0)
        self.bar.clear_message()
        if prisoner_id and not self.metadata_only:
            treatment = self.session.treatment
            self.tasks.run(lambda: treatment.notes(prisoner_id), self._on_notes, self.bar.show_error)

    def _on_reason(self) -> None:
        reason, pid = self.reason.text().strip(), self.prisoner_id
        if not pid:
            return
        if not reason:
            self.bar.show_error(_("Give the reason for looking at this prisoner's notes; it is logged."))
            return
        treatment = self.session.treatment
        self.tasks.run(lambda: treatment.notes(pid, reason=reason), self._on_notes, self.bar.show_error)

    def _on_notes(self, notes: list[Any]) -> None:
        self.table.setRowCount(len(notes))
        for row, note in enumerate(notes):
            body = note.body
            text = body.get("text")
            if self.metadata_only:
                text = _("(content not shown to your role)")
            elif text is None:
                text = _("(cannot be opened with your key)")
            goal = body.get("linked_goal") or ""
            values = (format_datetime(note.occurred_at), label(str(body.get("discipline", ""))),
                      label(goal) if goal else "", str(text))
            for col, value in enumerate(values):
                self.table.setItem(row, col, QTableWidgetItem(value))
        self.table.resizeRowsToContents()

    def _on_save(self) -> None:
        text, pid = self.text.toPlainText().strip(), self.prisoner_id
        if not pid or not text:
            self.bar.show_error(_("Write the note first."))
            return
        goal = str(self.goal.currentData() or self.goal.currentText().strip())
        treatment = self.session.treatment
        self.tasks.run(lambda: treatment.add_note(pid, text, linked_goal=goal), self._on_saved, self.bar.show_error)

    def _on_saved(self, _note: Any) -> None:
        self.text.clear()
        self.bar.show_ok(_("Note saved."))
        self.load(self.prisoner_id)
