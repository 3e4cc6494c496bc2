"""The governor's daily summary: the day's uses of force, incidents, urgent observations, roll discrepancies and
movements, read through the services; printed on paper with the same words."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from wingdesk.gui.dialogs.confirm_password import ask_password
from wingdesk.gui.labels import error_text
from wingdesk.gui.printing import preview
from wingdesk.gui.prisoner_names import prisoner_label
from wingdesk.gui.qt_values import py_date
from wingdesk.gui.summary_html import summary_html
from wingdesk.gui.tasks import TaskRunner
from wingdesk.i18n import _
from wingdesk.i18n.formats import format_date

if TYPE_CHECKING:
    from wingdesk.services.daily_summary import DailySummary
    from wingdesk.services.wing import WingServices


def load_summary(session: WingServices, day: str) -> tuple[DailySummary, dict[str, str]]:
    """The summary and the names of the prisoners it mentions (call off the UI thread)."""
    summary = session.daily_summary.summary(day)
    ids = {p["prisoner_id"] for r in (*summary.uses_of_force, *summary.incidents) for p in r.body.get("prisoners", [])}
    ids |= {o.prisoner_id for o in summary.urgent_observations if o.prisoner_id}
    names = {}
    for prisoner_id in sorted(ids):
        p = session.prisoners.get(prisoner_id)
        names[prisoner_id] = prisoner_label(p)
    return summary, names


class DailySummaryPage(QWidget):
    prisoner_requested = Signal(str)

    def __init__(self, session: WingServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks = session, tasks
        self.loaded: Any = None
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600")
        self.day = QDateEdit(QDate.currentDate())
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setMaximumDate(QDate.currentDate())
        self.day_caption = QLabel()
        self.day_caption.setBuddy(self.day)
        self.print_button = QPushButton()
        self.view = QTextBrowser()
        self.view.setOpenLinks(False)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # its tables take the width
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.day_caption)
        top.addWidget(self.day)
        top.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self.day.dateChanged.connect(self.refresh)
        self.print_button.clicked.connect(self.print_summary)
        self.retranslate_ui()

    def title(self) -> str:
        return _("Daily summary")

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Daily summary"))
        self.day_caption.setText(_("&Day"))
        self.print_button.setText(_("&Print…"))
        self.view.setAccessibleName(_("Daily summary"))
        self._render()

    def chosen_day(self) -> str:
        return py_date(self.day.date()).isoformat()

    def refresh(self) -> None:
        day = self.chosen_day()
        self.tasks.run(lambda: load_summary(self.session, day), self._on_loaded,
                       lambda error: self.view.setPlainText(error_text(error)))

    def _on_loaded(self, loaded: tuple[DailySummary, dict[str, str]]) -> None:
        self.loaded = loaded
        self._render()

    def _render(self) -> None:
        if self.loaded is None:
            return
        summary, names = self.loaded
        self.heading.setText(_("Daily summary, {day}").format(day=format_date(summary.day)))
        self.view.setHtml(summary_html(summary, names, self.session.wing, heading=False))

    def print_summary(self) -> None:
        """Re-ask the password, build the summary in the background, audit the print, then the preview."""
        if not ask_password(self.session, self.tasks, _("Printing takes records off the wing PC."), self):
            return
        day = self.chosen_day()
        user = self.session.user

        def load() -> str:
            summary, names = load_summary(self.session, day)
            self.session.daily_summary.record_print(day)
            return summary_html(summary, names, self.session.wing, (user.display_name, str(user.role)))

        title = _("Daily summary {wing}, {day}").format(wing=self.session.wing, day=format_date(day))
        self.tasks.run(load, lambda html: preview(html, title, self),
                       lambda error: self.view.setPlainText(error_text(error)))

