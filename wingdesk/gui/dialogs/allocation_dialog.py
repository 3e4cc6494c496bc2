"""Propose an allocation or risk-management decision (issue 15 item 4) resting on the countersigned assessment
chosen in the trajectory dialog: what is decided (placement, cell sharing, keep-apart, regime and activities,
contact conditions), the reasons, the less restrictive options considered and why each was not enough, and a
review date. The governor approves it; nothing here proposes a decision by itself."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from wingdesk.domain.kinds.allocation import ALLOCATION, OPTION
from wingdesk.domain.records import Record
from wingdesk.gui.group_prompts import ALLOCATION_CHECKS, load_groups, prompts_text
from wingdesk.gui.labels import error_text
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.widgets.field_form import FieldForm
from wingdesk.gui.widgets.list_editor import ListEditor
from wingdesk.i18n import _
from wingdesk.services.policy import Action, Resource, scope_for

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices

ASKED = ("decision_type", "placement", "cell_sharing", "keep_apart", "regime_activities", "contact_conditions",
         "reasons", "review_date")
REVIEW_AFTER_DAYS = 90


def may_propose(session: WingServices) -> bool:
    return scope_for(session.user.role, Action.CREATE, Resource.ALLOCATION) is not None


class AllocationDialog(QDialog):
    saved = Signal(object)

    def __init__(self, session: WingServices, tasks: TaskRunner, prisoner_id: str, assessment_id: str,
                 basis: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks, self.prisoner_id, self.assessment_id = session, tasks, prisoner_id, assessment_id
        self.resize(900, 700)
        self.basis = QLabel(basis)
        self.basis.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.checks = QLabel()  # domain.md §3 rule 14: allocation checks for young, female, first-time prisoners
        self.checks.setWordWrap(True)
        self.checks.setStyleSheet("QLabel { border-left: 4px solid #555; padding: 4px 8px; background: #f2f2f2; }")
        self.checks.hide()
        self.groups: tuple[str, ...] = ()
        fields = {f.name: f for f in ALLOCATION.fields}
        self.form = FieldForm(tuple(fields[name] for name in ASKED), choose_explicitly=True)
        self.form.set_value("review_date", (date.today() + timedelta(days=REVIEW_AFTER_DAYS)).isoformat())
        self.options = ListEditor(OPTION, ("option", "why_not"), "")
        self.options_label = QLabel()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.basis, self.hint, self.checks, self.form, self.options_label):
            layout.addWidget(widget)
        layout.addWidget(self.options, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        session_, pid_ = session, prisoner_id
        tasks.run(lambda: load_groups(session_, pid_), self._show_checks, lambda _error: None)

    def _show_checks(self, groups: tuple[str, ...]) -> None:
        self.groups = groups
        text = prompts_text(groups, ALLOCATION_CHECKS)
        self.checks.setText(text)
        self.checks.setVisible(bool(text))

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Propose an allocation decision"))
        self.hint.setText(_("People decide: say what is decided and why, and which less restrictive options you "
                            "considered and why each was not enough. The governor approves the decision; the "
                            "prisoner is told it and its reasons."))
        self.options_label.setText(_("Less restrictive options considered"))
        self.options.item_title = _("Less restrictive option")
        self.save_button.setText(_("&Propose to the governor"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.form.retranslate_ui()
        self.options.retranslate_ui()
        self.checks.setText(prompts_text(self.groups, ALLOCATION_CHECKS))

    def save(self) -> None:
        if not self.save_button.isEnabled() or not self.form.validate():
            return
        decision: dict[str, Any] = {**self.form.values(), "assessment_id": self.assessment_id,
                                    "less_restrictive_options": self.options.items()}
        service, pid = self.session.allocations, self.prisoner_id
        self.save_button.setEnabled(False)
        self.error.hide()
        self.tasks.run(lambda: service.propose(pid, decision), self._on_saved, self._on_failed)

    def _on_saved(self, record: Record) -> None:
        self.saved.emit(record)
        self.accept()

    def _on_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.error.setText(error_text(error))
        self.error.show()
