"""The user's inbox: one card per item (urgent first), each acknowledged with one click; opening the prisoner."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from wingdesk.gui.dialogs.transfer_dialog import TransfersWaitingDialog, may_transfer
from wingdesk.gui.inbox_text import InboxData, item_text, load_inbox
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.widgets.message_bar import MessageBar
from wingdesk.i18n import _, ngettext

if TYPE_CHECKING:
    from wingdesk.domain.inbox import InboxItem
    from wingdesk.services.wing import WingServices

_CARD = ("#inboxCard {{ border: 1px solid #d0d4da; border-left: 5px solid {edge}; border-radius: 4px;"
         " background: palette(base); }}")


class InboxCard(QFrame):
    acknowledge = Signal(str)
    open_prisoner = Signal(str)
    open_transfers = Signal()  # a transfer package waits for the governor (issue 19 item 1)

    def __init__(self, item: InboxItem, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.setObjectName("inboxCard")
        self.setStyleSheet(_CARD.format(edge="#b3261e" if item.urgent else "#3b6ea5"))
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        if item.urgent:
            self.label.setStyleSheet("font-weight: 600; color: #7f0015;")
        self.open_button = QPushButton(_("Open prisoner"))
        self.open_button.setVisible(bool(item.prisoner_id))
        self.open_button.clicked.connect(lambda: self.open_prisoner.emit(item.prisoner_id or ""))
        self.transfers_button = QPushButton(_("Transfers waiting…"))
        self.transfers_button.setVisible(item.source == "transfer_waiting")
        self.transfers_button.clicked.connect(self.open_transfers)
        self.ack_button = QPushButton(_("Acknowledge"))
        self.ack_button.setAccessibleName(_("Acknowledge: {item}").format(item=text))
        self.ack_button.clicked.connect(lambda: self.acknowledge.emit(item.key))
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 8, 6)
        row.addWidget(self.label, 1)
        row.addWidget(self.open_button)
        row.addWidget(self.transfers_button)
        row.addWidget(self.ack_button)
        self.setAccessibleName(text)


class InboxPage(QWidget):
    prisoner_requested = Signal(str)
    inbox_changed = Signal()  # an item was acknowledged here: the navigation badge and banner follow

    def __init__(self, session: WingServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks = session, tasks
        self.data = InboxData()
        self.cards: list[InboxCard] = []
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.bar = MessageBar()
        self.transfer_file_button = QPushButton()  # a transfer package brought on a USB stick (issue 19 item 1)
        self.transfer_file_button.setVisible(may_transfer(session))
        self.transfer_file_button.clicked.connect(self.open_transfer_file)
        self.list = QWidget()
        self.list_layout = QVBoxLayout(self.list)
        self.list_layout.setSpacing(6)
        self.list_layout.addStretch(1)
        self.area = QScrollArea()
        self.area.setWidgetResizable(True)
        self.area.setWidget(self.list)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.transfer_file_button)
        layout.addLayout(top)
        for widget in (self.summary, self.bar):
            layout.addWidget(widget)
        layout.addWidget(self.area, 1)
        self.retranslate_ui()

    def title(self) -> str:
        return _("Inbox")

    def refresh(self) -> None:
        session = self.session
        self.tasks.run(lambda: load_inbox(session), self.show_data, self.bar.show_error)

    def show_data(self, data: InboxData) -> None:
        """Also called by the main window's inbox watcher whenever it has fresher items."""
        self.data = data
        self._render()

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Inbox"))
        self.transfer_file_button.setText(_("Open a transfer file from a USB stick…"))
        self.area.setAccessibleName(_("Inbox"))
        self._render()

    def _render(self) -> None:
        while self.list_layout.count() > 1:
            taken = self.list_layout.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.hide()  # gone at once, not when the event loop deletes it (it showed through in grabs)
                widget.deleteLater()
        items = self.data.items
        self.summary.setText(ngettext("{n} item needs your attention.", "{n} items need your attention.",
                                      len(items)).format(n=len(items)) if items else
                             _("Nothing needs your attention. Urgent observations, returned entries, overdue "
                               "reviews and alerts near their review or end date appear here."))
        self.cards = []
        for index, item in enumerate(items):
            card = InboxCard(item, item_text(item, self.data))
            card.acknowledge.connect(self._on_acknowledge)
            card.open_prisoner.connect(self.prisoner_requested)
            card.open_transfers.connect(self.open_transfers)
            self.list_layout.insertWidget(index, card)
            self.cards.append(card)

    def open_transfers(self) -> TransfersWaitingDialog:
        dialog = TransfersWaitingDialog(self.session, self.tasks, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self.refresh())
        dialog.open()
        return dialog

    def open_transfer_file(self) -> TransfersWaitingDialog:
        dialog = self.open_transfers()
        dialog.open_file()
        return dialog

    def _on_acknowledge(self, key: str) -> None:
        inbox = self.session.inbox
        for card in self.cards:
            if card.item.key == key:
                card.ack_button.setEnabled(False)
        self.tasks.run(lambda: inbox.acknowledge(key), self._on_acknowledged, self._on_failed)

    def _on_acknowledged(self, _result: Any) -> None:
        self.bar.show_ok(_("Acknowledged."))
        self.inbox_changed.emit()
        self.refresh()

    def _on_failed(self, error: BaseException) -> None:
        self.bar.show_error(error)
        self.refresh()
