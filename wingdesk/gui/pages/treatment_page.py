"""Treatment staff (and the governor, read and agree): plan editor with history, progress notes and contacts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wingdesk.domain.code_lists.model import AddedCodes
from wingdesk.domain.errors import ValidationError
from wingdesk.domain.roles import Role
from wingdesk.gui.labels import code_label as label
from wingdesk.gui.labels import set_added_labels
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.widgets.assessed_needs_button import AssessedNeedsButton
from wingdesk.gui.widgets.contacts_panel import ContactsPanel
from wingdesk.gui.widgets.message_bar import MessageBar
from wingdesk.gui.widgets.notes_panel import NotesPanel
from wingdesk.gui.widgets.plan_editor import PlanEditor
from wingdesk.gui.widgets.prisoner_picker import PrisonerPicker
from wingdesk.i18n import _
from wingdesk.i18n.formats import format_datetime
from wingdesk.services.policy import Action, Resource, Scope, scope_for

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices


def may_use(session: WingServices) -> bool:
    """Full plan reading (treatment staff, governor); officers' restricted read gets no page."""
    return scope_for(Role(session.user.role), Action.READ, Resource.PLAN) is Scope.ALL


class TreatmentPage(QWidget):
    prisoner_requested = Signal(str)

    def __init__(self, session: WingServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks = session, tasks
        self.allowed = may_use(session)
        self.plan: Any = None
        self.history: list[Any] = []
        self.may_agree = False  # the policy allows it and this user wrote none of the plan (separation of duties)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600")
        self.bar = MessageBar()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.bar)
        if not self.allowed:
            layout.addStretch(1)
            self.retranslate_ui()
            return
        role = Role(session.user.role)
        self.can_edit = scope_for(role, Action.ANNOTATE, Resource.PLAN) is not None
        self.can_agree = scope_for(role, Action.APPROVE, Resource.PLAN) is not None
        self.picker = PrisonerPicker(session, tasks, optional=False)
        self.picker_caption = QLabel()
        self.picker_caption.setBuddy(self.picker)
        self.revision_label = QLabel()
        self.history_combo = QComboBox()
        self.history_caption = QLabel()
        self.history_caption.setBuddy(self.history_combo)
        self.editor = PlanEditor()
        self.save_button, self.agree_button = QPushButton(), QPushButton()
        self.save_button.setVisible(self.can_edit)
        self.agree_button.setVisible(self.can_agree)
        self.notes = NotesPanel(session, tasks)
        self.contacts = ContactsPanel(session, tasks)
        self.tabs = QTabWidget()
        plan_tab = QWidget()
        plan_box = QVBoxLayout(plan_tab)
        info = QHBoxLayout()
        info.addWidget(self.revision_label, 1)
        info.addWidget(self.history_caption)
        info.addWidget(self.history_combo)
        plan_box.addLayout(info)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.editor)
        plan_box.addWidget(scroll, 1)
        buttons = QHBoxLayout()
        self.needs_button = AssessedNeedsButton(session, tasks, self.editor.needs, self.editor.form)  # issue 15 item 5
        self.needs_button.said.connect(self.bar.show_info)
        self.needs_button.failed.connect(self.bar.show_error)
        buttons.addWidget(self.needs_button)
        buttons.addStretch(1)
        buttons.addWidget(self.agree_button)
        buttons.addWidget(self.save_button)
        plan_box.addLayout(buttons)
        for tab in (plan_tab, self.notes, self.contacts):
            self.tabs.addTab(tab, "")
        pick = QHBoxLayout()
        pick.addWidget(self.picker_caption)
        pick.addWidget(self.picker, 1)
        layout.addLayout(pick)
        layout.addWidget(self.tabs, 1)
        self.picker.prisoner_changed.connect(self._on_prisoner)
        self.history_combo.currentIndexChanged.connect(self._on_history)
        self.save_button.clicked.connect(self._on_save)
        self.editor.form.submitted.connect(self._on_save)
        self.agree_button.clicked.connect(self._on_agree)
        self.tabs.setEnabled(False)
        self.retranslate_ui()

    def title(self) -> str:
        return _("Treatment")

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Treatment plans, notes and contacts"))
        if not self.allowed:
            self.bar.show_error(_("Your role does not allow this."))
            return
        self.picker_caption.setText(_("&Prisoner"))
        self.history_caption.setText(_("&Version"))
        self.history_combo.setAccessibleName(_("Plan version"))
        self.save_button.setText(_("&Save as new revision (Ctrl+Enter)"))
        self.save_button.setAccessibleName(_("Save plan as new revision"))
        self.agree_button.setText(_("A&gree plan"))
        self.agree_button.setAccessibleName(_("Agree plan"))
        self.tabs.setTabText(0, _("Plan"))
        self.tabs.setTabText(1, _("Progress notes"))
        self.tabs.setTabText(2, _("Contacts"))
        for widget in (self.picker, self.editor, self.notes, self.contacts, self.needs_button):
            widget.retranslate_ui()
        self._show_plan()

    def refresh(self) -> None:
        if self.allowed:
            self.picker.refresh()
            self._on_prisoner(self.picker.current_id() or "")

    def show_prisoner(self, prisoner_id: str) -> None:
        if self.allowed:
            self.picker.set_current(prisoner_id)

    # --- loading ---------------------------------------------------------------------------------
    def _on_prisoner(self, prisoner_id: str) -> None:
        self.tabs.setEnabled(bool(prisoner_id))
        self.needs_button.prisoner_id = prisoner_id or None
        self.plan, self.history, self.may_agree = None, [], False
        self.editor.clear()
        self._show_plan()
        self.notes.load(prisoner_id or None)
        self.contacts.load(prisoner_id or None)
        if prisoner_id:
            self.tasks.run(lambda: self._load_plan(prisoner_id), self._on_plan, self.bar.show_error)

    def _load_plan(self, prisoner_id: str) -> tuple[Any, list[Any], bool, AddedCodes]:
        treatment = self.session.treatment
        plan = treatment.current_plan(prisoner_id)
        history = treatment.plan_history(plan.id) if plan else []
        return (plan, history, bool(plan and self.can_agree and treatment.may_agree(plan.id)),
                treatment.added_step_types())

    def _on_plan(self, result: tuple[Any, list[Any], bool, AddedCodes]) -> None:
        self.plan, self.history, self.may_agree, added = result
        set_added_labels({code: entry.labels for code, entry in added.entries.items()})
        self.editor.set_added_step_types(added)  # HQ's interventions, after the built-in ones
        self.history = sorted(self.history, key=lambda r: r.revision, reverse=True)
        self.history_combo.blockSignals(True)
        self.history_combo.clear()
        for rec in self.history:
            self.history_combo.addItem(_("Revision {n} · {when} · {author}").format(
                n=rec.revision, when=format_datetime(rec.recorded_at), author=rec.author_name), rec.revision)
        self.history_combo.blockSignals(False)
        if self.plan is not None:
            self.editor.set_plan(self.plan.body)
            self.notes.set_goals([n.get("area") for n in self.plan.body.get("needs", []) if n.get("area")])
        self._show_plan()

    def _on_history(self, index: int) -> None:
        if 0 <= index < len(self.history):
            self.editor.set_plan(self.history[index].body)
            self._show_plan(viewing_old=index > 0)

    def _show_plan(self, viewing_old: bool = False) -> None:
        plan = self.plan
        if plan is None:
            self.revision_label.setText(_("No plan yet. Fill in the form and save to create one.")
                                        if self.can_edit else _("No plan yet."))
        else:
            self.revision_label.setText(_("Revision {n}, status {status}, agreement {agreement}.").format(
                n=plan.revision, status=label(str(plan.body.get("status", ""))),
                agreement=label(str(plan.body.get("agreement_status", "")))))
        self.history_combo.setVisible(len(self.history) > 1)
        self.history_caption.setVisible(len(self.history) > 1)
        self.editor.set_read_only(not self.can_edit or viewing_old)
        self.save_button.setEnabled(self.can_edit and not viewing_old)
        self.needs_button.setEnabled(self.can_edit and not viewing_old)
        status = plan.body.get("status") if plan else None
        self.agree_button.setToolTip("" if self.may_agree or plan is None else
                                      _("You wrote this plan, so someone else must agree it."))
        self.agree_button.setEnabled(self.may_agree and status in ("DRAFT", "AWAITING_COUNTERSIGN", "UNDER_REVIEW")
                                     and not viewing_old)

    # --- actions ---------------------------------------------------------------------------------
    def _on_save(self) -> None:
        pid = self.picker.current_id()
        if not pid or not self.can_edit or not self.editor.validate():
            return
        body, treatment, plan = self.editor.values(), self.session.treatment, self.plan
        work = (lambda: treatment.update_plan(plan.id, body)) if plan else (lambda: treatment.create_plan(pid, body))
        self.tasks.run(work, self._on_saved, self._on_failed)

    def _on_agree(self) -> None:
        if self.plan is not None:
            treatment, plan_id = self.session.treatment, self.plan.id
            self.tasks.run(lambda: treatment.agree_plan(plan_id), self._on_saved, self._on_failed)

    def _on_saved(self, record: Any) -> None:
        self.bar.show_ok(_("Plan saved as revision {n}.").format(n=record.revision))
        self._on_prisoner(self.picker.current_id() or "")

    def _on_failed(self, error: BaseException) -> None:
        if not (isinstance(error, ValidationError) and self.editor.form.show_error(error)):
            self.bar.show_error(error)
