"""The administrator's assessment deadlines (issue 15 item 3), beside the wing's other settings on the
Administration page: within how many hours a young, female or first-time prisoner is screened after admission,
and within how many days their needs are assessed. Loaded and saved on the worker thread; out of range is refused
by the service with its one sentence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QPushButton, QSpinBox, QWidget

from wingdesk.domain.assessment_deadlines import DAYS_RANGE, HOURS_RANGE, DeadlineSettings
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.widgets.settings_row import SettingsRow
from wingdesk.i18n import _, ngettext

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices


class DeadlineSettingsRow(SettingsRow):
    def __init__(self, session: WingServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(session, tasks, parent)
        self.hours, self.days = QSpinBox(), QSpinBox()
        self.hours.setRange(*HOURS_RANGE)
        self.days.setRange(*DAYS_RANGE)
        self.hours_caption, self.days_caption, self.save_button = QLabel(), QLabel(), QPushButton()
        self.hours_caption.setBuddy(self.hours)
        self.days_caption.setBuddy(self.days)
        self.save_button.clicked.connect(self.save)
        self.lay_out(self.hours_caption, self.hours, self.days_caption, self.days, self.save_button)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.hours_caption.setText(_("Screen special groups &within (hours)"))
        self.hours.setAccessibleName(_("Screening at admission within this many hours"))
        self.days_caption.setText(_("Assess their &needs within (days)"))
        self.days.setAccessibleName(_("Needs assessment within this many days"))
        self.save_button.setText(_("Save &deadlines"))

    def refresh(self) -> None:
        self.tasks.run(self.session.assessments.deadline_settings, self._show, self.failed.emit)

    def _show(self, settings: DeadlineSettings) -> None:
        self.hours.setValue(settings.screening_hours)
        self.days.setValue(settings.needs_days)

    def save(self) -> None:
        service, hours, days = self.session.assessments, self.hours.value(), self.days.value()
        self.tasks.run(lambda: service.set_deadline_settings(hours, days),
                       lambda _r: self.said.emit(_saved_text(hours, days)), self.failed.emit)


def _saved_text(hours: int, days: int) -> str:
    """The counts carry their own plural forms: '2 сата' but '5 сати' (a fixed 'hours' read wrong for 2 to 4)."""
    return _("Special groups are screened within {hours} and their needs assessed within {days} of admission.").format(
        hours=ngettext("{n} hour", "{n} hours", hours).format(n=hours),
        days=ngettext("{n} day", "{n} days", days).format(n=days))
