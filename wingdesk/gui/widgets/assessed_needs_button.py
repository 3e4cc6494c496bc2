"""The treatment page's "Needs from the needs assessment" button (issue 15 item 5): the need areas of the prisoner's
latest countersigned needs assessment are added to the plan form's needs, with the assessors' rationale as the draft
goal; needs the form already holds stay as they are. The plan's first review follows the reassessment cycle: when
the form has no first review date, or one after the prisoner's next reassessment, it takes the reassessment's date.
Nothing is saved until the psychologist saves the plan."""

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
    from wingdesk.gui.widgets.field_form import FieldForm
    from wingdesk.gui.widgets.list_editor import ListEditor
    from wingdesk.services.wing import WingServices


class AssessedNeedsButton(QPushButton):
    said = Signal(str)  # one sentence for the page's message bar
    failed = Signal(str)

    def __init__(self, session: WingServices, tasks: TaskRunner, needs: ListEditor,
                 plan_form: FieldForm | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks, self.needs, self.plan_form = session, tasks, needs, plan_form
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
        self.tasks.run(lambda: (service.assessed_needs(pid), service.next_reassessment(pid)), self._on_needs,
                       self._on_failed)

    def _on_needs(self, loaded: tuple[tuple[str, list[dict[str, Any]]] | None, str | None]) -> None:
        self.setEnabled(True)
        found, reassessment = loaded
        if found is None:
            self.said.emit(_("This prisoner has no countersigned needs assessment yet."))
            return
        on, assessed = found
        current = self.needs.items()
        merged = merged_needs(current, assessed)
        self.needs.set_items(merged)
        added = len(merged) - len(current)
        said = ngettext("{n} need added from the needs assessment of {date}.",
                        "{n} needs added from the needs assessment of {date}.", added).format(
            n=added, date=day_text(on))
        if self._follow_reassessment(reassessment):
            said += " " + _("The plan's first review is set to {date}, the next reassessment.").format(
                date=day_text(reassessment))
        self.said.emit(said)

    def _follow_reassessment(self, reassessment: str | None) -> bool:
        """Set the form's first review date to the next reassessment when it has none or a later one."""
        if self.plan_form is None or not reassessment:
            return False
        held = self.plan_form.value("first_review_date")
        if held and str(held) <= reassessment:
            return False
        self.plan_form.set_value("first_review_date", reassessment)
        return True

    def _on_failed(self, error: BaseException) -> None:
        self.setEnabled(True)
        self.failed.emit(error_text(error))
