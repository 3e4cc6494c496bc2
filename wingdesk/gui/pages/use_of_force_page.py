"""Use-of-force reports: an officer reports it, each officer named writes and signs their own statement, the
supervisor completes it once every statement is in; security and the governor read (domain.md scenario 6)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from wingdesk.domain.errors import ValidationError
from wingdesk.domain.kinds.incident import (
    PRISONER_ROLES,
    STAFF_ROLES,
    UOF_REASONS,
    UOF_RESTRAINTS,
    UOF_TECHNIQUES,
    USE_OF_FORCE,
    USE_OF_FORCE_STATEMENT,
)
from wingdesk.domain.roles import Role
from wingdesk.gui.labels import code_label
from wingdesk.gui.prisoner_names import prisoner_label
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.widgets.code_checks import CodeChecks
from wingdesk.gui.widgets.field_form import FieldForm
from wingdesk.gui.widgets.happened_at import HappenedAt
from wingdesk.gui.widgets.message_bar import MessageBar
from wingdesk.gui.widgets.people_list import PeopleList
from wingdesk.gui.widgets.prisoner_picker import load_prisoners
from wingdesk.i18n import _
from wingdesk.i18n.formats import format_datetime
from wingdesk.services.policy import Action, Resource, scope_for

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices

REPORT_FIELDS = tuple(f for f in USE_OF_FORCE.fields if f.kind != "list"
                      and f.name not in ("status", "incident_id", "supervisor_note"))
STATEMENT_FIELDS = tuple(f for f in USE_OF_FORCE_STATEMENT.fields if f.kind != "list" and f.name != "report_id")
NOTE_FIELDS = tuple(f for f in USE_OF_FORCE.fields if f.name == "supervisor_note")


class UseOfForcePage(QWidget):
    prisoner_requested = Signal(str)

    def __init__(self, session: WingServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks = session, tasks
        role = Role(session.user.role)
        self.can_report = scope_for(role, Action.CREATE, Resource.USE_OF_FORCE) is not None
        self.can_complete = scope_for(role, Action.APPROVE, Resource.USE_OF_FORCE) is not None
        self.reports: list[Any] = []
        self.view: Any = None
        self.heading, self.bar, self.status_label = QLabel(), MessageBar(), QLabel()
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600")
        self.status_label.setStyleSheet("font-weight: 600")
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.new_button = QPushButton()
        self.new_button.setVisible(self.can_report)
        self.when, self.when_caption = HappenedAt(), QLabel()
        self.when_caption.setBuddy(self.when)
        self.form = FieldForm(REPORT_FIELDS, choose_explicitly=True)
        self.reasons = CodeChecks("reasons", UOF_REASONS, 2)
        self.techniques = CodeChecks("techniques", UOF_TECHNIQUES, 2)
        self.restraints = CodeChecks("restraints", UOF_RESTRAINTS, 2)
        self.prisoners = PeopleList("prisoners", "prisoner_id", PRISONER_ROLES)
        self.staff = PeopleList("staff", "user_id", STAFF_ROLES)
        self.report_button = QPushButton()
        self.statements_box, self.statements_text = QGroupBox(), QLabel()
        self.statements_text.setWordWrap(True)
        self.statements_text.setTextFormat(Qt.TextFormat.RichText)
        self.mine_box = QGroupBox()
        self.statement_form = FieldForm(STATEMENT_FIELDS, choose_explicitly=True)
        self.techniques_used = CodeChecks("techniques_used", UOF_TECHNIQUES, 2)
        self.sign_button = QPushButton()
        self.complete_box = QGroupBox()
        self.note_form = FieldForm(NOTE_FIELDS)
        self.complete_button = QPushButton()
        self._build()
        self.list.currentRowChanged.connect(self._on_row)
        self.new_button.clicked.connect(self.start_new)
        self.report_button.clicked.connect(self._on_report)
        self.sign_button.clicked.connect(self._on_sign)
        self.complete_button.clicked.connect(self._on_complete)
        self.retranslate_ui()

    def _build(self) -> None:
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(self.list, 1)
        left_box.addWidget(self.new_button)
        editor = QWidget()
        box = QVBoxLayout(editor)
        when_row = QHBoxLayout()
        when_row.addWidget(self.when_caption)
        when_row.addWidget(self.when)
        when_row.addStretch(1)
        when_row.addWidget(self.status_label)
        box.addLayout(when_row)
        for widget in (self.form, self.reasons, self.techniques, self.restraints, self.prisoners, self.staff):
            box.addWidget(widget)
        report_row = QHBoxLayout()
        report_row.addStretch(1)
        report_row.addWidget(self.report_button)
        box.addLayout(report_row)
        QVBoxLayout(self.statements_box).addWidget(self.statements_text)
        box.addWidget(self.statements_box)
        mine = QVBoxLayout(self.mine_box)
        mine.addWidget(self.statement_form)
        mine.addWidget(self.techniques_used)
        mine.addWidget(self.sign_button, 0, Qt.AlignmentFlag.AlignRight)
        box.addWidget(self.mine_box)
        done = QVBoxLayout(self.complete_box)
        done.addWidget(self.note_form)
        done.addWidget(self.complete_button, 0, Qt.AlignmentFlag.AlignRight)
        box.addWidget(self.complete_box)
        box.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # fit the width
        left.setMaximumWidth(340)
        self.scroll_area.setWidget(editor)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.scroll_area)
        split.setStretchFactor(1, 1)
        split.setSizes([300, 700])
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.bar)
        layout.addWidget(split, 1)

    def title(self) -> str:
        return _("Use of force")

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Use-of-force reports"))
        self.new_button.setText(_("&New report"))
        self.when_caption.setText(_("Happened at"))
        self.report_button.setText(_("Sign and &submit report"))
        self.statements_box.setTitle(_("Officers' statements"))
        self.mine_box.setTitle(_("My statement"))
        self.sign_button.setText(_("Sign and submit my &statement"))
        self.complete_box.setTitle(_("Supervisor's review"))
        self.complete_button.setText(_("&Complete report"))
        self.list.setAccessibleName(_("Use-of-force reports"))
        for widget in (self.form, self.reasons, self.techniques, self.restraints, self.prisoners, self.staff,
                       self.statement_form, self.techniques_used, self.note_form):
            widget.retranslate_ui()
        self._fill_list()
        self._show(self.view)

    # --- loading -----------------------------------------------------------------------------------
    def refresh(self, keep: str | None = None) -> None:
        keep = keep or (self.view.report.id if self.view is not None else None)

        def load() -> tuple[list[Any], list[tuple[str, str]], list[tuple[str, str]], Any]:
            reports = self.session.use_of_force.recent()
            pick = keep if any(r.id == keep for r in reports) else (reports[0].id if reports else None)
            prisoners = [(p.id, prisoner_label(p)) for p in load_prisoners(self.session)]
            staff = self.session.incidents.staff_choices() if self.can_report else []
            return reports, prisoners, staff, self.session.use_of_force.view(pick) if pick else None

        self.tasks.run(load, self._on_loaded, self.bar.show_error)

    def _on_loaded(self, loaded: tuple[list[Any], list[tuple[str, str]], list[tuple[str, str]], Any]) -> None:
        self.reports, prisoners, staff, view = loaded
        self.prisoners.set_choices(prisoners)
        self.staff.set_choices(staff)
        self._fill_list()
        if view is None:
            self.start_new()
            return
        self._show(view)
        self.list.blockSignals(True)
        self.list.setCurrentRow(next(n for n, r in enumerate(self.reports) if r.id == view.report.id))
        self.list.blockSignals(False)

    def _fill_list(self) -> None:
        self.list.blockSignals(True)
        row = self.list.currentRow()
        self.list.clear()
        for r in self.reports:
            self.list.addItem(_("{when} · {reason} · {status}").format(
                when=format_datetime(r.occurred_at), reason=code_label(r.body.get("primary_reason", "")),
                status=code_label(r.body.get("status", ""))) + "\n" + str(r.body.get("place", "")))
        self.list.setCurrentRow(row)
        self.list.blockSignals(False)

    def _on_row(self, row: int) -> None:
        if 0 <= row < len(self.reports):
            report_id = self.reports[row].id
            self.tasks.run(lambda: self.session.use_of_force.view(report_id), self._show, self.bar.show_error)

    # --- showing -----------------------------------------------------------------------------------
    def start_new(self) -> None:
        self.list.clearSelection()
        self.form.clear()
        self.when.reset_to_now()
        for checks in (self.reasons, self.techniques, self.restraints):
            checks.set_values([])
        self._show(None)
        if self.can_report:
            self.staff.set_items([{"user_id": self.session.user.id, "role": "ACTIVELY_INVOLVED"}])

    def _show(self, view: Any) -> None:
        self.view = view
        report = view.report if view is not None else None
        body = report.body if report is not None else {}
        new = report is None
        if report is not None:
            self.form.set_values({f.name: body.get(f.name) for f in REPORT_FIELDS})
            self.when.set_utc_iso(report.occurred_at)
            self.reasons.set_values(body.get("reasons"))
            self.techniques.set_values(body.get("techniques"))
            self.restraints.set_values(body.get("restraints"))
            self.note_form.set_values({"supervisor_note": body.get("supervisor_note")})
        self.prisoners.set_items(body.get("prisoners", []))
        self.staff.set_items(body.get("staff", []))
        editable = new and self.can_report
        self.form.set_read_only(not editable)
        self.when.setEnabled(editable)
        for widget in (self.reasons, self.techniques, self.restraints, self.prisoners, self.staff):
            widget.set_read_only(not editable)
        self.report_button.setVisible(editable)
        status = body.get("status", "")
        self.status_label.setText(_("Status: {status}").format(status=code_label(status)) if status else "")
        self.statements_box.setVisible(view is not None)
        named = {s["user_id"] for s in body.get("staff", [])}
        written = {s.author_id for s in view.statements} if view is not None else set()
        me = self.session.user.id
        self.mine_box.setVisible(view is not None and me in named and me not in written and status != "COMPLETE")
        self.complete_box.setVisible(view is not None and (self.can_complete or status == "COMPLETE"))
        self.note_form.set_read_only(status == "COMPLETE" or not self.can_complete)
        self.complete_button.setVisible(self.can_complete and status != "COMPLETE")
        self.complete_button.setEnabled(view is not None and not view.missing)
        if view is not None:
            self.statements_text.setText(self._statements_html(view))
        wanted = self.mine_box if self.mine_box.isVisibleTo(self) else (  # show where the next step is written
            self.complete_box if self.complete_button.isVisibleTo(self) and self.complete_button.isEnabled() else None)
        if wanted is not None:
            QTimer.singleShot(0, lambda: self.scroll_area.ensureWidgetVisible(wanted))

    @staticmethod
    def _statements_html(view: Any) -> str:
        parts = []
        for s in view.statements:
            parts.append("<p><b>" + escape(_("{name}, {role}, signed {when}").format(
                name=s.author_name, role=code_label(s.body.get("involvement", "")),
                when=format_datetime(s.recorded_at))) + "</b><br>" + escape(str(s.body.get("account", ""))) + "</p>")
        if view.missing:
            parts.append("<p style='color:#8a4b00'>" + escape(_("Still to write a statement: {names}").format(
                names=", ".join(view.missing))) + "</p>")
        return "".join(parts) or escape(_("No statements yet."))

    # --- actions -----------------------------------------------------------------------------------
    def _run(self, work: Any, text: str, form: FieldForm) -> None:
        self.bar.clear_message()

        def done(record: Any) -> None:
            self.bar.show_ok(text)
            self.refresh(keep=record.body.get("report_id", record.id))

        def failed(error: BaseException) -> None:
            if isinstance(error, ValidationError):
                form.show_error(error)
            self.bar.show_error(error)

        self.tasks.run(work, done, failed)

    def _on_report(self) -> None:
        values = {**self.form.values(), "reasons": self.reasons.values(), "techniques": self.techniques.values(),
                  "restraints": self.restraints.values(), "prisoners": self.prisoners.items(),
                  "staff": self.staff.items()}
        when = None if self.when.is_now else self.when.utc_iso()
        self._run(lambda: self.session.use_of_force.report(values, occurred_at=when),
                  _("Report signed and submitted. Every officer named must now write a statement."), self.form)

    def _on_sign(self) -> None:
        report_id, values = self.view.report.id, self.statement_form.values()
        used = self.techniques_used.values()
        self._run(lambda: self.session.use_of_force.add_statement(
            report_id, values["involvement"], values["account"], used, values.get("own_injuries") or ""),
            _("Your statement is signed and submitted."), self.statement_form)

    def _on_complete(self) -> None:
        report_id, note = self.view.report.id, self.note_form.value("supervisor_note")
        self._run(lambda: self.session.use_of_force.complete(report_id, note), _("Report completed."),
                  self.note_form)
