"""Home page box "Roll and movements": who is on the roll, out and expected on the wing; overdue returns first;
roll discrepancies still open, each closed by a resolution (issue 14 items 2 and 4)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout

from wingdesk.gui.dialogs.roll_resolution_dialog import roll_text
from wingdesk.gui.hierarchy_text import occupancy_text, units_text
from wingdesk.gui.labels import code_label, error_text
from wingdesk.gui.prisoner_names import prisoner_label
from wingdesk.gui.special_groups_text import short_when
from wingdesk.gui.tasks import TaskRunner
from wingdesk.i18n import _, ngettext
from wingdesk.services.policy import Action, Resource, scope_for

if TYPE_CHECKING:
    from wingdesk.gui.dialogs.roll_resolution_dialog import RollResolutionDialog
    from wingdesk.services.wing import WingServices

_OVERDUE = QColor("#b3261e")


@dataclass
class PresenceData:
    roll: Any = None
    out: list[Any] = field(default_factory=list)
    discrepancies: list[Any] = field(default_factory=list)
    place: Any = None  # where HQ's hierarchy puts this PC: the published capacity and special units


def load_presence(session: WingServices, discrepancies: bool) -> PresenceData:
    """Runs on a worker thread."""
    data = PresenceData(session.movements.roll(), session.movements.out_now(), place=session.hierarchy.place())
    if discrepancies:
        data.discrepancies = session.movements.open_discrepancies()
    return data


class PresencePanel(QGroupBox):
    activated = Signal(str)  # a prisoner id
    resolved = Signal()

    def __init__(self, session: WingServices, tasks: TaskRunner, parent: Any = None) -> None:
        super().__init__(parent)
        self.session, self.tasks = session, tasks
        role = session.user.role
        self.show_discrepancies = scope_for(role, Action.READ, Resource.LOG_ENTRY) is not None
        self.can_resolve = scope_for(role, Action.CREATE, Resource.LOG_ENTRY) is not None
        self.data: PresenceData | None = None
        self.dialog: RollResolutionDialog | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.unit_label = QLabel()  # occupancy against HQ's published capacity, and the special units, in words
        self.unit_label.setObjectName("wingUnits")
        self.unit_label.setWordWrap(True)
        self.unit_label.setVisible(False)
        self.out_list, self.rolls = QListWidget(), QListWidget()
        for widget in (self.out_list, self.rolls):
            widget.setWordWrap(True)
            widget.setAlternatingRowColors(True)
            widget.setMinimumHeight(40)  # may shrink to two rows when the page is short of room
            widget.setMaximumHeight(66)  # three rows: the boxes below keep their room at 1280x800
        self.out_list.itemActivated.connect(self._on_out_activated)
        self.rolls.itemActivated.connect(lambda item: self.resolve_selected())
        self.rolls.setVisible(self.show_discrepancies)
        self.resolve_button = QPushButton()
        self.resolve_button.clicked.connect(self.resolve_selected)
        self.resolve_button.setVisible(self.can_resolve)
        self.resolve_button.setEnabled(False)
        lists = QHBoxLayout()
        lists.addWidget(self.out_list, 1)
        if self.show_discrepancies:
            lists.addWidget(self.rolls, 1)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.resolve_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.unit_label)
        layout.addLayout(lists, 1)
        self.retranslate_ui()

    def refresh(self) -> None:
        session, wanted = self.session, self.show_discrepancies
        self.tasks.run(lambda: load_presence(session, wanted), self._on_loaded, self._on_failed)

    def _on_loaded(self, data: PresenceData) -> None:
        self.data = data
        self._render()

    def _on_failed(self, error: BaseException) -> None:
        self.summary.setText(error_text(error))

    def retranslate_ui(self) -> None:
        self.setTitle(_("Roll and movements"))
        self.out_list.setAccessibleName(_("Prisoners out of the wing"))
        self.rolls.setAccessibleName(_("Open roll discrepancies"))
        self.resolve_button.setText(_("Re&solve discrepancy…"))
        self._render()

    def _render(self) -> None:
        data = self.data
        if data is None:
            return
        roll = data.roll
        places = ", ".join(_("{place} {n}").format(place=code_label(k), n=n) for k, n in sorted(roll.out.items()))
        text = ngettext("{n} prisoner on the roll", "{n} prisoners on the roll", roll.on_roll).format(n=roll.on_roll)
        text += "; " + _("out: {n}").format(n=roll.out_total) + (f" ({places})" if places else "")
        text += "; " + _("expected on the wing: {n}").format(n=roll.expected)
        self.summary.setText(text)
        occupancy, over = occupancy_text(roll.on_roll, data.place)
        shown = [part for part in (occupancy, units_text(data.place)) if part]
        self.unit_label.setText(" · ".join(shown))
        self.unit_label.setVisible(bool(shown))
        self.unit_label.setStyleSheet(f"color: {_OVERDUE.name()}; font-weight: 600;" if over else "")
        self.unit_label.setAccessibleName(_("Capacity and special units"))
        self.out_list.clear()
        for out in data.out:
            self.out_list.addItem(self._out_item(out))
        if not data.out:
            self._placeholder(self.out_list, _("Nobody is out of the wing."))
        self.rolls.clear()
        for roll_entry in data.discrepancies:
            item = QListWidgetItem(_("{roll} – not yet resolved").format(roll=roll_text(roll_entry)))
            item.setData(Qt.ItemDataRole.UserRole, roll_entry.id)
            item.setForeground(QBrush(_OVERDUE))
            self.rolls.addItem(item)
        if not data.discrepancies:
            self._placeholder(self.rolls, _("No open roll discrepancy."))
        self.resolve_button.setEnabled(bool(data.discrepancies))

    def _out_item(self, out: Any) -> QListWidgetItem:
        p, m = out.prisoner, out.movement
        name = prisoner_label(p)
        if m.expected_back:
            text = _("{prisoner}: {place} since {since}, due back {back}").format(
                prisoner=name, place=code_label(m.destination), since=short_when(m.out_at),
                back=short_when(m.expected_back))
        else:
            text = _("{prisoner}: {place} since {since}").format(prisoner=name, place=code_label(m.destination),
                                                                  since=short_when(m.out_at))
        if out.overdue:
            text = _("Overdue: {text}").format(text=text)
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, p.id)
        if out.overdue:
            item.setForeground(QBrush(_OVERDUE))
        return item

    @staticmethod
    def _placeholder(widget: QListWidget, text: str) -> None:
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        widget.addItem(item)

    def _on_out_activated(self, item: QListWidgetItem) -> None:
        prisoner_id = item.data(Qt.ItemDataRole.UserRole)
        if prisoner_id:
            self.activated.emit(str(prisoner_id))

    def resolve_selected(self) -> RollResolutionDialog | None:
        """Open the resolution form for the selected open discrepancy (the oldest when none is selected)."""
        if not self.can_resolve or self.data is None or not self.data.discrepancies:
            return None
        from wingdesk.gui.dialogs.roll_resolution_dialog import RollResolutionDialog

        item = self.rolls.currentItem()
        wanted = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        roll = next((r for r in self.data.discrepancies if r.id == wanted), self.data.discrepancies[0])
        self.dialog = RollResolutionDialog(self.session, self.tasks, roll, self.window())
        self.dialog.accepted.connect(self._on_resolved)
        self.dialog.open()
        return self.dialog

    def _on_resolved(self) -> None:
        self.resolved.emit()
        self.refresh()
