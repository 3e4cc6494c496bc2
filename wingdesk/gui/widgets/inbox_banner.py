"""Non-modal signs of the inbox: a count badge drawn on a navigation row and a banner for urgent items.

Neither takes the keyboard: the banner's buttons take focus only by Tab, never by appearing or being clicked, so an
officer typing an entry keeps typing when an urgent item arrives."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QStyleOptionViewItem,
    QWidget,
)

from wingdesk.gui.widgets.nav_list import WrappedTitles

BADGE_ROLE = Qt.ItemDataRole.UserRole + 41  # (count, urgent) on a navigation row; None: no badge


class BadgeDelegate(WrappedTitles):
    """Draws the row as usual (titles wrapped, gui/widgets/nav_list.py), then a rounded count at its right edge
    (red when something is urgent)."""

    reserved = 34  # the badge's width and margin: titles wrap before it

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        badge = index.data(BADGE_ROLE)
        if not badge or not badge[0]:
            super().paint(painter, option, index)
            return
        count, urgent = badge
        text = str(count) if count < 100 else "99+"
        font = QFont(option.font)
        font.setBold(True)
        width = max(22, painter.fontMetrics().horizontalAdvance(text) + 14)
        rect: QRect = option.rect
        whole = QStyleOptionViewItem(option)
        self.initStyleOption(whole, index)
        whole.text = ""  # the row's background and focus over the full width, its title clear of the badge
        style = whole.widget.style() if whole.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, whole, painter, whole.widget)
        shrunk = QStyleOptionViewItem(option)
        shrunk.rect = rect.adjusted(0, 0, -(width + 8), 0)
        super().paint(painter, shrunk, index)
        pill = QRect(rect.right() - width - 4, rect.center().y() - 10, width, 20)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#b3261e" if urgent else "#1f5f9f"))
        painter.drawRoundedRect(pill, 10, 10)
        painter.setPen(QColor("white"))
        painter.setFont(font)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


class InboxBanner(QFrame):
    """One line across the top of the window while urgent items wait: what, and two buttons."""

    open_inbox = Signal()
    acknowledge = Signal(str)  # the item's key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inboxBanner")
        self.setStyleSheet("#inboxBanner { background: #fde7e9; border: 1px solid #b00020; border-radius: 3px; }"
                           " QLabel { color: #7f0015; font-weight: 600; }")
        self.key = ""
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.open_button, self.ack_button = QPushButton(), QPushButton()
        for button in (self.open_button, self.ack_button):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click does not pull the keyboard away
        self.open_button.clicked.connect(self.open_inbox)
        self.ack_button.clicked.connect(lambda: self.acknowledge.emit(self.key))
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.open_button)
        row.addWidget(self.ack_button)
        self.hide()

    def show_item(self, key: str, text: str, open_text: str, ack_text: str) -> None:
        self.key = key
        self.label.setText(text)
        self.setAccessibleName(text)
        self.open_button.setText(open_text)
        self.ack_button.setText(ack_text)
        self.show()

    def clear_item(self) -> None:
        self.key = ""
        self.hide()
