"""A prisoner's trajectory (issue 15 item 6): for the chosen instrument, the chart of the level and each domain's
agreed rating over the countersigned assessments, the list of those assessments, and the print of the one selected
(both assessors' ratings, the agreed one and the prisoner's comments). Everything loads on a worker thread."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wingdesk.domain.kinds.assessment import LEVELS
from wingdesk.domain.trajectory import TrajectoryPoint
from wingdesk.gui.assessment_print import assessment_html, load_print
from wingdesk.gui.dialogs.allocation_dialog import AllocationDialog, may_propose
from wingdesk.gui.labels import code_label, error_text
from wingdesk.gui.printing import preview
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.when import day_text
from wingdesk.gui.widgets.trajectory_chart import ChartRow, TrajectoryChart
from wingdesk.i18n import _, current_language
from wingdesk.services.policy import Action, Resource, Scope, scope_for

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices

SPJ = "wd.extremism_risk_spj"
NOT_ON_THE_SCALE = ("NOT_KNOWN",)  # ratings that say nothing about more or less; drawn apart from the line


def may_see_trajectory(session: WingServices) -> bool:
    return scope_for(session.user.role, Action.READ, Resource.ASSESSMENT) is Scope.ALL


@dataclass
class TrajectoryData:
    points: list[TrajectoryPoint]
    rows: list[ChartRow]
    instruments: list[tuple[str, str]] = field(default_factory=list)  # (id, title) of the instruments in force


def load_trajectory(session: WingServices, prisoner_id: str, instrument_id: str) -> TrajectoryData:
    """Worker side: the points and the chart's rows from the instrument in force, in the user's language."""
    language = current_language()
    instruments = [(s.instrument_id, s.title) for s in session.instruments.catalogue(language)]
    view = session.instruments.view(instrument_id, language)
    rows = [ChartRow(d.code, d.title, tuple((o.code, o.label) for o in d.judgement if o.code not in NOT_ON_THE_SCALE),
                     tuple((o.code, o.label) for o in d.judgement if o.code in NOT_ON_THE_SCALE))
            for d in view.domains if d.judgement]
    return TrajectoryData(session.assessments.trajectory(prisoner_id, instrument_id), rows, instruments)


class TrajectoryDialog(QDialog):
    def __init__(self, session: WingServices, tasks: TaskRunner, prisoner_id: str, title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks, self.prisoner_id, self.title = session, tasks, prisoner_id, title
        self.data: TrajectoryData | None = None
        self.resize(1100, 700)
        self.instrument = QComboBox()
        self.instrument.addItem(SPJ, SPJ)
        self.instrument.activated.connect(lambda _i: self.load())
        self.chart = TrajectoryChart()
        self.listing = QListWidget()
        self.listing.setFixedWidth(340)
        self.listing.setWordWrap(True)  # a long kind or level wraps instead of scrolling sideways
        self.listing.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.listing.currentRowChanged.connect(lambda _r: self._enable())
        self.print_button = QPushButton()
        self.print_button.clicked.connect(self.print_selected)
        self.allocate_button = QPushButton()  # issue 15 item 4: a decision resting on the selected assessment
        self.allocate_button.setVisible(may_propose(session))
        self.allocate_button.clicked.connect(self.propose_allocation)
        self.allocation: AllocationDialog | None = None
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.instrument_label, self.list_label = QLabel(), QLabel()
        top = QHBoxLayout()
        top.addWidget(self.instrument_label)
        top.addWidget(self.instrument, 1)
        side = QVBoxLayout()
        side.addWidget(self.list_label)
        side.addWidget(self.listing, 1)
        side.addWidget(self.print_button)
        side.addWidget(self.allocate_button)
        middle = QHBoxLayout()
        middle.addWidget(self.chart, 1)
        middle.addLayout(side)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        self.load()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Trajectory") + " · " + self.title)
        self.instrument_label.setText(_("Instrument"))
        self.list_label.setText(_("Countersigned assessments"))
        self.print_button.setText(_("&Print the selected assessment"))
        self.allocate_button.setText(_("Propose an &allocation decision…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        self._enable()

    def load(self) -> None:
        session, pid, chosen = self.session, self.prisoner_id, str(self.instrument.currentData() or SPJ)
        self.tasks.run(lambda: load_trajectory(session, pid, chosen), self.show_data, self._failed)

    def show_data(self, data: TrajectoryData) -> None:
        self.data = data
        chosen = self.instrument.currentData()
        self.instrument.clear()
        for instrument_id, title in data.instruments:
            self.instrument.addItem(title, instrument_id)
        self.instrument.setCurrentIndex(max(self.instrument.findData(chosen), 0))
        level = ChartRow("level", _("Level"), tuple((code, code_label(code)) for code in LEVELS))
        self.chart.set_data(data.points, level, data.rows, day_text)
        self.listing.clear()
        for point in reversed(data.points):  # newest first, as everywhere else
            text = f"{day_text(point.on)} · {code_label(point.kind)} · {code_label(point.level)}"
            item = QListWidgetItem(text)
            item.setData(256, point.assessment_id)
            self.listing.addItem(item)
        self.status.setText("" if data.points else _("No countersigned assessment with this instrument yet."))
        self._enable()

    def _enable(self) -> None:
        self.print_button.setEnabled(self.listing.currentItem() is not None)
        self.allocate_button.setEnabled(self.listing.currentItem() is not None)

    def propose_allocation(self) -> AllocationDialog | None:
        item = self.listing.currentItem()
        if item is None:
            return None
        basis = _("Rests on the assessment: {assessment}").format(assessment=item.text())
        self.allocation = AllocationDialog(self.session, self.tasks, self.prisoner_id, str(item.data(256)), basis,
                                           self)
        self.allocation.saved.connect(lambda _r: self.status.setText(_("Proposed to the governor for approval.")))
        self.allocation.open()
        return self.allocation

    def print_selected(self) -> None:
        item = self.listing.currentItem()
        if item is None:
            return
        session, assessment_id = self.session, str(item.data(256))
        self.tasks.run(lambda: load_print(session, assessment_id), self._print, self._failed)

    def _print(self, data: Any) -> None:
        preview(assessment_html(self.session, data), _("Assessment"), self)

    def _failed(self, error: BaseException) -> None:
        self.status.setText(error_text(error))
