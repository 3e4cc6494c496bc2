"""Paged table model of the audit chain (seq, time, person, action, object), newest first and filtered: pages and
their objects in words (services.audit_view) are fetched in the background, never on the UI thread."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from wingdesk.domain.audit import AuditEntry
from wingdesk.gui.audit_text import action_text, object_text
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
        self._objects: dict[int, Any] = {}  # seq -> services.audit_view.ObjectRef
        self.where: Any = None  # services.audit_view.AuditFilter; None: everything
        self._generation = 0  # a page asked for under an earlier filter is dropped when it comes back
        self._total = 0
        self._fetching = False
        self.names: dict[str, str] = {}
        self.bad_seq: int | None = None

    def reload(self, where: Any = None) -> None:
        from wingdesk.services.audit_view import AuditFilter

        self.where = where or self.where or AuditFilter()
        self._generation += 1
        audit, chosen, generation = self.session.audit, self.where, self._generation

        def first_page() -> tuple[int, int, list[AuditEntry], dict[int, Any], dict[str, str]]:
            entries = audit.search(chosen, 0, PAGE)
            return generation, audit.count_matching(chosen), entries, audit.describe(entries), audit.people()

        self.tasks.run(first_page, self._on_first_page)

    def _on_first_page(self, result: tuple[int, int, list[AuditEntry], dict[int, Any], dict[str, str]]) -> None:
        generation, total, rows, objects, people = result
        if generation != self._generation:
            return
        self.beginResetModel()
        self._total, self._rows, self._objects, self.names = total, rows, objects, people
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
        audit, offset, chosen, generation = self.session.audit, len(self._rows), self.where, self._generation

        def page() -> tuple[int, list[AuditEntry], dict[int, Any]]:
            entries = audit.search(chosen, offset, PAGE)
            return generation, entries, audit.describe(entries)

        self.tasks.run(page, self._on_page)

    def _on_page(self, result: tuple[int, list[AuditEntry], dict[int, Any]]) -> None:
        generation, entries, objects = result
        if generation != self._generation:
            return
        self._fetching = False
        self._objects.update(objects)
        if not entries:
            self._total = len(self._rows)
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(entries) - 1)
        self._rows.extend(entries)
        self.endInsertRows()

    def entry(self, row: int) -> AuditEntry | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def object_ref(self, seq: int) -> Any:
        """The entry's resolved object (services.audit_view.ObjectRef), None until its page is resolved."""
        return self._objects.get(seq)

    def row_of_seq(self, seq: int) -> int:
        return next((i for i, e in enumerate(self._rows) if e.seq == seq), -1)

    def set_bad_seq(self, seq: int | None) -> None:
        self.bad_seq = seq
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 4))

    def headers(self) -> tuple[str, ...]:
        return (_("No."), _("Time"), _("Person"), _("Action"), _("Object"))

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
            return _("Entry hash {hash}").format(hash=entry.entry_hash[:16]) + "\n" + entry.object
        if role == Qt.ItemDataRole.ToolTipRole and col == self.ACTION:
            return entry.action
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == self.SEQ:
            return str(entry.seq)
        if col == self.TIME:
            return format_datetime(entry.time)
        if col == self.ACTOR:
            return self.actor_text(entry.actor)
        if col == self.ACTION:
            return action_text(entry.action)
        ref = self._objects.get(entry.seq)
        return object_text(ref) if ref is not None else entry.object

    def actor_text(self, actor: str) -> str:
        """The person's name; a failed sign-in's tried name ("?name") or an unknown id said as such."""
        name = self.names.get(actor)
        if name:
            return name
        if actor.startswith("?"):
            return _("unknown user name")
        return _("unknown account ({short_id})").format(short_id=actor[-8:])
