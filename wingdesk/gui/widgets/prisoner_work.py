"""The prisoner page's assessment work (issue 15), under the profile: the prisoner's assessments and their next
steps, the extremism status, and the allocation decisions. Each part appears only for the roles the access policy
lets read it: officers and supervisors get the decisions' wing instructions only, never the extremism status."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from wingdesk.gui.dialogs.assessments_dialog import AssessmentsDialog, may_work_on_assessments
from wingdesk.gui.dialogs.veo_status_dialog import VeoStatusDialog, may_read_veo
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.widgets.allocation_panel import AllocationPanel, may_read_allocations
from wingdesk.i18n import _

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices


class PrisonerWork(QWidget):
    said = Signal(str)
    changed = Signal()

    def __init__(self, session: WingServices, tasks: TaskRunner, prisoner_id: str,
                 page: QWidget) -> None:
        super().__init__(page)
        self.session, self.tasks, self.prisoner_id, self.page = session, tasks, prisoner_id, page
        self.assessments_button: QPushButton | None = None
        self.veo_button: QPushButton | None = None
        self.allocations: AllocationPanel | None = None
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        if may_work_on_assessments(session):
            self.assessments_button = QPushButton()
            self.assessments_button.clicked.connect(self.open_assessments)
            buttons.addWidget(self.assessments_button)
        if may_read_veo(session):
            self.veo_button = QPushButton()
            self.veo_button.clicked.connect(self.open_veo)
            buttons.addWidget(self.veo_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(buttons)
        if may_read_allocations(session):
            self.allocations = AllocationPanel(session, tasks, prisoner_id)
            self.allocations.said.connect(self.said)
            layout.addWidget(self.allocations)
        self.setVisible(bool(self.assessments_button or self.veo_button or self.allocations))
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        if self.assessments_button is not None:
            self.assessments_button.setText(_("A&ssessments…"))
        if self.veo_button is not None:
            self.veo_button.setText(_("E&xtremism status…"))
        if self.allocations is not None:
            self.allocations.retranslate_ui()

    def refresh(self) -> None:
        if self.allocations is not None:
            self.allocations.refresh()

    def _title(self) -> str:
        heading = getattr(self.page, "heading", None)
        return str(heading.text()) if heading is not None else ""

    def open_assessments(self) -> AssessmentsDialog:
        dialog = AssessmentsDialog(self.session, self.tasks, self.prisoner_id, self._title(), self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(self.changed)
        dialog.open()
        return dialog

    def open_veo(self) -> VeoStatusDialog:
        dialog = VeoStatusDialog(self.session, self.tasks, self.prisoner_id, self._title(), self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _r: self.said.emit(_("The extremism status is set.")))
        dialog.open()
        return dialog
