"""One prisoner: minimal profile, alerts and the timeline of what this user may see (amendments under originals)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from wingdesk.domain.people import YOUNG_ADULT_AGE
from wingdesk.domain.special_groups import special_groups
from wingdesk.gui import navigation
from wingdesk.gui.dialogs.handover_dialog import HandoverDialog, may_hand_over
from wingdesk.gui.dialogs.trajectory_dialog import TrajectoryDialog, may_see_trajectory
from wingdesk.gui.dialogs.transfer_dialog import TransferDialog, may_transfer
from wingdesk.gui.labels import code_label, error_text, field_label
from wingdesk.gui.special_groups_text import groups_text, is_overdue, whereabouts_text
from wingdesk.gui.subject_access_actions import SubjectAccessActions
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.when import day_text
from wingdesk.gui.widgets.alerts_panel import AlertsPanel
from wingdesk.gui.widgets.assessment_button import AssessmentButton, may_assess
from wingdesk.gui.widgets.association_view import AssociationPanel
from wingdesk.gui.widgets.carried_panel import CarriedPanel
from wingdesk.gui.widgets.prisoner_work import PrisonerWork
from wingdesk.gui.widgets.record_card import RecordCard
from wingdesk.i18n import _
from wingdesk.services.policy import Action, Resource, Scope, scope_for
from wingdesk.services.reading import resource_of

if TYPE_CHECKING:
    from wingdesk.services.assessments import CurrentLevel
    from wingdesk.services.wing import WingServices

TIMELINE_PAGE = 100
PROFILE_FIELDS = ("number", "cell", "location", "date_of_birth", "sex", "legal_status", "admission_date",
                  "expected_release", "groups", "first_time", "languages", "alerts")
LEVEL_FIELDS = ("risk_level", "wing_instructions")  # domain.md §2.2 current_risk_level, for those who read it


def may_read_level(session: WingServices) -> bool:
    """Officers and supervisors read the level and the wing's instructions; assessors, security, governor all."""
    return scope_for(session.user.role, Action.READ, Resource.ASSESSMENT) is not None


class PrisonerPage(QWidget):
    back_requested = Signal()
    observation_requested = Signal()
    prisoner_requested = Signal(str)  # another prisoner, from the association view (issue 16)

    def __init__(self, session: WingServices, tasks: TaskRunner, prisoner_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks, self.prisoner_id = session, tasks, prisoner_id
        self.prisoner: Any = None
        self.today: Any = None
        self.young_age = YOUNG_ADULT_AGE  # the wing's setting, loaded with the page
        self.records: list[Any] = []
        self.level: CurrentLevel | None = None  # the latest signed-off assessment's level (issue 15, scenario 11)
        self.reads_level = may_read_level(session)
        self.back_button, self.observe_button = QPushButton(), QPushButton()
        self.print_button, self.more_button = QPushButton(), QPushButton()
        self.back_button.setShortcut("Alt+Left")
        self.back_button.clicked.connect(self.back_requested)
        self.observe_button.clicked.connect(self.observation_requested)
        self.observe_button.setVisible(navigation.can_record_observation(session.user.role))
        self.print_button.clicked.connect(self._on_print)
        self.more_button.clicked.connect(self._on_more)
        self.more_button.hide()
        self.access = SubjectAccessActions(session, tasks, self)  # issue 19: comment, withhold, the copy
        self.access.changed.connect(self.refresh)
        self.access.copied.connect(self._show_status)
        self.access.failed.connect(self._on_failed)
        self.copy_button = QPushButton()
        self.copy_button.setVisible(self.access.can_copy)
        self.copy_button.clicked.connect(lambda: self.access.make_copy(self.prisoner_id))
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.status_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.heading, 1)
        top.addWidget(self.observe_button)
        self.assess_button: AssessmentButton | None = None  # issue 15 item 2: the instrument's form
        if may_assess(session):
            self.assess_button = AssessmentButton(session, tasks, prisoner_id)
            self.assess_button.saved.connect(self.refresh)
            self.assess_button.failed.connect(self.status_label.setText)
            top.addWidget(self.assess_button)
        self.trajectory_button: QPushButton | None = None  # issue 15 item 6: level and domains over time
        if may_see_trajectory(session):
            self.trajectory_button = QPushButton()
            self.trajectory_button.clicked.connect(self.open_trajectory)
            top.addWidget(self.trajectory_button)
        top.addWidget(self.print_button)
        top.addWidget(self.copy_button)
        self.handover_button = QPushButton()  # issue 19 item 2: pre-release handover to an agency
        self.handover_button.setVisible(may_hand_over(session))
        self.handover_button.clicked.connect(self.open_handover)  # under the profile: the top row is full
        self.transfer_button = QPushButton()  # issue 19 item 1: transfer to another prison (governor)
        self.transfer_button.setVisible(may_transfer(session))
        self.transfer_button.clicked.connect(self.open_transfer)
        self.profile = QFormLayout()
        self.profile.setHorizontalSpacing(16)
        fields = (*PROFILE_FIELDS, *LEVEL_FIELDS) if self.reads_level else PROFILE_FIELDS
        self.profile_labels = {key: (QLabel(), QLabel()) for key in fields}
        for name, value in self.profile_labels.values():
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            self.profile.addRow(name, value)
        left = QWidget()
        left.setMaximumWidth(360)
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addLayout(self.profile)
        left_box.addWidget(self.handover_button, 0, Qt.AlignmentFlag.AlignLeft)
        left_box.addWidget(self.transfer_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.work = PrisonerWork(session, tasks, prisoner_id, self)  # issue 15: assessments, VEO, allocation
        self.work.said.connect(self._show_status)
        self.work.changed.connect(self.refresh)
        left_box.addWidget(self.work)
        self.associations: AssociationPanel | None = None  # security only (issue 16): links are never sanitised
        if scope_for(session.user.role, Action.READ, Resource.INTELLIGENCE_REPORT) is Scope.ALL:
            self.associations = AssociationPanel(session, tasks, prisoner_id)
            self.associations.prisoner_requested.connect(self.prisoner_requested)
            left_box.addWidget(self.associations)
        left_box.addStretch(1)  # in the scrolling column, spare height stays below the panels (never stretches one)
        self.timeline_heading = QLabel()
        self.timeline_heading.setStyleSheet("font-weight: 600;")
        self.timeline = QWidget()
        self.timeline_layout = QVBoxLayout(self.timeline)
        self.timeline_layout.setSpacing(8)
        self.timeline_layout.addStretch(1)
        self.carried = CarriedPanel(session, tasks, prisoner_id)  # issue 19 item 1: the file from another prison
        scrolled = QWidget()
        scrolled_box = QVBoxLayout(scrolled)
        scrolled_box.setContentsMargins(0, 0, 0, 0)
        scrolled_box.addWidget(self.carried)
        scrolled_box.addWidget(self.timeline_heading)  # under the carried file: that is no part of the timeline
        scrolled_box.addWidget(self.timeline, 1)
        self.timeline_scroll = QScrollArea()
        self.timeline_scroll.setWidgetResizable(True)
        self.timeline_scroll.setWidget(scrolled)
        right = QVBoxLayout()
        self.alerts: AlertsPanel | None = None  # raise, review and end (gui/widgets/alerts_panel.py)
        if scope_for(session.user.role, Action.READ, Resource.ALERT) is not None:
            self.alerts = AlertsPanel(session, tasks, prisoner_id)
            self.alerts.changed.connect(self.refresh)
            right.addWidget(self.alerts)
        right.addWidget(self.timeline_scroll, 1)
        right.addWidget(self.more_button)
        # the left column scrolls on its own: security's association view and the assessment panels together are
        # taller than a 1280x800 window leaves, which otherwise grew the whole window past the screen
        self.left_scroll = QScrollArea()
        self.left_scroll.setWidgetResizable(True)
        self.left_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.left_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.left_scroll.setWidget(left)
        self.left_scroll.setFixedWidth(left.maximumWidth() + self.left_scroll.verticalScrollBar().sizeHint().width())
        body = QHBoxLayout()
        body.addWidget(self.left_scroll)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status_label)
        layout.addLayout(body, 1)
        self.retranslate_ui()

    def title(self) -> str:
        return self.prisoner.display_name if self.prisoner else _("Prisoner")

    def current_prisoner_id(self) -> str | None:
        return self.prisoner_id

    def refresh(self) -> None:
        if self.alerts is not None:
            self.alerts.refresh()
        if self.associations is not None:
            self.associations.refresh()
        self.work.refresh()
        self.carried.refresh()
        self.status_label.setText(_("Loading…"))
        session, prisoner_id = self.session, self.prisoner_id
        self.tasks.run(lambda: (session.prisoners.get(prisoner_id), session.prisoners.today(),
                                session.prisoners.timeline(prisoner_id, TIMELINE_PAGE)),
                       self._on_loaded, self._on_failed)
        self.tasks.run(session.prisoners.young_adult_age, self._on_young_age, self._on_failed)
        if self.reads_level:  # derived from countersigned assessments only; audited by the service
            self.tasks.run(lambda: session.assessments.current_level(prisoner_id), self._on_level, self._on_failed)

    def _on_level(self, level: CurrentLevel | None) -> None:
        self.level = level
        self._render()

    def _on_young_age(self, age: int) -> None:
        self.young_age = age
        self._render()

    def _on_loaded(self, result: tuple[Any, Any, list[Any]]) -> None:
        self.prisoner, self.today, self.records = result
        self.status_label.clear()
        self.status_label.hide()
        self._render()

    def _on_failed(self, error: BaseException) -> None:
        self.status_label.setText(error_text(error))
        self.status_label.show()

    def open_trajectory(self) -> TrajectoryDialog:
        dialog = TrajectoryDialog(self.session, self.tasks, self.prisoner_id, self.heading.text(), self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_handover(self) -> HandoverDialog | None:
        if self.prisoner is None:
            return None
        dialog = HandoverDialog(self.session, self.tasks, self.prisoner, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_transfer(self) -> TransferDialog | None:
        if self.prisoner is None:
            return None
        dialog = TransferDialog(self.session, self.tasks, self.prisoner, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _show_status(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.show()

    def _on_more(self) -> None:
        session, prisoner_id, offset = self.session, self.prisoner_id, len(self.records)
        self.more_button.setEnabled(False)
        self.tasks.run(lambda: session.prisoners.timeline(prisoner_id, TIMELINE_PAGE, offset),
                       self._on_more_loaded, self._on_failed)

    def _on_more_loaded(self, records: list[Any]) -> None:
        self.more_button.setEnabled(True)
        self.records += records
        self._render_timeline(more=len(records) == TIMELINE_PAGE)

    def _on_print(self) -> None:
        from wingdesk.gui.printing import print_prisoner_summary

        print_prisoner_summary(self.session, self.tasks, self.prisoner_id, self)

    def retranslate_ui(self) -> None:
        self.back_button.setText(_("← &Back"))
        self.back_button.setAccessibleName(_("Back"))
        self.observe_button.setText(_("&Record observation"))
        self.observe_button.setAccessibleName(_("Record observation about this prisoner"))
        self.print_button.setText(_("&Print summary"))
        self.print_button.setAccessibleName(_("Print summary"))
        self.copy_button.setText(_("Subject &access copy…"))
        self.copy_button.setAccessibleName(_("Subject access copy for the prisoner"))
        self.handover_button.setText(_("Hand &over to an agency…"))
        self.handover_button.setAccessibleName(_("Handover to an agency before release"))
        self.transfer_button.setText(_("&Transfer…"))
        self.transfer_button.setAccessibleName(_("Transfer to another prison"))
        self.more_button.setText(_("Show older entries"))
        self.more_button.setAccessibleName(_("Show older entries"))
        self.timeline_heading.setText(_("Timeline (newest first)"))
        if self.alerts is not None:
            self.alerts.retranslate_ui()
        if self.assess_button is not None:
            self.assess_button.retranslate_ui()
        if self.trajectory_button is not None:
            self.trajectory_button.setText(_("&Trajectory"))
        self.work.retranslate_ui()
        self.carried.retranslate_ui()
        self.timeline_scroll.setAccessibleName(_("Timeline"))
        for key, (name, _value) in self.profile_labels.items():
            name.setText(_("Alerts") if key == "alerts" else _("First time in custody") if key == "first_time"
                         else _("Risk level") if key == "risk_level"
                         else _("Instructions for the wing") if key == "wing_instructions" else field_label(key))
        self._render()

    def _render(self) -> None:
        p = self.prisoner
        if p is None:
            return
        name = p.display_name if not p.name_cyrillic else _("{name} ({cyrillic})").format(
            name=p.display_name, cyrillic=p.name_cyrillic)
        self.heading.setText(name)
        self.heading.setAccessibleName(name)
        age = p.age_on(self.today) if self.today else None
        born = day_text(p.date_of_birth)
        if born and age is not None:
            born = _("{date} (age {age})").format(date=born, age=age)
        languages = p.languages or ""
        if p.interpreter_needed:
            languages = _("{languages}; interpreter needed").format(languages=languages)
        values = {"number": p.number, "cell": p.cell or "", "date_of_birth": born, "sex": code_label(p.sex),
                  "legal_status": code_label(p.legal_status), "admission_date": day_text(p.admission_date),
                  "expected_release": day_text(p.expected_release), "first_time": _("Yes") if p.first_time
                  else _("No"), "languages": languages,
                  "alerts": ", ".join(code_label(c) for c in p.alert_codes) or _("None"),
                  "location": whereabouts_text(p),
                  "groups": groups_text(special_groups(p, self.today, self.young_age), self.young_age) or _("None")
                  if self.today else ""}
        if self.reads_level:
            values["risk_level"] = _("{level}, countersigned {date}").format(
                level=code_label(self.level.level), date=day_text(self.level.since)) if self.level \
                else _("No countersigned assessment")
            values["wing_instructions"] = (self.level.instructions if self.level else "") or _("None")
        for key, (_name, value) in self.profile_labels.items():
            value.setText(values[key])
            flagged = key == "alerts" and p.alert_codes or key == "location" and is_overdue(p.expected_back)
            value.setStyleSheet("color: #b3261e; font-weight: 600;" if flagged else "")
        self._render_timeline(more=len(self.records) % TIMELINE_PAGE == 0 and bool(self.records))

    def _restricted(self, record: Any) -> bool:
        return scope_for(self.session.user.role, Action.READ, resource_of(record.kind)) is Scope.RESTRICTED

    def _render_timeline(self, more: bool) -> None:
        while self.timeline_layout.count() > 1:
            item = self.timeline_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        if not self.records:
            empty = QLabel(_("Nothing recorded that you may see."))
            self.timeline_layout.insertWidget(0, empty)
        for index, record in enumerate(self.records):
            restricted = self._restricted(record)
            if restricted and record.amendments:
                record = replace(record, amendments=())  # summary reads never include free-text notes
            card = RecordCard(record, actions=self.access.card_actions(record, restricted))
            self.timeline_layout.insertWidget(index, card)
        self.more_button.setVisible(more)
