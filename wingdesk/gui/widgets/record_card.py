"""One record on a timeline: title, who and when, its fields, and its amendments underneath (never editable)."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from wingdesk.domain.records import Record
from wingdesk.gui import record_text
from wingdesk.gui.labels import code_label
from wingdesk.gui.when import when
from wingdesk.i18n import _


def _label(text: str, style: str = "", rich: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)  # record text is not copyable
    if style:
        label.setStyleSheet(style)
    return label


class RecordCard(QFrame):
    def __init__(self, record: Record, parent: QWidget | None = None,
                 actions: Sequence[tuple[str, Callable[[], None]]] = ()) -> None:
        super().__init__(parent)
        self.record = record
        self.setObjectName("recordCard")
        concern = record.body.get("polarity") == "CONCERN" or record.body.get("urgent")
        edge = "#b3261e" if concern else "#3b6ea5"
        self.setStyleSheet(f"#recordCard {{ border: 1px solid #d0d4da; border-left: 4px solid {edge};"
                           " border-radius: 4px; background: palette(base); }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 8)
        layout.setSpacing(3)
        heading = record_text.title(record)
        layout.addWidget(_label(heading, "font-weight: 600;"))
        layout.addWidget(_label(record_text.meta(record), "color: #555;"))
        rows = "".join(f"<b>{html.escape(name)}:</b> {html.escape(value).replace(chr(10), '<br>')}<br>"
                       for name, value in record_text.lines(record))
        if rows:
            layout.addWidget(_label(rows.removesuffix("<br>"), rich=True))
        for amendment in record.amendments:
            note = _("{kind} by {author}, {when}:").format(kind=code_label(str(amendment.kind).upper()),
                                                          author=amendment.author_name, when=when(amendment.at))
            box = QFrame()
            box.setStyleSheet("QFrame { border-left: 3px solid #999; margin-left: 16px; padding-left: 6px; }")
            inner = QVBoxLayout(box)
            inner.setContentsMargins(6, 2, 2, 2)
            inner.addWidget(_label(note, "color: #555; border: none;"))
            inner.addWidget(_label(amendment.text, "border: none;"))
            layout.addWidget(box)
        self.buttons: list[QPushButton] = []
        if actions:  # what the reader may add beside the record (issue 19: the prisoner's comment, withholding)
            row = QHBoxLayout()
            row.addStretch(1)
            for text, act in actions:
                button = QPushButton(text)
                button.setFlat(True)
                button.setStyleSheet("QPushButton { color: #1f4e79; text-decoration: underline; }")
                button.clicked.connect(act)
                row.addWidget(button)
                self.buttons.append(button)
            layout.addLayout(row)
        self.setAccessibleName(heading)
