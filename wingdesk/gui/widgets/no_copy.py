"""Editors and tables for clinical text (progress notes, the treatment plan) and the observation's own words:
nothing typed or shown in them can be copied, cut or dragged out (security.md §2.4: notes are not copyable; copies
of other record text are cleared after 10 s by the session guard). Tab moves on from a text box."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTableWidget, QTableWidgetItem, QWidget

_COPY_ACTIONS = ("edit-copy", "edit-cut")  # object names of Qt's standard context-menu actions


def is_copy(event: QKeyEvent) -> bool:
    return event.matches(QKeySequence.StandardKey.Copy) or event.matches(QKeySequence.StandardKey.Cut)


def _menu_without_copy(editor: QLineEdit | QPlainTextEdit, event: QContextMenuEvent) -> None:
    """The editor's usual context menu (undo, paste, select all, …) without Copy and Cut."""
    menu = editor.createStandardContextMenu()
    for action in menu.actions():
        if action.objectName() in _COPY_ACTIONS:
            menu.removeAction(action)
    menu.exec(event.globalPos())
    menu.deleteLater()


class _NoCopyKeys:
    """Copy and Cut keys do nothing (mixed in before the Qt widget class)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if is_copy(event):
            event.accept()
            return
        super().keyPressEvent(event)  # type: ignore[misc]


class _NoCopyMenu(_NoCopyKeys):
    """… and the context menu has no Copy or Cut."""

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt override
        _menu_without_copy(self, event)  # type: ignore[arg-type]


class NoCopyTextEdit(_NoCopyMenu, QPlainTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)

    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802 - Qt override
        return QMimeData()  # also what a drag or the X11 selection would carry


class NoCopyLineEdit(_NoCopyMenu, QLineEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDragEnabled(False)


class NoCopyTable(_NoCopyKeys, QTableWidget):
    """A read-only table whose cells cannot be copied (Ctrl+C copies the current cell in a plain table)."""

    def __init__(self, rows: int, columns: int, parent: QWidget | None = None) -> None:
        super().__init__(rows, columns, parent)
        self.setDragEnabled(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)

    def mimeData(self, items: Sequence[QTableWidgetItem]) -> QMimeData:  # noqa: N802 - Qt override
        return QMimeData()
