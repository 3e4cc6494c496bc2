"""The outside people HQ vetted for this prison (issue 17 item 3), for the supervisor, security, the governor and the
administrator: who may come in, until when, and whose vetting ends within 30 days or has ended. Treatment staff
see the same list where they log a contact (widgets.vetted_person_picker)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.widgets.vetted_people_panel import VettedPeoplePanel
from wingdesk.i18n import _

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices


class VettedPeoplePage(QWidget):
    def __init__(self, session: WingServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.panel = VettedPeoplePanel(session, tasks)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addWidget(self.panel, 1)
        self.retranslate_ui()

    def title(self) -> str:
        return _("Vetted people")

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Vetted people"))
        self.hint.setText(_("Religious counsellors, volunteers, NGO workers and peer mentors HQ vetted to work with "
                            "prisoners here. The list arrives with HQ's files; a contact with someone whose vetting "
                            "does not hold is logged only with a reason."))
        self.panel.retranslate_ui()

    def refresh(self) -> None:
        self.panel.refresh()
