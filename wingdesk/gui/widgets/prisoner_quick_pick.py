"""Quick prisoner pick by name, number or cell: a line edit with a contains-completer over the whole roster."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from wingdesk.domain.name_display import pick_key, shown_name
from wingdesk.domain.people import PrisonerFilter
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.widgets.name_completer import NameCompleter
from wingdesk.i18n import _, current_language

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices

BATCH = 1000


def load_roster(session: WingServices, language: str = "en") -> list[tuple[str, str, tuple[str, str, str]]]:
    """(label, id, name key) for every prisoner on the wing, in the language's order and script; runs on a worker
    thread."""
    found: list[tuple[str, str, tuple[str, str, str]]] = []
    offset = 0
    while True:
        batch = session.prisoners.page(PrisonerFilter(language=language), offset, BATCH)
        found += [(f"{shown_name(p, language)} — {p.number} — {p.cell or '?'}", p.id, pick_key(p)) for p in batch]
        if len(batch) < BATCH:
            return found
        offset += BATCH


class PrisonerQuickPick(QLineEdit):
    """Enter picks the best match and emits `picked(id)`; the completer popup can be used with the arrows too."""

    picked = Signal(str)

    def __init__(self, session: WingServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ids: dict[str, str] = {}
        self.prisoner_id: str | None = None
        self.completer_ = NameCompleter(self)
        self.setCompleter(self.completer_)
        self.completer_.attach(self)
        self.completer_.activated.connect(self._on_completed)
        self.returnPressed.connect(self.resolve)
        self.textEdited.connect(self._on_edited)
        self.setAccessibleName(_("Prisoner"))
        self.setPlaceholderText(_("Name, number or cell"))
        self._pending: str | None = None
        language = current_language()
        tasks.run(lambda: load_roster(session, language), self._on_loaded)

    def _on_loaded(self, roster: list[tuple[str, str, tuple[str, str, str]]]) -> None:
        self._ids = {label: pid for label, pid, _key in roster}
        self.completer_.set_entries([(key, label) for label, _pid, key in roster])
        if self._pending:
            self.select(self._pending)

    def roster_count(self) -> int:
        """How many prisoners can be picked (0 until the roster has loaded)."""
        return len(self._ids)

    def first_label(self) -> str:
        """The first prisoner's label in the roster's order ("" before it has loaded)."""
        return next(iter(self._ids), "")

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
        """(label, id) of every prisoner whose name (either script), number or cell has each word typed."""
        return [(label, self._ids[label]) for label in self.completer_.matching(text)]

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
