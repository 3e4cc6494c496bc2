"""The screen list on the left: titles wrap onto a second line instead of being cut ("Дневник на ...").

QListView sizes a wrapped item for a slightly wider rectangle than it paints in (the style sheet's padding), so a
title that just fails to fit one line got one line's height and was elided. The delegate measures the wrapped text
at the width it is painted in, and the list lays its items out again when its width changes.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QListWidget, QStyledItemDelegate, QStyleOptionViewItem, QWidget

PADDING_X, PADDING_Y = 6, 8  # the item padding of the style sheet below


class WrappedTitles(QStyledItemDelegate):
    reserved = 0  # pixels at the row's right edge kept for something drawn there (the inbox badge)

    def __init__(self, view: QListWidget) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        width = max(40, self.view.viewport().width() - 4 * PADDING_X - self.reserved)
        text = str(index.data() or "")
        box = QFontMetrics(self.view.font()).boundingRect(QRect(0, 0, width, 10_000),
                                                          int(Qt.TextFlag.TextWordWrap), text)
        return QSize(hint.width(), max(hint.height(), box.height() + 2 * PADDING_Y + 2))


class NavList(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # long titles wrap instead
        self.setStyleSheet("QListWidget { font-size: 11pt; } "
                           f"QListWidget::item {{ padding: {PADDING_Y}px {PADDING_X}px; }}")
        self.setItemDelegate(WrappedTitles(self))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.doItemsLayout()
