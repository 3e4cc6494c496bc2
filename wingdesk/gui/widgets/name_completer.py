"""A completer that matches typed text by name key (domain.name_key): "djordje", "Đorđe" and "Ђорђе" all offer
"Đorđević, Đorđe", in either script, case and diacritics ignored; every typed word must match, in any order."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from wingdesk.domain.name_key import matches, query_terms

SHOWN = 50  # offered at once; more typing narrows the rest


class NameCompleter(QCompleter):
    """Holds (key, label) pairs; `filter(text)` shows the labels whose key has every word of the text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.labels = QStringListModel()
        super().__init__(self.labels, parent)
        self.labels.setParent(self)
        self.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setMaxVisibleItems(12)
        self._entries: list[tuple[tuple[str, str, str], str]] = []

    def set_entries(self, entries: list[tuple[tuple[str, str, str], str]]) -> None:
        """(key, label) for every choice; keys made by domain.name_display.pick_key."""
        self._entries = entries

    def matching(self, text: str) -> list[str]:
        if not query_terms(text):
            return []
        return [label for key, label in self._entries if matches(text, *key)]

    def filter(self, text: str) -> None:
        found = self.matching(text)[:SHOWN]
        self.labels.setStringList(found)
        popup = self.popup()
        if not found or text.strip() in found:
            if popup is not None:
                popup.hide()
            return
        self.complete()

    def attach(self, line: QLineEdit) -> None:
        """Filter as the person types (not when the program sets the text)."""
        line.textEdited.connect(self.filter)
