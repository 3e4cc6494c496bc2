"""A titled box with a short list (home page sections); activating a row emits the row's prisoner id."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QListWidget, QListWidgetItem, QVBoxLayout, QWidget


class SectionBox(QGroupBox):
    activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QListWidget.SelectionMode.SingleSelection)
        self.list.itemActivated.connect(self._on_activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.list)
        self._empty = ""

    def set_title(self, title: str, empty_text: str) -> None:
        self.setTitle(title)
        self.list.setAccessibleName(title)
        self._empty = empty_text

    def set_rows(self, rows: list[tuple[str, str | None]]) -> None:
        """(text, prisoner id or None) per row; an empty list shows the placeholder text."""
        self.list.clear()
        for text, prisoner_id in rows:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, prisoner_id)
            self.list.addItem(item)
        if not rows:
            item = QListWidgetItem(self._empty)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(item)

    def _on_activated(self, item: QListWidgetItem) -> None:
        prisoner_id = item.data(Qt.ItemDataRole.UserRole)
        if prisoner_id:
            self.activated.emit(str(prisoner_id))
