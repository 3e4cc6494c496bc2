"""The prisoner page's "New assessment" button: a menu of the instruments in force that the user's role may use;
choosing one loads it in the user's language on a worker thread and opens the form it generates."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMenu, QPushButton, QWidget

from wingdesk.gui.dialogs.assessment_dialog import AssessmentDialog, load_view
from wingdesk.gui.labels import error_text
from wingdesk.gui.tasks import TaskRunner
from wingdesk.i18n import _, current_language
from wingdesk.services.policy import Action, Resource, scope_for

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices


def may_assess(session: WingServices) -> bool:
    return scope_for(session.user.role, Action.CREATE, Resource.ASSESSMENT) is not None


class AssessmentButton(QPushButton):
    saved = Signal(object)
    failed = Signal(str)  # one sentence for the page's status line

    def __init__(self, session: WingServices, tasks: TaskRunner, prisoner_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks, self.prisoner_id = session, tasks, prisoner_id
        self.dialog: AssessmentDialog | None = None
        self.instrument_menu = QMenu(self)
        self.instrument_menu.aboutToShow.connect(self._fill)
        self.setMenu(self.instrument_menu)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setText(_("New assessment"))

    def _fill(self) -> None:
        self.instrument_menu.clear()
        waiting = self.instrument_menu.addAction(_("Loading…"))
        waiting.setEnabled(False)
        instruments = self.session.instruments
        self.tasks.run(lambda: [s for s in instruments.catalogue(current_language()) if s.usable], self._on_catalogue,
                       self._on_failed)

    def _on_catalogue(self, summaries: list[Any]) -> None:
        self.instrument_menu.clear()
        for summary in summaries:
            action = self.instrument_menu.addAction(summary.title)
            action.triggered.connect(lambda _checked=False, i=summary.instrument_id: self.open_instrument(i))
        if not summaries:
            self.instrument_menu.addAction(_("No instrument your role may use is installed.")).setEnabled(False)

    def open_instrument(self, instrument_id: str) -> None:
        session = self.session
        self.tasks.run(lambda: load_view(session, instrument_id), self._open, self._on_failed)

    def _open(self, view: Any) -> None:
        self.dialog = AssessmentDialog(self.session, self.tasks, self.prisoner_id, view, parent=self.window())
        self.dialog.saved.connect(self.saved)
        self.dialog.open()

    def _on_failed(self, error: BaseException) -> None:
        self.failed.emit(error_text(error))
