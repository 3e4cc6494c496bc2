"""The governor's approvals (issue 15 items 2 and 4): allocation decisions proposed by treatment staff or security,
to approve or refuse with a reason, and agreed assessments waiting for a countersignature. The governor never
decides their own proposal nor countersigns an assessment they rated: the service refuses, and its sentence is
shown. Nothing is ranked or scored here: the queue is in the order things were proposed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from wingdesk.domain.records import Record
from wingdesk.gui.allocation_text import decision_text
from wingdesk.gui.assessment_print import assessment_html, load_print
from wingdesk.gui.dialogs.assessments_dialog import assessment_line
from wingdesk.gui.prisoner_names import prisoner_label
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.widgets.message_bar import MessageBar
from wingdesk.i18n import _, current_language

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices

ID_ROLE = 256


def load_queue(session: WingServices) -> tuple[list[Record], list[Record], dict[str, str], dict[str, str]]:
    """Worker side: proposed decisions, agreed assessments, the prisoners' names and the instruments' titles."""
    proposals = session.allocations.awaiting_approval()
    agreed = session.assessments.awaiting_countersign()
    names = {}
    for pid in {str(r.prisoner_id) for r in (*proposals, *agreed)}:
        prisoner = session.prisoners.get(pid)
        names[pid] = prisoner_label(prisoner) if prisoner is not None else ""
    titles = {s.instrument_id: s.title for s in session.instruments.catalogue(current_language())}
    return proposals, agreed, names, titles


class ApprovalsPage(QWidget):
    prisoner_requested = Signal(str)

    def __init__(self, session: WingServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks = session, tasks
        self.records: dict[str, Record] = {}
        self.names: dict[str, str] = {}
        self.titles: dict[str, str] = {}
        self.shown_print: str | None = None
        self.heading, self.bar = QLabel(), MessageBar()
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600")
        self.proposals, self.agreed = QListWidget(), QListWidget()
        self.details = QLabel()
        self.assessment_details = QTextBrowser()  # the assessment's print: both assessors, agreed, the judgement
        self.assessment_details.setOpenLinks(False)
        for listing in (self.proposals, self.agreed):
            listing.setWordWrap(True)
            listing.currentRowChanged.connect(lambda _r: self._selected())
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(90)
        self.reason_label = QLabel()
        self.reason_label.setBuddy(self.reason)
        self.approve_button, self.refuse_button = QPushButton(), QPushButton()
        self.countersign_button, self.open_button = QPushButton(), QPushButton()
        self.approve_button.clicked.connect(self.approve)
        self.refuse_button.clicked.connect(self.refuse)
        self.countersign_button.clicked.connect(self.countersign)
        self.open_button.clicked.connect(self._open_prisoner)
        self.proposals.itemActivated.connect(lambda _i: self._open_prisoner())
        self.agreed.itemActivated.connect(lambda _i: self._open_prisoner())
        self.tabs = QTabWidget()
        self.tabs.addTab(self._decision_tab(), "")
        self.tabs.addTab(self._countersign_tab(), "")
        self.tabs.currentChanged.connect(lambda _i: self._selected())
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.bar)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self.retranslate_ui()

    def _decision_tab(self) -> QWidget:
        tab = QWidget()
        side = QVBoxLayout()
        side.addWidget(self.details, 1)
        side.addWidget(self.reason_label)
        side.addWidget(self.reason)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refuse_button)
        buttons.addWidget(self.approve_button)
        side.addLayout(buttons)
        box = QHBoxLayout(tab)
        box.addWidget(self.proposals, 2)
        box.addLayout(side, 3)
        return tab

    def _countersign_tab(self) -> QWidget:
        tab = QWidget()
        side = QVBoxLayout()
        side.addWidget(self.assessment_details, 1)
        side.addWidget(self.countersign_button)
        box = QHBoxLayout(tab)
        box.addWidget(self.agreed, 2)
        box.addLayout(side, 3)
        return tab

    def title(self) -> str:
        return _("Approvals")

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Decisions and assessments waiting for you"))
        self.tabs.setTabText(0, _("Allocation decisions ({n})").format(n=self.proposals.count()))
        self.tabs.setTabText(1, _("Assessments to countersign ({n})").format(n=self.agreed.count()))
        self.reason_label.setText(_("&Reason for refusing"))
        self.reason.setPlaceholderText(_("Required to refuse: why, and what would change your decision"))
        self.approve_button.setText(_("&Approve"))
        self.refuse_button.setText(_("Re&fuse"))
        self.countersign_button.setText(_("&Countersign"))
        self.open_button.setText(_("&Open the prisoner"))
        self._selected()

    def refresh(self) -> None:
        self.tasks.run(lambda: load_queue(self.session), self._loaded, self.bar.show_error)

    def _loaded(self, result: tuple[list[Record], list[Record], dict[str, str], dict[str, str]]) -> None:
        proposals, agreed, self.names, self.titles = result
        self.records = {r.id: r for r in (*proposals, *agreed)}
        self.shown_print = None
        for listing, records, line in ((self.proposals, proposals, self._proposal_line),
                                       (self.agreed, agreed, self._assessment_line)):
            listing.clear()
            for record in records:
                item = QListWidgetItem(line(record))
                item.setData(ID_ROLE, record.id)
                listing.addItem(item)
            listing.setCurrentRow(0)
        self.retranslate_ui()

    def _proposal_line(self, record: Record) -> str:
        return f"{self.names.get(str(record.prisoner_id), '')}\n{decision_text(record.body).splitlines()[0]}"

    def _assessment_line(self, record: Record) -> str:
        return f"{self.names.get(str(record.prisoner_id), '')}\n{assessment_line(record, self.titles)}"

    def current(self) -> Record | None:
        listing = self.proposals if self.tabs.currentIndex() == 0 else self.agreed
        item = listing.currentItem()
        return self.records.get(str(item.data(ID_ROLE))) if item is not None else None

    def _selected(self) -> None:
        record = self.current()
        on_decisions = self.tabs.currentIndex() == 0
        self.approve_button.setEnabled(on_decisions and record is not None)
        self.refuse_button.setEnabled(on_decisions and record is not None)
        self.countersign_button.setEnabled(not on_decisions and record is not None)
        self.open_button.setEnabled(record is not None)
        name = self.names.get(str(record.prisoner_id), "") if record is not None else ""
        if on_decisions:
            self.details.setText(decision_text(record.body, name) if record is not None
                                 else _("No decision is waiting for your approval."))
        elif record is None:
            self.assessment_details.setPlainText(_("No assessment is waiting for a countersignature."))
        elif record.id != self.shown_print:
            self.shown_print = record.id
            session, aid = self.session, record.id
            self.tasks.run(lambda: load_print(session, aid), self._show_print, self.bar.show_error)

    def _show_print(self, data: Any) -> None:
        if data.shown.record.id == self.shown_print:  # still the one selected
            self.assessment_details.setHtml(assessment_html(self.session, data))

    # --- decisions -------------------------------------------------------------------------------
    def approve(self) -> None:
        record = self.current()
        if record is not None:
            service = self.session.allocations
            self._run(lambda: service.approve(record.id), _("Approved. Tell the prisoner the decision and its "
                                                            "reasons."))

    def refuse(self) -> None:
        record = self.current()
        reason = self.reason.toPlainText().strip()
        if record is None:
            return
        if not reason:
            self.bar.show_error(_("Give the reason for refusing."))
            self.reason.setFocus()
            return
        service = self.session.allocations
        self._run(lambda: service.refuse(record.id, reason), _("Refused, with your reason."))

    def countersign(self) -> None:
        record = self.current()
        if record is not None:
            service = self.session.assessments
            self._run(lambda: service.countersign(record.id), _("Countersigned: the level is now in force."))

    def _run(self, work: Any, said: str) -> None:
        for button in (self.approve_button, self.refuse_button, self.countersign_button):
            button.setEnabled(False)
        self.tasks.run(work, lambda _r: self._done(said), self._refused)

    def _done(self, said: str) -> None:
        self.reason.clear()
        self.bar.show_ok(said)
        self.refresh()

    def _refused(self, error: BaseException) -> None:
        self._selected()
        self.bar.show_error(error)

    def _open_prisoner(self) -> None:
        record = self.current()
        if record is not None and record.prisoner_id:
            self.prisoner_requested.emit(str(record.prisoner_id))
