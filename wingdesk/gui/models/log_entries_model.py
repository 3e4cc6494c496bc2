"""Table model of one day's wing-log entries: time, type, prisoner, details, officer and flags (late, amended)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QHeaderView

from wingdesk.domain.records import AmendmentKind, Record
from wingdesk.gui.entry_text import entry_summary, is_late, roll_discrepancy
from wingdesk.gui.labels import code_label as label
from wingdesk.gui.models.rows_model import RowsTableModel
from wingdesk.i18n import _
from wingdesk.i18n.formats import format_date, format_time

RecordRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
_Index = QModelIndex | QPersistentModelIndex
_LATE = QColor("#8a4b00")  # dark orange: readable on white and distinct without colour (text says "Late")
_OPEN = QColor("#fde7e9")


class LogEntriesModel(RowsTableModel):
    TIME, TYPE, PRISONER, DETAILS, OFFICER, FLAGS = range(6)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Record] = []
        self._names: dict[str, str] = {}
        self._returned: set[str] = set()

    def set_rows(self, rows: list[Record], names: dict[str, str] | None = None,
                 returned: set[str] | None = None) -> None:
        self.beginResetModel()
        self._rows = sorted(rows, key=lambda r: (r.occurred_at, r.recorded_at))
        if names is not None:
            self._names = names
        self._returned = returned or set()
        self.endResetModel()

    def set_names(self, names: dict[str, str]) -> None:
        self._names = names
        if self._rows:
            self.dataChanged.emit(self.index(0, self.PRISONER), self.index(len(self._rows) - 1, self.PRISONER))

    def record(self, row: int) -> Record | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, record_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == record_id), -1)

    def headers(self) -> tuple[str, ...]:
        return (_("Time"), _("Type"), _("Prisoner"), _("Details"), _("Officer"), _("Flags"))

    def flags_text(self, record: Record) -> str:
        parts = []
        if is_late(record):
            parts.append(_("Late: recorded {date}").format(date=format_date(record.recorded_at)))
        if record.id in self._returned:
            parts.append(_("Returned"))
        kinds = {str(a.kind) for a in record.amendments}
        if str(AmendmentKind.ANNOTATION) in kinds:
            parts.append(_("Annotated"))
        elif str(AmendmentKind.COMMENT) in kinds:
            parts.append(_("Commented"))
        diff = roll_discrepancy(record.body)
        if record.body.get("entry_type") == "ROLL_COUNT" and diff and not record.body.get("resolution"):
            parts.append(_("Discrepancy open"))
        return ", ".join(parts)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        col = index.column()
        if role == RecordRole:
            return record
        if role == SortRole:
            return record.occurred_at
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._display(record, col, role == Qt.ItemDataRole.ToolTipRole)
        if role == Qt.ItemDataRole.ForegroundRole and is_late(record) and col in (self.TIME, self.FLAGS):
            return QBrush(_LATE)
        if role == Qt.ItemDataRole.BackgroundRole and "Discrepancy" in self._flag_codes(record):
            return QBrush(_OPEN)
        if role == Qt.ItemDataRole.FontRole and col == self.FLAGS and self.flags_text(record):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _flag_codes(self, record: Record) -> set[str]:
        diff = roll_discrepancy(record.body)
        open_diff = record.body.get("entry_type") == "ROLL_COUNT" and diff and not record.body.get("resolution")
        return {"Discrepancy"} if open_diff else set()

    def _display(self, record: Record, col: int, tooltip: bool) -> str:
        if col == self.TIME:
            return format_time(record.occurred_at)
        if col == self.TYPE:
            return label(str(record.body.get("entry_type", "")))
        if col == self.PRISONER:
            return self._names.get(record.prisoner_id or "", "") if record.prisoner_id else ""
        if col == self.DETAILS:
            return entry_summary(record)
        if col == self.OFFICER:
            return record.author_name
        return self.flags_text(record)


def fit_log_columns(header: QHeaderView) -> None:
    """Names and types are long (more so translated) and the details are what a reader needs: type, prisoner and
    officer get a fixed share (full text in the tooltip and the details below), time and flags their contents, the
    details the rest (at 1280x800 in sq and mk the details were squeezed to a few letters and the flags clipped)."""
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for column, width in ((LogEntriesModel.TYPE, 110), (LogEntriesModel.PRISONER, 130),
                          (LogEntriesModel.OFFICER, 110)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, width)
    header.setSectionResizeMode(LogEntriesModel.DETAILS, QHeaderView.ResizeMode.Stretch)
