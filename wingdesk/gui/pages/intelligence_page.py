"""The security page (issue 16): intelligence reports on the left; on the right the chosen report, its grade and
sanitised text, whom it is shared with, its deletion review and its release to HQ. Security only (navigation)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from wingdesk.domain.errors import ValidationError
from wingdesk.domain.kinds.intelligence import grade_text, is_graded, is_low_grade, travels
from wingdesk.domain.kinds.security_task import TASK_TYPES
from wingdesk.gui.labels import code_label
from wingdesk.gui.prisoner_names import prisoner_label
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.when import day_text
from wingdesk.gui.widgets.guidance_link import (
    DYNAMIC_SECURITY,
    INFORMATION_CYCLE,
    OBJECTIVE_WRITING,
    WORDING_SECTIONS,
    GuidanceLink,
)
from wingdesk.gui.widgets.intelligence_form import IntelligenceForm
from wingdesk.gui.widgets.message_bar import MessageBar
from wingdesk.gui.widgets.prisoner_picker import PrisonerPicker, load_prisoners
from wingdesk.i18n import _
from wingdesk.i18n.formats import format_date, format_datetime

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices

GRADE_KEYS = ("source_evaluation", "assessment", "handling_code")


def _observation_text(record: Any, names: dict[str, str]) -> str:
    facts = " ".join(str(record.body.get("what_seen_heard", "")).split())
    who = names.get(record.prisoner_id or "", "—")
    proposed = [str(record.body.get(k) or "_—").split("_")[1] for k in ("proposed_source", "proposed_assessment")]
    if proposed != ["—", "—"]:  # the officer's proposed grade (issue 16 item 1), beside what security grades
        who = " · ".join((who, _("proposed {grade}").format(grade="/".join(proposed))))
    return _("{day} · {category} · {prisoner}: {facts}").format(
        day=format_date(record.occurred_at[:10]), category=code_label(record.body.get("category")),
        prisoner=who, facts=facts[:70])


def _task_text(outcome: Any) -> str:
    """A task of the chosen report as it came back (issue 16): its state, the supervisor's result, the search
    entry with its finds and the incident they raised."""
    task, entry, incident = outcome.task, outcome.search_entry, outcome.incident
    parts = [_("Task {task}: {status}.").format(task=code_label(task.body.get("task_type")),
                                                 status=code_label(task.status))]
    if task.body.get("result"):
        parts.append(_("Result from {name}: {result}").format(name=task.body.get("done_by") or "—",
                                                               result=" ".join(str(task.body["result"]).split())))
    if entry is not None:
        parts.append(_("Search {when} at {place}; finds: {finds}").format(
            when=format_datetime(entry.occurred_at), place=entry.body.get("place") or "—",
            finds=" ".join(str(entry.body.get("finds") or "").split()) or _("none")))
    if incident is not None:
        parts.append(_("Incident: {type}, {status}.").format(type=code_label(incident.body.get("incident_type")),
                                                             status=code_label(incident.body.get("status"))))
    return " ".join(parts)


class IntelligencePage(QWidget):
    def __init__(self, session: WingServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks = session, tasks
        self.reports: list[Any] = []
        self.observations: list[Any] = []
        self.names: dict[str, str] = {}
        self.current: Any = None
        self._acknowledged: tuple[str, ...] | None = None
        self.heading, self.bar, self.state = QLabel(), MessageBar(), QLabel()
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600")
        self.state.setWordWrap(True)
        self.state.setTextFormat(Qt.TextFormat.PlainText)  # a supervisor's result is their text, never markup
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.new_button = QPushButton()
        self.prisoner = PrisonerPicker(session, tasks, optional=True)
        self.prisoner_caption = QLabel()
        self.prisoner_caption.setBuddy(self.prisoner)
        self.form = IntelligenceForm()
        # issue 18 item 3: the information cycle this form is a step of, and the wording hints' own sections
        self.cycle_guidance = GuidanceLink(session, tasks, DYNAMIC_SECURITY)
        self.cycle_guidance.point_to(INFORMATION_CYCLE)
        self.wording_guidance = GuidanceLink(session, tasks, OBJECTIVE_WRITING)
        self.reason = QLineEdit()
        self.reason_caption = QLabel()
        self.reason_caption.setBuddy(self.reason)
        self.save_button, self.renew_button, self.release_button = QPushButton(), QPushButton(), QPushButton()
        # a security task to the supervisors, tied to the chosen report (issue 16)
        self.task_type, self.task_text, self.task_button = QComboBox(), QLineEdit(), QPushButton()
        self.report_tasks: list[Any] = []
        self.task_type.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # mk names are long
        self._build()
        self.list.currentRowChanged.connect(self._on_row)
        self.new_button.clicked.connect(self.start_new)
        self.save_button.clicked.connect(self.save)
        self.form.submitted.connect(self.save)
        self.renew_button.clicked.connect(self._on_renew)
        self.release_button.clicked.connect(self._on_release)
        self.task_button.clicked.connect(self._on_ask)
        self.retranslate_ui()

    def _build(self) -> None:
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(self.list, 1)
        left_box.addWidget(self.new_button)
        left.setMaximumWidth(360)
        editor = QWidget()
        box = QVBoxLayout(editor)
        who = QHBoxLayout()
        who.addWidget(self.prisoner_caption)
        who.addWidget(self.prisoner, 1)
        box.addLayout(who)
        box.addWidget(self.cycle_guidance)
        box.addWidget(self.form)
        box.addWidget(self.wording_guidance)
        self.editor_scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(editor)
        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        right_box.addWidget(scroll, 1)
        right_box.addWidget(self.state)
        ask = QHBoxLayout()
        ask.addWidget(self.task_type)
        ask.addWidget(self.task_text, 1)
        ask.addWidget(self.task_button)
        right_box.addLayout(ask)
        actions = QHBoxLayout()
        actions.addWidget(self.reason_caption)
        actions.addWidget(self.reason, 1)
        actions.addWidget(self.renew_button)
        actions.addWidget(self.release_button)
        actions.addWidget(self.save_button)
        right_box.addLayout(actions)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([320, 700])
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.bar)
        layout.addWidget(split, 1)

    def title(self) -> str:
        return _("Intelligence")

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Intelligence reports"))
        self.new_button.setText(_("&New report"))
        # the report's subject ("&About" here was translated in six catalogs as the Help menu's "About the program")
        self.prisoner_caption.setText(_("&Prisoner"))
        self.reason_caption.setText(_("Reason"))
        self.reason.setAccessibleName(_("Reason for renewing or releasing"))
        self.reason.setPlaceholderText(_("Why it is kept, or why HQ needs it"))
        self.renew_button.setText(_("&Keep 6 more months"))
        self.release_button.setText(_("Re&lease to HQ"))
        self.list.setAccessibleName(_("Intelligence reports"))
        self.task_button.setText(_("As&k the supervisors"))
        self.task_text.setPlaceholderText(_("What to do, written for the supervisor (no source, no original)"))
        self.task_text.setAccessibleName(_("Instructions for the supervisors"))
        self.task_type.setAccessibleName(_("Task"))
        current = self.task_type.currentData()
        self.task_type.clear()
        for code in TASK_TYPES:
            self.task_type.addItem(code_label(code), code)
        self.task_type.setCurrentIndex(max(0, self.task_type.findData(current)))
        self.prisoner.retranslate_ui()
        self.form.retranslate_ui()
        self._fill_list()
        self._show_state()
        self._set_save_text()

    def _set_save_text(self) -> None:
        self.save_button.setText(_("Save anyway") if self._acknowledged else _("&Save (Ctrl+Enter)"))

    # --- loading -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        session = self.session

        def load() -> tuple[list[Any], list[Any], dict[str, str], list[Any]]:
            names = {p.id: prisoner_label(p) for p in load_prisoners(session)}
            return (session.intelligence.reports(), session.observations.recent(limit=60), names,
                    session.security_tasks.outcomes())

        self.prisoner.refresh()
        self.tasks.run(load, self._on_loaded, self.bar.show_error)

    def _on_loaded(self, loaded: tuple[list[Any], list[Any], dict[str, str], list[Any]]) -> None:
        self.reports, self.observations, self.names, self.report_tasks = loaded
        keep = self.current.id if self.current is not None else None
        self._fill_list()
        row = next((n for n, r in enumerate(self.reports) if r.id == keep), 0 if self.reports else -1)
        if row >= 0:
            self.list.blockSignals(True)
            self.list.setCurrentRow(row)
            self.list.blockSignals(False)
            self._show(self.reports[row])
        else:
            self.start_new()

    def _fill_list(self) -> None:
        self.list.blockSignals(True)
        row = self.list.currentRow()
        self.list.clear()
        for record in self.reports:
            head = " · ".join((format_datetime(record.occurred_at), self.names.get(record.prisoner_id or "", "—"),
                               code_label(record.body.get("subject")), grade_text(record.body) or _("not graded")))
            text = " ".join(str(record.body.get("report_text", "")).split())[:90]
            item = QListWidgetItem(head + "\n" + text)
            self.list.addItem(item)
        self.list.setCurrentRow(row)
        self.list.blockSignals(False)

    # --- showing -----------------------------------------------------------------------------------
    def _on_row(self, row: int) -> None:
        if 0 <= row < len(self.reports):
            self._show(self.reports[row])

    def start_new(self) -> None:
        self.list.clearSelection()
        self._show(None)
        self.bar.clear_message()
        self.prisoner.setFocus()

    def _show(self, record: Any) -> None:
        self.current = record
        body = dict(record.body) if record is not None else {}
        self._acknowledged = None
        self._set_save_text()
        self.prisoner.set_current(record.prisoner_id if record is not None else None)
        self.prisoner.setEnabled(record is None)
        mine = [(o.id, _observation_text(o, self.names)) for o in self.observations]
        listed = {key for key, _text in mine}
        mine += [(oid, _("Observation {ref}").format(ref=oid[-6:])) for oid in body.get("observation_ids") or []
                 if oid not in listed]  # made from an older observation than the recent ones
        prisoners = [(pid, name) for pid, name in self.names.items()
                     if record is None or pid != record.prisoner_id]
        others = [(r.id, " · ".join((format_datetime(r.occurred_at), code_label(r.body.get("subject")),
                                     grade_text(r.body) or _("not graded"))))
                  for r in self.reports if record is None or r.id != record.id]
        self.form.set_choices(mine, prisoners, body, others)
        self.form.set_body(body)
        self.wording_guidance.point_to("")  # the hints were cleared with the form
        self.reason.clear()
        self._show_state()

    def show_grading(self) -> None:
        """Bring the grade into view and put the cursor on the source evaluation."""
        self.editor_scroll.ensureWidgetVisible(self.form.grade_box, 0, 0)
        self.editor_scroll.verticalScrollBar().setValue(self.form.grade_box.y())
        self.form.source.setFocus()

    def _show_state(self) -> None:
        body = self.current.body if self.current is not None else {}
        parts = []
        if self.current is not None:
            if is_low_grade(body) and body.get("review_date"):
                parts.append(_("Deletion review on {date}.").format(date=day_text(str(body["review_date"]))))
            if body.get("handling_code") == "HANDLE_C":
                parts.append(_("Released to HQ by {name}.").format(name=body.get("released_by", ""))
                             if body.get("released") else _("Stays on the wing until released to HQ."))
            elif travels(body):
                parts.append(_("Goes to HQ with its handling code."))
            lines = [" ".join(parts)] if parts else []
            for shared in body.get("dissemination") or []:  # each sharing: who, to whom, when and why (item 5)
                lines.append(_("Shared with {whom} by {name}, {when}: {reason}").format(
                    whom=code_label(shared.get("to")), name=shared.get("by") or "—",
                    when=format_datetime(str(shared.get("at") or "")), reason=shared.get("reason") or "—"))
            for outcome in (o for o in self.report_tasks if o.task.body.get("report_id") == self.current.id):
                lines.append(_task_text(outcome))
            parts = lines
        self.state.setText("\n".join(parts))
        self.renew_button.setVisible(self.current is not None and is_low_grade(body))
        self.release_button.setVisible(self.current is not None and is_graded(body)
                                       and body.get("handling_code") == "HANDLE_C" and not body.get("released"))
        self.reason.setVisible(self.renew_button.isVisible() or self.release_button.isVisible())
        for widget in (self.task_type, self.task_text, self.task_button):
            widget.setVisible(self.current is not None)
        self.reason_caption.setVisible(self.reason.isVisible())

    # --- saving ------------------------------------------------------------------------------------
    def save(self) -> None:
        """Wording first (labels, religion-only): with hints showing, a second Save saves anyway."""
        texts = self.form.texts()
        service = self.session.intelligence
        self.bar.clear_message()
        self.tasks.run(lambda: (texts, service.wording_warnings(*texts)), self._on_wording, self._failed)

    def _on_wording(self, result: tuple[tuple[str, ...], list[Any]]) -> None:
        texts, warnings = result
        self.form.show_hints(warnings)
        self.wording_guidance.point_to(next((WORDING_SECTIONS[w.code] for w in warnings if w.code in WORDING_SECTIONS),
                                            ""))
        if warnings and self._acknowledged != texts:
            self._acknowledged = texts
            self._set_save_text()
            return
        self._save_now()

    def _save_now(self) -> None:
        service, current = self.session.intelligence, self.current
        report, grade = self.form.report_values(), self.form.grade_values()
        if current is None:
            prisoner_id = self.prisoner.current_id()

            def create() -> Any:
                return service.create(prisoner_id, report["subject"], report["report_text"],
                                      observation_ids=report["observation_ids"],
                                      linked_prisoners=report["linked_prisoners"],
                                      linked_reports=report["linked_reports"],
                                      linked_places=report["linked_places"], linked_items=report["linked_items"])

            self._run(create, _("Report saved. Grade it when you have weighed it."))
            return
        body = current.body

        def update() -> Any:
            saved = current
            links = (report["linked_prisoners"], report["linked_places"], report["linked_items"],
                     report["linked_reports"])
            if links != (body.get("linked_prisoners") or [], body.get("linked_places") or "",
                         body.get("linked_items") or "", body.get("linked_reports") or []):
                saved = service.link(current.id, prisoners=links[0], reports=links[3], places=links[1],
                                     items=links[2])
            graded = (grade["source_evaluation"], grade["assessment"], grade["handling_code"], grade["rationale"],
                      grade["conditions"] if grade["handling_code"] == "HANDLE_C" else "", grade["sanitised_text"])
            kept = tuple(str(body.get(k) or "") for k in (*GRADE_KEYS, "grading_rationale", "handling_conditions",
                                                            "sanitised_text"))
            unchanged = tuple(str(v or "") for v in graded) == kept and not grade["share_with"]
            if any(graded[:3]) and not unchanged:
                saved = service.grade(current.id, grade["source_evaluation"], grade["assessment"],
                                      grade["handling_code"], grade["rationale"], conditions=grade["conditions"],
                                      sanitised_text=grade["sanitised_text"], share_with=grade["share_with"],
                                      share_reason=grade["share_reason"])
            return saved

        self._run(update, _("Report saved."))

    def _on_renew(self) -> None:
        current, reason = self.current, self.reason.text()
        self._run(lambda: self.session.intelligence.renew_review(current.id, reason),
                  _("Kept for another 6 months."))

    def _on_release(self) -> None:
        current, reason = self.current, self.reason.text()
        self._run(lambda: self.session.intelligence.release(current.id, reason),
                  _("Released: it goes to HQ with the next bundle."))

    def _on_ask(self) -> None:
        current, task_type, text = self.current, self.task_type.currentData(), self.task_text.text()
        self.task_text.clear()
        self._run(lambda: (self.session.security_tasks.request(current.id, task_type, text), current)[1],
                  _("Asked: the supervisors see it in their inbox."))

    def _run(self, work: Any, done_text: str) -> None:
        self.tasks.run(work, lambda record: self._done(record, done_text), self._failed)

    def _done(self, record: Any, text: str) -> None:
        self.current = record
        self._acknowledged = None
        self.bar.show_ok(text)
        self.refresh()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, ValidationError):
            self._acknowledged = None
            self._set_save_text()
        self.bar.show_error(error)
