"""Paged table model of the audit chain (seq, time, actor, action, object): pages are fetched in the background."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from wingdesk.domain.audit import AuditEntry
from wingdesk.gui.models.rows_model import RowsTableModel
from wingdesk.gui.tasks import TaskRunner
from wingdesk.i18n import _
from wingdesk.i18n.formats import format_datetime

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices

PAGE = 200
SortRole = Qt.ItemDataRole.UserRole + 2
_Index = QModelIndex | QPersistentModelIndex


class AuditTableModel(RowsTableModel):
    """Holds the entries fetched so far; the view asks for more as it scrolls (canFetchMore / fetchMore)."""

    SEQ, TIME, ACTOR, ACTION, OBJECT = range(5)

    def __init__(self, session: WingServices, tasks: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks = session, tasks
        self._rows: list[AuditEntry] = []
        self._total = 0
        self._fetching = False
        self.names: dict[str, str] = {}
        self.bad_seq: int | None = None

    def reload(self) -> None:
        audit = self.session.audit
        self.tasks.run(lambda: (audit.count(), audit.page(0, PAGE)), self._on_first_page)

    def _on_first_page(self, result: tuple[int, list[AuditEntry]]) -> None:
        self.beginResetModel()
        self._total, self._rows = result
        self._fetching = False
        self.endResetModel()

    def total(self) -> int:
        return self._total

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._fetching and len(self._rows) < self._total

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        audit, offset = self.session.audit, len(self._rows)
        self.tasks.run(lambda: audit.page(offset, PAGE), self._on_page)

    def _on_page(self, entries: list[AuditEntry]) -> None:
        self._fetching = False
        if not entries:
            self._total = len(self._rows)
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(entries) - 1)
        self._rows.extend(entries)
        self.endInsertRows()

    def row_of_seq(self, seq: int) -> int:
        return next((i for i, e in enumerate(self._rows) if e.seq == seq), -1)

    def set_bad_seq(self, seq: int | None) -> None:
        self.bad_seq = seq
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 4))

    def headers(self) -> tuple[str, ...]:
        return (_("No."), _("Time"), _("Actor"), _("Action"), _("Object"))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._rows[index.row()]
        col = index.column()
        if role == SortRole:
            return (entry.seq, entry.time, entry.actor, entry.action, entry.object)[col]
        if role == Qt.ItemDataRole.BackgroundRole and entry.seq == self.bad_seq:
            return QBrush(QColor("#fde7e9"))
        if role == Qt.ItemDataRole.ToolTipRole and col == self.OBJECT:
            return _("Entry hash {hash}").format(hash=entry.entry_hash[:16])
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == self.SEQ:
            return str(entry.seq)
        if col == self.TIME:
            return format_datetime(entry.time)
        if col == self.ACTOR:
            name = self.names.get(entry.actor)
            return _("{name} ({short_id})").format(name=name, short_id=entry.actor[:8]) if name else entry.actor[:8]
        if col == self.ACTION:
            return entry.action
        return entry.object
