"""The prisoner page's allocation decisions (issue 15 item 4). Treatment staff and security see every decision
(proposed, approved, refused), propose one resting on the prisoner's countersigned assessment in force, and record
that the prisoner was told a decided one and its reasons; the governor reads them (approving is on the Approvals
page); officers and supervisors see only what an approved decision asks of the wing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout

from wingdesk.domain.kinds.allocation import ALLOCATION, PROPOSED
from wingdesk.domain.records import Record
from wingdesk.domain.schema import Field
from wingdesk.gui.allocation_text import decision_text
from wingdesk.gui.dialogs.allocation_dialog import AllocationDialog, may_propose
from wingdesk.gui.dialogs.save_dialog import SaveDialog
from wingdesk.gui.labels import code_label, error_text
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.when import day_text
from wingdesk.gui.widgets.field_form import FieldForm
from wingdesk.i18n import _
from wingdesk.services.policy import Action, Resource, scope_for

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from wingdesk.services.assessments import CurrentLevel
    from wingdesk.services.wing import WingServices

ID_ROLE = 256


def may_read_allocations(session: WingServices) -> bool:
    return scope_for(session.user.role, Action.READ, Resource.ALLOCATION) is not None


def load_decisions(session: WingServices, prisoner_id: str, proposer: bool) -> tuple[list[Record], Any]:
    """Worker side: the decisions the user may see, and (for a proposer) the countersigned assessment in force."""
    level = session.assessments.current_level(prisoner_id) if proposer else None
    return session.allocations.for_prisoner(prisoner_id), level


class ToldDialog(SaveDialog):
    """The prisoner was told the decision and its reasons: the date (today unless changed) and how."""

    def __init__(self, session: WingServices, tasks: TaskRunner, allocation_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, tasks, allocation_id, parent)
        how = next(f for f in ALLOCATION.fields if f.name == "told_how")
        self.form = FieldForm((Field("told_on", "date", True), replace(how, required=True)),
                              choose_explicitly=True)
        self.form.set_value("told_on", date.today().isoformat())
        self.box.addWidget(self.form)
        self.finish_layout(self.save)
        self.form.submitted.connect(self.save)
        self.setWindowTitle(_("Prisoner told the decision"))
        self.save_button.setText(_("&Save"))

    def save(self) -> None:
        if not self.save_button.isEnabled() or not self.form.validate():
            return
        values, service, aid = self.form.values(), self.session.allocations, self.record_id
        self.run(lambda: service.record_told(aid, values["told_on"], values["told_how"]))


class AllocationPanel(QGroupBox):
    said = Signal(str)

    def __init__(self, session: WingServices, tasks: TaskRunner, prisoner_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks, self.prisoner_id = session, tasks, prisoner_id
        self.proposer = may_propose(session)
        self.records: dict[str, Record] = {}
        self.level: CurrentLevel | None = None
        self.dialog: Any = None
        self.listing = QListWidget()
        self.listing.setWordWrap(True)
        self.listing.setMaximumHeight(140)
        self.details = QLabel()  # the selected decision in full: reasons, options weighed, refusal, told
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.listing.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.listing.currentRowChanged.connect(lambda _r: self._enable())
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.propose_button, self.told_button = QPushButton(), QPushButton()
        self.propose_button.clicked.connect(self.propose)
        self.told_button.clicked.connect(self.told)
        buttons = QHBoxLayout()
        for button in (self.propose_button, self.told_button):
            button.setVisible(self.proposer)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.listing)
        layout.addWidget(self.details)
        layout.addLayout(buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(_("Allocation decisions"))
        self.propose_button.setText(_("Propose a &decision…"))
        self.told_button.setText(_("Pr&isoner told…"))
        self.empty.setText(_("No allocation decision that you may see."))
        self._fill()

    def refresh(self) -> None:
        session, pid, proposer = self.session, self.prisoner_id, self.proposer
        self.tasks.run(lambda: load_decisions(session, pid, proposer), self._loaded,
                       lambda error: self.said.emit(error_text(error)))

    def _loaded(self, result: tuple[list[Record], Any]) -> None:
        records, self.level = result
        self.records = {r.id: r for r in records}
        self._fill()

    def _fill(self) -> None:
        chosen = self.listing.currentItem().data(ID_ROLE) if self.listing.currentItem() else None
        self.listing.clear()
        for record in self.records.values():
            item = QListWidgetItem(decision_text(record.body, brief=True))
            item.setToolTip(decision_text(record.body))
            item.setData(ID_ROLE, record.id)
            self.listing.addItem(item)
            if record.id == chosen:
                self.listing.setCurrentItem(item)
        if self.listing.currentItem() is None and self.listing.count():
            self.listing.setCurrentRow(0)  # the newest, with its details below
        self.empty.setVisible(not self.records)
        self.listing.setVisible(bool(self.records))
        self._enable()

    def _enable(self) -> None:
        item = self.listing.currentItem()
        record = self.records.get(str(item.data(ID_ROLE))) if item is not None else None
        self.told_button.setEnabled(record is not None and record.body.get("status") != PROPOSED)
        extra = decision_text(record.body)[len(decision_text(record.body, brief=True)):].strip() if record else ""
        self.details.setText(extra)  # reasons and options weighed: only in a full reader's record
        self.details.setVisible(bool(extra))
        self.propose_button.setToolTip("" if self.level else _("A decision rests on a countersigned assessment: "
                                                               "there is none yet."))

    def propose(self) -> AllocationDialog | None:
        if self.level is None:
            self.said.emit(_("A decision rests on a countersigned assessment: there is none yet."))
            return None
        basis = _("Rests on the assessment countersigned on {date}, level {level}.").format(
            date=day_text(self.level.since), level=code_label(self.level.level))
        dialog = AllocationDialog(self.session, self.tasks, self.prisoner_id, self.level.assessment_id, basis,
                                  self.window())
        dialog.saved.connect(lambda _r: self._done(_("Proposed to the governor for approval.")))
        self.dialog = dialog
        dialog.open()
        return dialog

    def told(self) -> ToldDialog | None:
        item = self.listing.currentItem()
        if item is None:
            return None
        dialog = ToldDialog(self.session, self.tasks, str(item.data(ID_ROLE)), self.window())
        dialog.saved.connect(lambda _r: self._done(_("Saved.")))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _done(self, text: str) -> None:
        self.said.emit(text)
        self.refresh()
