"""One line of the wing's settings on the Administration page (the assessment deadlines, the country for regional
guidance): its widgets side by side, loaded and saved on the worker thread; `said` carries the sentence after a
save, `failed` an error for the page's message bar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from wingdesk.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices


class SettingsRow(QWidget):
    said = Signal(str)
    failed = Signal(object)

    def __init__(self, session: WingServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks = session, tasks

    def lay_out(self, *widgets: QWidget) -> None:
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            row.addWidget(widget)
        row.addStretch(1)
