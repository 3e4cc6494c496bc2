"""Ctrl+F: search the records this person may read (services.search, through the access gateway), by words in
their text or the name, number or cell of the prisoner they are about; Enter or a double click opens the prisoner."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wingdesk.domain.name_display import shown_name
from wingdesk.domain.records import Record
from wingdesk.gui import record_text
from wingdesk.gui.labels import error_text
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.when import when
from wingdesk.i18n import N_, _, current_language, ngettext

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices

DEBOUNCE_MS = 250
COLUMNS = (N_("When"), N_("Record"), N_("Prisoner"), N_("Text"))
EXCERPT = 160


def excerpt(record: Record) -> str:
    """The record's readable lines on one line, shortened."""
    text = " · ".join(value for _label, value in record_text.lines(record))
    return text if len(text) <= EXCERPT else text[:EXCERPT - 1] + "…"


def run_search(session: WingServices, text: str, language: str) -> tuple[str, list[Record], dict[str, str]]:
    """Worker thread: the records found and the names of the prisoners they are about."""
    found = session.search.search(text)
    names = {pid: shown_name(session.prisoners.get(pid), language)
             for pid in {r.prisoner_id for r in found if r.prisoner_id}}
    return text, found, names


class SearchDialog(QDialog):
    prisoner_requested = Signal(str)

    def __init__(self, session: WingServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks = session, tasks
        self.setMinimumSize(820, 520)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.search)
        self.query = QLineEdit()
        self.query.setClearButtonEnabled(True)
        self.query.textChanged.connect(lambda _t: self.timer.start())
        self.query.returnPressed.connect(self._enter)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.status = QLabel()
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((190, 250, 200)):
            self.table.setColumnWidth(column, width)
        self.table.itemActivated.connect(lambda item: self._open(item.row()))
        layout = QVBoxLayout(self)
        for widget in (self.query, self.hint, self.table, self.status):
            layout.addWidget(widget)
        layout.setStretchFactor(self.table, 1)
        self.records: list[Record] = []
        self._asked = ""
        self.retranslate_ui()
        self.query.setFocus()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Search records"))
        self.query.setPlaceholderText(_("Words in the record, or a prisoner's name, number or cell"))
        self.query.setAccessibleName(_("Search records"))
        self.hint.setText(_("Only records you may read are searched. Names are found in Latin or Cyrillic, with or "
                            "without diacritics."))
        self.table.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self.table.setAccessibleName(_("Records found"))

    def search(self) -> None:
        self.timer.stop()
        text = self.query.text().strip()
        self._asked = text
        if not text:
            self._show((text, [], {}))
            return
        session, language = self.session, current_language()
        self.tasks.run(lambda: run_search(session, text, language), self._show, self._failed)

    def _show(self, result: tuple[str, list[Record], dict[str, str]]) -> None:
        text, found, names = result
        if text != self._asked:
            return  # an older answer: the person has typed on
        self.records = found
        self.table.setRowCount(len(found))
        for row, record in enumerate(found):
            cells = (when(record.occurred_at), record_text.title(record), names.get(record.prisoner_id or "", ""),
                     excerpt(record))
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(row, column, item)
        self.status.setText(ngettext("{n} record found", "{n} records found", len(found)).format(n=len(found))
                            if text else "")

    def _failed(self, error: BaseException) -> None:
        self.status.setText(error_text(error))

    def _enter(self) -> None:
        if self.timer.isActive():
            self.search()
        elif self.records:
            self.table.setFocus()
            self.table.selectRow(0)

    def _open(self, row: int) -> None:
        if 0 <= row < len(self.records) and self.records[row].prisoner_id:
            self.prisoner_requested.emit(str(self.records[row].prisoner_id))

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Down and self.query.hasFocus() and self.records:
            self.table.setFocus()
            self.table.selectRow(0)
            return
        super().keyPressEvent(event)
