"""Record a dynamic-security observation, keyboard first: pick, digit for category, facts, Ctrl+Enter."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from wingdesk.domain import codes
from wingdesk.domain.kinds.intelligence import ASSESSMENTS, SOURCE_EVALUATIONS
from wingdesk.gui.labels import code_label, error_text, field_label
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.when import when
from wingdesk.gui.widgets.guidance_link import OBJECTIVE_WRITING, WORDING_SECTIONS, GuidanceLink
from wingdesk.gui.widgets.happened_at import HappenedAt
from wingdesk.gui.widgets.message_bar import ask_yes_no
from wingdesk.gui.widgets.no_copy import NoCopyTextEdit
from wingdesk.gui.widgets.prisoner_quick_pick import PrisonerQuickPick
from wingdesk.i18n import _

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices

WORDING_DEBOUNCE_MS = 400
DEFAULT_POLARITY = {"POSITIVE_ENGAGEMENT": "POSITIVE", "STAFF_CONTACT_QUALITY": "POSITIVE",
                    "NEEDS_REQUEST": "NEUTRAL", "ROUTINE_CHANGE": "NEUTRAL", "ASSOCIATION_CHANGE": "NEUTRAL"}
DIGITS = {getattr(Qt.Key, f"Key_{n}"): (n - 1) % 10 for n in range(10)}  # 1..9 → first nine, 0 → tenth


class ObservationDialog(QDialog):
    observation_saved = Signal(object)

    def __init__(self, session: WingServices, tasks: TaskRunner, prisoner_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks = session, tasks
        self.warnings: list[Any] = []
        self._checked_text: tuple[str, str] | None = None
        self._acknowledged: tuple[str, str] | None = None
        self._wording_generation = 0
        self._polarity_touched = False
        self._resumed_from: str | None = None  # when the draft this dialog was reopened from was kept
        self.setMinimumSize(640, 600)
        self.picker = PrisonerQuickPick(session, tasks)
        self.picker.picked.connect(self._on_picked)
        self.category = QComboBox()
        self.category.installEventFilter(self)
        self.category.currentIndexChanged.connect(self._on_category_changed)
        self.facts, self.assessment = NoCopyTextEdit(), NoCopyTextEdit()
        self.facts.setMinimumHeight(110)
        self.assessment.setMaximumHeight(90)
        for edit in (self.facts, self.assessment):
            edit.textChanged.connect(self._schedule_wording)
        self.warning_label = QLabel()
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet("background: #fff3cd; color: #5c4400; padding: 6px; border-radius: 4px;")
        self.warning_label.hide()
        self.guidance = GuidanceLink(session, tasks, OBJECTIVE_WRITING)  # issue 18 item 3
        self.polarity, self.source = QComboBox(), QComboBox()
        # proposed grading (issue 16): optional, the officer's view; security grades the report
        self.proposed_source, self.proposed_assessment = QComboBox(), QComboBox()
        self.proposed = QWidget()
        proposed_row = QHBoxLayout(self.proposed)
        proposed_row.setContentsMargins(0, 0, 0, 0)
        proposed_row.addWidget(self.proposed_source, 1)
        proposed_row.addWidget(self.proposed_assessment, 2)
        self.polarity.activated.connect(self._on_polarity_chosen)
        self.when = HappenedAt()  # "now" until changed: an observation is often written up after the event
        self.where, self.who = QLineEdit(), QLineEdit()
        self.urgent = QCheckBox()
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        for button in (self.save_button, self.cancel_button):  # Enter picks a prisoner; only Ctrl+Enter saves
            button.setAutoDefault(False)
            button.setDefault(False)
        self.save_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.rows = {"prisoner": self.picker, "category": self.category, "what_seen_heard": self.facts,
                     "officer_assessment": self.assessment, "polarity": self.polarity, "source_type": self.source,
                     "happened_at": self.when, "where": self.where, "who_present": self.who,
                     "proposed_grading": self.proposed}
        for name, widget in self.rows.items():
            label = QLabel()
            label.setBuddy(widget)
            self.form.addRow(label, widget)
            if name == "officer_assessment":
                self.form.addRow(self.warning_label)
                self.form.addRow(self.guidance)
        # The check box carries no text (it does not wrap); a word-wrapped label beside it says what urgent means.
        self.urgent_label = QLabel()
        self.urgent_label.setWordWrap(True)
        self.urgent_label.setBuddy(self.urgent)
        urgent_row = QHBoxLayout()
        urgent_row.addWidget(self.urgent, 0, Qt.AlignmentFlag.AlignTop)
        urgent_row.addWidget(self.urgent_label, 1)
        self.form.addRow(urgent_row)
        layout = QVBoxLayout(self)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555;")
        layout.addWidget(self.hint)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.wording_timer = QTimer(self)
        self.wording_timer.setSingleShot(True)
        self.wording_timer.setInterval(WORDING_DEBOUNCE_MS)
        self.wording_timer.timeout.connect(self._check_wording)
        self.retranslate_ui()
        if prisoner_id:
            self.picker.select(prisoner_id)
            self.category.setFocus()
        else:
            self.picker.setFocus()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Record observation"))
        self.hint.setText(_("Describe what you saw or heard: behaviour, exact words in quotes, time and place. "
                            "Keep your opinion for the assessment field. Ctrl+Enter saves."))
        if self._resumed_from is not None:
            self.hint.setText(_("You were writing this when WingDesk locked ({when}). Finish it and save, or "
                                "Cancel to throw it away.").format(when=when(self._resumed_from)))
        names = {"prisoner": _("&Prisoner"), "category": _("&Category (press 1–9, 0)"),
                 "what_seen_heard": _("&What was seen or heard"), "officer_assessment": _("Your &assessment"),
                 "polarity": _("P&olarity"), "source_type": _("&Source"), "happened_at": _("Happened a&t"),
                 "where": _("W&here"),
                 "who_present": _("Who was prese&nt"), "proposed_grading": _("Proposed &grade (optional)")}
        for name, widget in self.rows.items():
            label = self.form.labelForField(widget)
            if isinstance(label, QLabel):
                label.setText(names[name])
            widget.setAccessibleName(names[name].replace("&", "") if name != "category" else field_label(name))
        self.when.setAccessibleName(_("Happened at"))
        self.urgent_label.setText(_("&Urgent: threat to life or safety (supervisor and security are told at once)"))
        self.urgent.setAccessibleName(_("Urgent"))
        self._fill_combo(self.category, codes.OBSERVATION_CATEGORIES, numbered=True)
        self._fill_combo(self.polarity, codes.POLARITIES)
        self._fill_combo(self.source, codes.SOURCE_TYPES)
        self._fill_optional(self.proposed_source, SOURCE_EVALUATIONS, _("Source: not proposed"))
        self._fill_optional(self.proposed_assessment, ASSESSMENTS, _("Information: not proposed"))
        self.proposed_source.setAccessibleName(_("Proposed source evaluation"))
        self.proposed_assessment.setAccessibleName(_("Proposed intelligence assessment"))
        self.save_button.setText(_("Save anyway") if self._acknowledged else _("&Save"))
        self.save_button.setAccessibleName(_("Save observation"))
        self.cancel_button.setText(_("Cancel"))
        self._show_warnings()

    def _fill_combo(self, combo: QComboBox, values: tuple[str, ...], numbered: bool = False) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for i, code in enumerate(values):
            text = f"{(i + 1) % 10}  {code_label(code)}" if numbered and i < 10 else code_label(code)
            combo.addItem(text, code)
        combo.setCurrentIndex(max(0, combo.findData(current)) if current else 0)
        combo.blockSignals(False)
        if combo is self.category and not current:
            self._on_category_changed(0)

    @staticmethod
    def _fill_optional(combo: QComboBox, values: tuple[str, ...], none_text: str) -> None:
        current = combo.currentData()
        combo.clear()
        combo.addItem(none_text, None)
        for code in values:
            combo.addItem(code_label(code), code)
        combo.setCurrentIndex(max(0, combo.findData(current)) if current else 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """A digit on the category list picks that category and moves on to the facts."""
        if watched is self.category and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            if event.key() in DIGITS and event.modifiers() == Qt.KeyboardModifier.NoModifier:
                self.category.setCurrentIndex(DIGITS[event.key()])
                self.facts.setFocus(Qt.FocusReason.TabFocusReason)
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """Plain Enter never saves (it picks a prisoner); Ctrl+Enter does, through the shortcut."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            event.accept()
            return
        super().keyPressEvent(event)

    def _on_picked(self, _prisoner_id: str) -> None:
        self.category.setFocus(Qt.FocusReason.TabFocusReason)

    def _on_category_changed(self, _index: int) -> None:
        if not self._polarity_touched:
            polarity = DEFAULT_POLARITY.get(str(self.category.currentData()), "CONCERN")
            self.polarity.setCurrentIndex(max(0, self.polarity.findData(polarity)))

    def _on_polarity_chosen(self, _index: int) -> None:
        self._polarity_touched = True

    # --- wording hints -------------------------------------------------------------------------------------
    def _texts(self) -> tuple[str, str]:
        return self.facts.toPlainText(), self.assessment.toPlainText()

    def _schedule_wording(self) -> None:
        self.wording_timer.start()

    def _check_wording(self, then_save: bool = False) -> None:
        self.wording_timer.stop()
        self._wording_generation += 1
        generation, texts, service = self._wording_generation, self._texts(), self.session.observations
        self.tasks.run(lambda: (generation, texts, service.wording_warnings(*texts), then_save),
                       self._on_wording, self._on_failed)

    def _on_wording(self, result: tuple[int, tuple[str, str], list[Any], bool]) -> None:
        generation, texts, warnings, then_save = result
        if generation != self._wording_generation:
            return
        self.warnings, self._checked_text = warnings, texts
        self._show_warnings()
        if then_save:
            self.save()

    def _show_warnings(self) -> None:
        lines = []
        for warning in self.warnings:
            words = ", ".join(f"“{w}”" for w in warning.words)
            if warning.code == "label":
                lines.append(_("Avoid labels such as {words}: describe what the person did or said.").format(
                    words=words))
            elif warning.code == "religion_only":
                lines.append(_("Religious practice alone ({words}) is not a security concern. Describe "
                               "behaviour, or quote the exact words that worry you.").format(words=words))
        self.warning_label.setText("\n".join(lines))
        self.warning_label.setVisible(bool(lines))
        self.guidance.point_to(next((WORDING_SECTIONS[w.code] for w in self.warnings if w.code in WORDING_SECTIONS),
                                    ""))
        self.warning_label.setAccessibleName(_("Wording hints"))

    # --- saving --------------------------------------------------------------------------------------------
    def save(self) -> None:
        """Ctrl+Enter: check wording first; with hints showing, a second Ctrl+Enter saves anyway."""
        if not self.save_button.isEnabled():
            return
        if not self.picker.prisoner_id:
            self.picker.resolve()
        if not self.picker.prisoner_id:
            return self._show_error(_("Choose a prisoner."), self.picker)
        facts, assessment = self._texts()
        if not facts.strip():
            return self._show_error(_("Describe what was seen or heard."), self.facts)
        if self._checked_text != (facts, assessment):
            return self._check_wording(then_save=True)
        if self.warnings and self._acknowledged != (facts, assessment):
            self._acknowledged = (facts, assessment)
            self.save_button.setText(_("Save anyway"))
            self.facts.setFocus()
            return None
        self.save_button.setEnabled(False)
        args = (self.picker.prisoner_id, self.category.currentData(), self.polarity.currentData(), facts)
        extra = {"source_type": self.source.currentData(), "officer_assessment": assessment,
                 "where": self.where.text(), "who_present": self.who.text(), "urgent": self.urgent.isChecked(),
                 "occurred_at": None if self.when.is_now else self.when.utc_iso(),  # untouched: the saving moment
                 "proposed_source": self.proposed_source.currentData(),
                 "proposed_assessment": self.proposed_assessment.currentData()}
        service = self.session.observations
        self.tasks.run(lambda: service.record(*args, **extra), self._on_saved, self._on_failed)
        return None

    def discard(self) -> None:
        """Close without asking (the program's own closing, e.g. the screenshot tool): `reject` is for the user."""
        super().reject()

    def reject(self) -> None:
        """Esc or Cancel: typed words are not thrown away without asking (Cancel, the safe answer, is the default)."""
        if self._typed() and not ask_yes_no(self, self.windowTitle(), _("Discard the observation you have written?"),
                                            _("Discard")):
            return
        super().reject()

    def _typed(self) -> bool:
        return any(edit.toPlainText().strip() for edit in (self.facts, self.assessment)) or any(
            line.text().strip() for line in (self.where, self.who))

    # --- kept over a lock (services.drafts) ----------------------------------------------------------------
    def draft_fields(self) -> dict[str, Any] | None:
        """Everything entered so far, as plain values; None when no words were typed (nothing worth keeping) or
        while it is being saved (kept too, it would be offered again after it was stored: a duplicate record).
        The time is kept even when untouched: resumed later, "now" would date it at the resuming."""
        if not self._typed() or not self.save_button.isEnabled():
            return None
        facts, assessment = self._texts()
        return {"prisoner_id": self.picker.prisoner_id, "prisoner_text": self.picker.text(),
                "category": self.category.currentData(),
                "polarity": self.polarity.currentData() if self._polarity_touched else None,
                "source_type": self.source.currentData(), "what_seen_heard": facts, "officer_assessment": assessment,
                "where": self.where.text(), "who_present": self.who.text(), "urgent": self.urgent.isChecked(),
                "happened_at": self.when.utc_iso(), "proposed_source": self.proposed_source.currentData(),
                "proposed_assessment": self.proposed_assessment.currentData()}

    def restore(self, fields: dict[str, Any], saved_at: str) -> None:
        """Fill the dialog from a kept draft and say where it came from."""
        def text(name: str) -> str:
            value = fields.get(name)
            return value if isinstance(value, str) else ""

        if text("prisoner_id"):
            self.picker.select(text("prisoner_id"))
        else:
            self.picker.setText(text("prisoner_text"))
        for combo, name in ((self.category, "category"), (self.source, "source_type"),
                            (self.proposed_source, "proposed_source"),
                            (self.proposed_assessment, "proposed_assessment")):
            index = combo.findData(text(name))
            if index >= 0:
                combo.setCurrentIndex(index)
        if text("polarity") and self.polarity.findData(text("polarity")) >= 0:
            self.polarity.setCurrentIndex(self.polarity.findData(text("polarity")))
            self._polarity_touched = True
        self.facts.setPlainText(text("what_seen_heard"))
        self.assessment.setPlainText(text("officer_assessment"))
        self.where.setText(text("where"))
        self.who.setText(text("who_present"))
        self.urgent.setChecked(fields.get("urgent") is True)
        self.when.restore(fields.get("happened_at"), saved_at)
        self._resumed_from = saved_at
        self.hint.setStyleSheet("color: #0b3d6b; font-weight: 600;")  # not the usual grey hint: say it plainly
        self.retranslate_ui()
        self.facts.setFocus()

    def _on_saved(self, record: object) -> None:
        self.observation_saved.emit(record)
        self.accept()

    def _on_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self._show_error(error_text(error), None)

    def _show_error(self, message: str, focus: QWidget | None) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        if focus is not None:
            focus.setFocus()

    def fill_example(self) -> None:
        """Screenshots only: a first draft that triggers both wording hints."""
        self.picker.setText(self.picker.first_label())
        self.picker.resolve()
        self.category.setCurrentIndex(6)
        self.facts.setPlainText("He seems radicalised, prays a lot and keeps to himself.")
        self._check_wording()
