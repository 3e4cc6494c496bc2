"""A small form dialog with Save and Cancel whose save runs one service call on the worker thread: the service's
refusal is shown as its one sentence under the form and nothing typed is lost (the prisoner's part in an
assessment, the prisoner told an allocation decision)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from wingdesk.domain.records import Record
from wingdesk.gui.labels import error_text
from wingdesk.gui.tasks import TaskRunner
from wingdesk.i18n import _

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices


class SaveDialog(QDialog):
    """A small form with Save and Cancel whose save runs one service call on the worker thread."""

    saved = Signal(object)

    def __init__(self, session: WingServices, tasks: TaskRunner, record_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks, self.record_id = session, tasks, record_id
        self.resize(620, 360)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.buttons.rejected.connect(self.reject)
        self.box = QVBoxLayout(self)

    def finish_layout(self, save: Callable[[], None], stretch: bool = True) -> None:
        """The error line and the buttons under the form; `stretch=False` when the form itself takes the room."""
        self.save_button.clicked.connect(save)
        if stretch:
            self.box.addStretch(1)
        self.box.addWidget(self.error)
        self.box.addWidget(self.buttons)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))

    def run(self, work: Callable[[], Any]) -> None:
        self.save_button.setEnabled(False)
        self.error.hide()
        self.tasks.run(work, self._on_saved, self._on_failed)

    def _on_saved(self, record: Record) -> None:
        self.saved.emit(record)
        self.accept()

    def _on_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.error.setText(error_text(error))
        self.error.show()
