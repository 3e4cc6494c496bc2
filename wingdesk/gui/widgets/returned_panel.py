"""Entries a supervisor returned: read the comment, answer by annotation (the original stays), then resubmit."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wingdesk.domain.records import Record
from wingdesk.gui.labels import code_label as label
from wingdesk.gui.widgets.entry_detail import EntryDetail
from wingdesk.i18n import _
from wingdesk.i18n.formats import format_date, format_time


class ReturnedPanel(QWidget):
    annotate_requested = Signal(str, str)
    resubmit_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[tuple[str, Record]] = []
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setMaximumHeight(110)
        self.detail = EntryDetail()
        self.answer = QPlainTextEdit()
        self.answer.setTabChangesFocus(True)
        self.answer.setMaximumHeight(100)
        self.annotate_button = QPushButton()
        self.resubmit_button = QPushButton()
        self.answer_caption = QLabel()
        self.answer_caption.setBuddy(self.answer)
        self.answer_error = QLabel()
        self.answer_error.setStyleSheet("color: #b00020")
        self.answer_error.hide()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.annotate_button)
        buttons.addWidget(self.resubmit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.list)
        layout.addWidget(self.detail, 1)
        layout.addWidget(self.answer_caption)
        layout.addWidget(self.answer)
        layout.addWidget(self.answer_error)
        layout.addLayout(buttons)
        self.list.currentRowChanged.connect(self._on_row)
        self.annotate_button.clicked.connect(self._on_annotate)
        self.resubmit_button.clicked.connect(self._on_resubmit)
        QShortcut(QKeySequence("Ctrl+Return"), self.answer, self._on_annotate,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.intro.setText(_("A supervisor returned these entries with a comment. Answer each one with an "
                             "annotation; the original entry stays as it was. Then resubmit the day."))
        self.list.setAccessibleName(_("Returned entries"))
        self.answer_caption.setText(_("Your &annotation"))
        self.answer.setAccessibleName(_("Your annotation"))
        self.annotate_button.setText(_("Add a&nnotation (Ctrl+Enter)"))
        self.annotate_button.setAccessibleName(_("Add annotation"))
        self.resubmit_button.setText(_("&Resubmit day"))
        self.resubmit_button.setAccessibleName(_("Resubmit day"))
        self.detail.retranslate_ui()
        self.set_items(self.items)

    def set_items(self, items: list[tuple[str, Record]]) -> None:
        keep = self.list.currentRow()
        self.items = items
        self.list.blockSignals(True)
        self.list.clear()
        for day, record in items:
            text = _("{day} {time} · {type}").format(day=format_date(day), time=format_time(record.occurred_at),
                                                     type=label(str(record.body.get("entry_type", ""))))
            QListWidgetItem(text, self.list)
        self.list.blockSignals(False)
        if items:
            self.list.setCurrentRow(min(max(keep, 0), len(items) - 1))
            self._on_row(self.list.currentRow())

    def current(self) -> tuple[str, Record] | None:
        row = self.list.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _on_row(self, _row: int) -> None:
        found = self.current()
        self.detail.show_record(found[1] if found else None)
        if found:
            self.resubmit_button.setText(_("&Resubmit day {day}").format(day=format_date(found[0])))

    def _on_annotate(self) -> None:
        found, text = self.current(), self.answer.toPlainText().strip()
        if found and not text:  # said, not silently ignored
            self.answer_error.setText(_("Write your answer first."))
            self.answer_error.show()
            self.answer.setFocus()
            return
        self.answer_error.hide()
        if found:
            self.annotate_requested.emit(found[1].id, text)

    def _on_resubmit(self) -> None:
        found = self.current()
        if found:
            self.resubmit_requested.emit(found[0])

    def annotated(self) -> None:
        self.answer.clear()
