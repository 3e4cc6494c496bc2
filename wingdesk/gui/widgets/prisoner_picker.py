"""Prisoner choice for forms (wing log entries, treatment): an editable list with a contains-completer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from wingdesk.domain.name_display import pick_key, shown_name
from wingdesk.domain.people import Prisoner, PrisonerFilter
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.widgets.name_completer import NameCompleter
from wingdesk.i18n import _, current_language

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices

BATCH = 1000


def load_prisoners(session: WingServices, language: str = "en") -> list[Prisoner]:
    """Every prisoner on the wing, in pages, in the language's order (runs on a worker thread)."""
    found: list[Prisoner] = []
    while True:
        batch = session.prisoners.page(PrisonerFilter(language=language), len(found), BATCH)
        found += batch
        if len(batch) < BATCH:
            return found


class PrisonerPicker(QComboBox):
    """`prisoner_changed(id)` ("" for none); `loaded` after each refresh; `prisoners` maps id → Prisoner."""

    prisoner_changed = Signal(str)
    loaded = Signal()

    def __init__(self, session: WingServices, tasks: TaskRunner, optional: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks, self.optional = session, tasks, optional
        self.prisoners: dict[str, Prisoner] = {}
        self._wanted: str | None = None
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        self.name_completer = NameCompleter(self)
        self.setCompleter(self.name_completer)
        line = self.lineEdit()
        if line is not None:
            self.name_completer.attach(line)
        self.currentIndexChanged.connect(self._on_index)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setAccessibleName(_("Prisoner"))
        line = self.lineEdit()
        if line is not None:
            line.setPlaceholderText(_("Name, number or cell"))
        if self.optional and self.count():
            self.setItemText(0, _("(no prisoner)"))

    def refresh(self) -> None:
        session, language = self.session, current_language()
        self.tasks.run(lambda: load_prisoners(session, language), self._on_loaded)

    def _on_loaded(self, prisoners: list[Prisoner]) -> None:
        wanted = self._wanted or self.current_id()
        self.prisoners = {p.id: p for p in prisoners}
        self.blockSignals(True)
        self.clear()
        if self.optional:
            self.addItem(_("(no prisoner)"), "")
        language = current_language()
        entries = []
        for p in prisoners:
            label = f"{shown_name(p, language)} — {p.number} — {p.cell or '?'}"
            self.addItem(label, p.id)
            entries.append((pick_key(p), label))
        self.name_completer.set_entries(entries)
        self.setCurrentIndex(max(0, self.findData(wanted)) if wanted else (0 if self.optional else -1))
        self.blockSignals(False)
        self._wanted = None
        self.loaded.emit()
        self.prisoner_changed.emit(self.current_id() or "")

    def names(self) -> dict[str, str]:
        """id → "Family, Given (number)" for every loaded prisoner, in the script the list shows."""
        language = current_language()
        return {pid: f"{shown_name(p, language)} ({p.number})" for pid, p in self.prisoners.items()}

    def current_id(self) -> str | None:
        """The prisoner the box shows. Typed text that is not the chosen item's counts only when it names exactly
        one prisoner (name, number or cell; accents and case ignored): a selection made earlier never stands
        behind other text typed over it."""
        index, text = self.currentIndex(), self.currentText().strip()
        if index >= 0 and self.itemText(index).strip() == text:
            data = self.itemData(index)
            return str(data) if data else None
        return self._only_match(text)

    def unresolved(self) -> bool:
        """Text is typed in the box that names no prisoner, or several: the form must not save."""
        return bool(self.currentText().strip()) and self.current_id() is None and not self._shows_none()

    def _shows_none(self) -> bool:
        return self.optional and self.count() > 0 and self.currentText().strip() == self.itemText(0).strip()

    def _only_match(self, text: str) -> str | None:
        labels = set(self.name_completer.matching(text))
        found = [str(self.itemData(i)) for i in range(self.count())
                 if self.itemData(i) and self.itemText(i) in labels]
        return found[0] if len(found) == 1 else None

    def set_current(self, prisoner_id: str | None) -> None:
        if not prisoner_id:
            self.setCurrentIndex(0 if self.optional else -1)
            return
        index = self.findData(prisoner_id)
        if index < 0:
            self._wanted = prisoner_id  # applied when the roster arrives
            return
        self.setCurrentIndex(index)

    def _on_index(self, _index: int) -> None:
        self.prisoner_changed.emit(self.current_id() or "")

