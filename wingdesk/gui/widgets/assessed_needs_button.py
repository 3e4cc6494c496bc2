"""The treatment page's "Needs from the needs assessment" button (issue 15 item 5): the need areas of the prisoner's
latest countersigned needs assessment are added to the plan form's needs, with the assessors' rationale as the draft
goal; needs the form already holds stay as they are. Nothing is saved until the psychologist saves the plan."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QWidget

from wingdesk.domain.assessed_needs import merged_needs
from wingdesk.gui.labels import error_text
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.when import day_text
from wingdesk.i18n import _, ngettext
from wingdesk.services.policy import Action, Resource, scope_for

if TYPE_CHECKING:
    from wingdesk.gui.widgets.list_editor import ListEditor
    from wingdesk.services.wing import WingServices


class AssessedNeedsButton(QPushButton):
    said = Signal(str)  # one sentence for the page's message bar
    failed = Signal(str)

    def __init__(self, session: WingServices, tasks: TaskRunner, needs: ListEditor,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks, self.needs = session, tasks, needs
        self.prisoner_id: str | None = None
        self.setVisible(scope_for(session.user.role, Action.CREATE, Resource.PLAN) is not None)
        self.clicked.connect(self.take)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setText(_("Needs from the needs &assessment"))
        self.setToolTip(_("Adds the need areas of the latest countersigned needs assessment to the plan's needs; "
                          "you edit them before saving."))

    def take(self) -> None:
        if not self.prisoner_id:
            return
        service, pid = self.session.assessments, self.prisoner_id
        self.setEnabled(False)
        self.tasks.run(lambda: service.assessed_needs(pid), self._on_needs, self._on_failed)

    def _on_needs(self, found: tuple[str, list[dict[str, Any]]] | None) -> None:
        self.setEnabled(True)
        if found is None:
            self.said.emit(_("This prisoner has no countersigned needs assessment yet."))
            return
        on, assessed = found
        current = self.needs.items()
        merged = merged_needs(current, assessed)
        self.needs.set_items(merged)
        added = len(merged) - len(current)
        self.said.emit(ngettext("{n} need added from the needs assessment of {date}.",
                                "{n} needs added from the needs assessment of {date}.", added).format(
            n=added, date=day_text(on)))

    def _on_failed(self, error: BaseException) -> None:
        self.setEnabled(True)
        self.failed.emit(error_text(error))
