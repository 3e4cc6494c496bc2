"""Quick prisoner pick by name, number or cell: a line edit with a contains-completer over the whole roster."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from wingdesk.domain.people import PrisonerFilter
from wingdesk.domain.wording import fold
from wingdesk.gui.tasks import TaskRunner
from wingdesk.i18n import _

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices

BATCH = 1000


def load_roster(session: WingServices) -> list[tuple[str, str]]:
    """(label, id) for every prisoner on the wing; runs on a worker thread."""
    found, offset = [], 0
    while True:
        batch = session.prisoners.page(PrisonerFilter(), offset, BATCH)
        found += [(f"{p.display_name} — {p.number} — {p.cell or '?'}", p.id) for p in batch]
        if len(batch) < BATCH:
            return found
        offset += BATCH


class PrisonerQuickPick(QLineEdit):
    """Enter picks the best match and emits `picked(id)`; the completer popup can be used with the arrows too."""

    picked = Signal(str)

    def __init__(self, session: WingServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ids: dict[str, str] = {}
        self._entries: list[tuple[str, str, str]] = []  # (folded, label, id)
        self.prisoner_id: str | None = None
        self.model = QStringListModel(self)
        self.completer_ = QCompleter(self.model, self)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer_.setMaxVisibleItems(10)
        self.setCompleter(self.completer_)
        self.completer_.activated.connect(self._on_completed)
        self.returnPressed.connect(self.resolve)
        self.textEdited.connect(self._on_edited)
        self.setAccessibleName(_("Prisoner"))
        self.setPlaceholderText(_("Name, number or cell"))
        self._pending: str | None = None
        tasks.run(lambda: load_roster(session), self._on_loaded)

    def _on_loaded(self, roster: list[tuple[str, str]]) -> None:
        self._ids = dict(roster)
        self._entries = [(fold(label), label, pid) for label, pid in roster]
        self.model.setStringList([label for label, _pid in roster])
        if self._pending:
            self.select(self._pending)

    def select(self, prisoner_id: str) -> None:
        label = next((lab for lab, pid in self._ids.items() if pid == prisoner_id), None)
        if label is None:
            self._pending = prisoner_id
            return
        self._pending = None
        self.setText(label)
        self._set(prisoner_id)

    def _set(self, prisoner_id: str | None) -> None:
        if prisoner_id == self.prisoner_id:
            return
        self.prisoner_id = prisoner_id
        self.setStyleSheet("QLineEdit { border: 2px solid #2e7d32; }" if prisoner_id else "")
        if prisoner_id:
            self.picked.emit(prisoner_id)

    def _on_edited(self, _text: str) -> None:
        if self.prisoner_id is not None:
            self._set(None)

    def _on_completed(self, label: str) -> None:
        if label in self._ids:
            self._set(self._ids[label])

    def matches(self, text: str) -> list[tuple[str, str]]:
        needle = fold(text.strip())
        return [(label, pid) for folded, label, pid in self._entries if needle and needle in folded]

    def resolve(self) -> None:
        """Enter: an exact label wins, otherwise the first match; nothing happens when nothing matches."""
        text = self.text()
        if text in self._ids:
            self._set(self._ids[text])
            return
        found = self.matches(text)
        if found:
            popup = self.completer_.popup()
            if popup is not None:
                popup.hide()
            self.setText(found[0][0])
            self._set(found[0][1])
