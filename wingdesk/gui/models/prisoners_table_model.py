"""Prisoner roster as a table model: holds a count, fetches rows in pages of 200 on demand, sorts through SQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from wingdesk.domain.name_display import other_script_name, shown_name
from wingdesk.domain.people import YOUNG_ADULT_AGE, Prisoner, PrisonerFilter
from wingdesk.domain.special_groups import special_groups
from wingdesk.gui.labels import code_label
from wingdesk.gui.special_groups_text import groups_text, is_overdue, whereabouts_text
from wingdesk.gui.tasks import TaskRunner
from wingdesk.i18n import N_, _

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices

PAGE_SIZE = 200
COLUMNS = (N_("Number"), N_("Name"), N_("Cell"), N_("Age"), N_("Legal status"), N_("Special groups"), N_("Alerts"))
SORT_KEYS = {0: "number", 1: "name", 2: "cell"}  # the columns SQL can sort
Index = QModelIndex | QPersistentModelIndex
_DISPLAY, _TOOLTIP = int(Qt.ItemDataRole.DisplayRole.value), int(Qt.ItemDataRole.ToolTipRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_ID, _SORT = int(Qt.ItemDataRole.UserRole.value) + 1, int(Qt.ItemDataRole.UserRole.value) + 2
_ANSWERED = frozenset({_DISPLAY, _TOOLTIP, _FOREGROUND, _ID, _SORT})


class PrisonersTableModel(QAbstractTableModel):
    """Anki-style: only the count is known up front; data() asks for a missing page once, in the background."""

    IdRole = Qt.ItemDataRole.UserRole + 1
    SortRole = Qt.ItemDataRole.UserRole + 2
    counted = Signal(int)
    failed = Signal(object)

    def __init__(self, session: WingServices, tasks: TaskRunner, parent: Any = None) -> None:
        super().__init__(parent)
        self.session, self.tasks = session, tasks
        self.filter = PrisonerFilter()
        self._count = 0
        self._pages: dict[int, list[Prisoner]] = {}
        self._requested: set[int] = set()
        self._cells: dict[int, tuple[str, ...]] = {}  # each shown row's texts, made once per load
        self._generation = 0
        self._today = date.today()
        self._young_age = YOUNG_ADULT_AGE
        self.loading = False

    # --- loading -------------------------------------------------------------------------------------------
    def set_filter(self, new_filter: PrisonerFilter) -> None:
        """Count and fetch the first page in the background; the view keeps the old rows until then."""
        self.filter = new_filter
        self._generation += 1
        generation, prisoners = self._generation, self.session.prisoners
        self.loading = True

        def work() -> tuple[int, int, date, list[Prisoner], int]:
            return (generation, prisoners.count(new_filter), prisoners.today(),
                    prisoners.page(new_filter, 0, PAGE_SIZE), prisoners.young_adult_age())

        self.tasks.run(work, self._on_counted, self._on_failed)

    def _on_counted(self, result: tuple[int, int, date, list[Prisoner], int]) -> None:
        generation, count, today, first, self._young_age = result
        if generation != self._generation:
            return
        self.beginResetModel()
        self._count, self._today = count, today
        self._pages, self._requested, self._cells = {0: first}, {0}, {}
        self.endResetModel()
        self.loading = False
        self.counted.emit(count)

    def _on_failed(self, error: BaseException) -> None:
        self.loading = False
        self.failed.emit(error)

    def _request(self, page: int) -> None:
        if page in self._requested:
            return
        self._requested.add(page)
        generation, current, prisoners = self._generation, self.filter, self.session.prisoners
        self.tasks.run(lambda: (generation, page, prisoners.page(current, page * PAGE_SIZE, PAGE_SIZE)),
                       self._on_page, self._on_failed)

    def _on_page(self, result: tuple[int, int, list[Prisoner]]) -> None:
        generation, page, rows = result
        if generation != self._generation:
            return
        self._pages[page] = rows
        first = page * PAGE_SIZE
        last = min(self._count, first + PAGE_SIZE) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

    def prisoner(self, row: int) -> Prisoner | None:
        page = self._pages.get(row // PAGE_SIZE)
        if page is None:
            if 0 <= row < self._count:
                self._request(row // PAGE_SIZE)
            return None
        offset = row % PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def prisoner_id(self, row: int) -> str | None:
        found = self.prisoner(row)
        return found.id if found else None

    @property
    def count(self) -> int:
        return self._count

    # --- Qt model interface --------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # a repaint asks ~10 roles of every visible cell: answer the roles this model has no value for at once,
        # and keep each row's texts once made (the keystroke -> list updated budget is 20 ms on 2,000 prisoners)
        if role not in _ANSWERED or not index.isValid():
            return None
        row = index.row()
        if role == _DISPLAY:
            cells = self._cells.get(row)
            if cells is None:
                found = self.prisoner(row)
                if found is None:
                    return "…"
                cells = self._cells[row] = tuple(self._display(found, column) for column in range(len(COLUMNS)))
            return cells[index.column()]
        prisoner, column = self.prisoner(row), index.column()
        if role == _ID:
            return prisoner.id if prisoner else None
        if prisoner is None:
            return None
        if role == _TOOLTIP and column == 1:
            return other_script_name(prisoner, self.filter.language)
        if role == _TOOLTIP and column == 2 and prisoner.location:
            return whereabouts_text(prisoner)
        if role == _TOOLTIP and column == 5:
            return groups_text(special_groups(prisoner, self._today, self._young_age), self._young_age) or None
        if role == _FOREGROUND and column == 2 and is_overdue(prisoner.expected_back):
            return QColor("#b3261e")  # not back when due
        if role == _SORT:
            return (prisoner.number, self._display(prisoner, 1), prisoner.cell or "")[min(column, 2)]
        return None

    def _display(self, p: Prisoner, column: int) -> str:
        if column == 0:
            return p.number
        if column == 1:  # in the script the rows are sorted by (sr, mk: Cyrillic when there is one)
            return shown_name(p, self.filter.language)
        if column == 2:
            if p.location:  # out of the wing now: where to, beside the cell
                return _("{cell} – out: {place}").format(cell=p.cell or "", place=code_label(p.location))
            return p.cell or ""
        if column == 3:
            age = p.age_on(self._today)
            return "" if age is None else str(age)
        if column == 4:
            return code_label(p.legal_status)
        if column == 5:
            return groups_text(special_groups(p, self._today, self._young_age), self._young_age, short=True)
        return ", ".join(code_label(c) for c in p.alert_codes)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(column)
        descending = order == Qt.SortOrder.DescendingOrder
        if key is None or (key == self.filter.sort and descending == self.filter.descending):
            return
        self.set_filter(replace(self.filter, sort=key, descending=descending))

    def retranslate(self) -> None:
        self._cells = {}
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(COLUMNS) - 1))
