"""The security officer's form for one intelligence report (issue 16): what the report says and what it was made
from, its 3×5×2 grade with the reason, the sanitised text and whom it is shared with. Every choice is the
officer's: the form proposes no grade."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from wingdesk.domain.kinds.intelligence import ASSESSMENTS, HANDLING_CODES, SOURCE_EVALUATIONS, SUBJECTS, shared_with
from wingdesk.gui.labels import code_label, field_label
from wingdesk.i18n import _

HINT_STYLE = "background: #fff3cd; color: #5c4400; padding: 6px; border-radius: 4px;"


def _text_box(height: int) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setMinimumHeight(height)
    box.setMaximumHeight(height + 40)
    return box


def _checked(widget: QListWidget) -> list[str]:
    return [str(widget.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked]


def fill_checklist(widget: QListWidget, choices: list[tuple[str, str]], checked: set[str]) -> None:
    widget.clear()
    for key, text in sorted(choices, key=lambda choice: choice[0] not in checked):  # the ticked ones first
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if key in checked else Qt.CheckState.Unchecked)
        widget.addItem(item)


class IntelligenceForm(QWidget):
    """`submitted` on Ctrl+Enter. `values()` gives the report part and the grading part the page saves."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.subject, self.source, self.assessment, self.handling = QComboBox(), QComboBox(), QComboBox(), QComboBox()
        self.report_text, self.rationale = _text_box(60), _text_box(44)
        self.conditions, self.sanitised = _text_box(36), _text_box(60)
        self.observations, self.linked, self.linked_reports = QListWidget(), QListWidget(), QListWidget()
        for checklist in (self.observations, self.linked, self.linked_reports):
            checklist.setMaximumHeight(110)
            checklist.setWordWrap(True)  # an observation's first words, not a sideways scroll
            checklist.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.places, self.items, self.share_reason = QLineEdit(), QLineEdit(), QLineEdit()
        self.share_supervisors, self.share_governor = QCheckBox(), QCheckBox()
        self.hints = QLabel()
        self.hints.setWordWrap(True)
        self.hints.setStyleSheet(HINT_STYLE)
        self.hints.hide()
        self.report_box, self.grade_box = QGroupBox(), QGroupBox()
        self.report_form, self.grade_form = QFormLayout(self.report_box), QFormLayout(self.grade_box)
        for form in (self.report_form, self.grade_form):
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.report_rows: dict[str, QWidget] = {
            "subject": self.subject, "report_text": self.report_text, "observation_ids": self.observations,
            "linked_prisoners": self.linked, "linked_reports": self.linked_reports, "linked_places": self.places,
            "linked_items": self.items}
        share = QWidget()
        share_row = QHBoxLayout(share)
        share_row.setContentsMargins(0, 0, 0, 0)
        share_row.addWidget(self.share_supervisors)
        share_row.addWidget(self.share_governor)
        share_row.addStretch(1)
        self.grade_rows: dict[str, QWidget] = {
            "source_evaluation": self.source, "assessment": self.assessment, "handling_code": self.handling,
            "handling_conditions": self.conditions, "grading_rationale": self.rationale,
            "sanitised_text": self.sanitised, "dissemination": share, "share_reason": self.share_reason}
        self.captions: dict[str, QLabel] = {}
        for form, rows in ((self.report_form, self.report_rows), (self.grade_form, self.grade_rows)):
            for name, widget in rows.items():
                caption = QLabel()
                caption.setWordWrap(True)
                caption.setBuddy(self.share_supervisors if name == "dissemination" else widget)
                form.addRow(caption, widget)
                self.captions[name] = caption
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.report_box)
        layout.addWidget(self.grade_box)
        layout.addWidget(self.hints)
        layout.addStretch(1)
        self.handling.currentIndexChanged.connect(self._on_handling)
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(key), self, self.submitted.emit,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.report_box.setTitle(_("Report"))
        self.grade_box.setTitle(_("Grade and sharing"))
        kind = "intelligence_report"
        for name, caption in self.captions.items():
            text = field_label(name, kind) if name != "share_reason" else _("Reason for sharing")
            required = name in ("subject", "report_text")
            caption.setText(_("{label} *").format(label=text) if required else text)
            self.report_rows.get(name, self.grade_rows.get(name, caption)).setAccessibleName(text)
        self.share_supervisors.setText(code_label("SUPERVISOR"))
        self.share_governor.setText(code_label("GOVERNOR"))
        self._fill(self.subject, SUBJECTS, None)
        self._fill(self.source, SOURCE_EVALUATIONS, _("(not graded)"))
        self._fill(self.assessment, ASSESSMENTS, _("(not graded)"))
        self._fill(self.handling, HANDLING_CODES, _("(not graded)"))
        self.share_reason.setPlaceholderText(_("Why they need it, e.g. planning a cell search"))

    @staticmethod
    def _fill(combo: QComboBox, codes: tuple[str, ...], none_text: str | None) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        if none_text is not None:
            combo.addItem(none_text, None)
        for code in codes:
            combo.addItem(code_label(code), code)
        combo.setCurrentIndex(max(0, combo.findData(current)) if current else 0)
        combo.blockSignals(False)

    def _on_handling(self, _index: int) -> None:
        self.conditions.setEnabled(self.handling.currentData() == "HANDLE_C")

    # --- values ------------------------------------------------------------------------------------
    def set_choices(self, observations: list[tuple[str, str]], prisoners: list[tuple[str, str]],
                    body: dict[str, Any], reports: list[tuple[str, str]] | None = None) -> None:
        fill_checklist(self.observations, observations, set(body.get("observation_ids") or []))
        fill_checklist(self.linked, prisoners, set(body.get("linked_prisoners") or []))
        fill_checklist(self.linked_reports, reports or [], set(body.get("linked_reports") or []))

    def set_body(self, body: dict[str, Any]) -> None:
        """Show a report (an empty body: a new one)."""
        for combo, name in ((self.subject, "subject"), (self.source, "source_evaluation"),
                            (self.assessment, "assessment"), (self.handling, "handling_code")):
            combo.setCurrentIndex(max(0, combo.findData(body.get(name))))
        for box, name in ((self.report_text, "report_text"), (self.rationale, "grading_rationale"),
                          (self.conditions, "handling_conditions"), (self.sanitised, "sanitised_text")):
            box.setPlainText(str(body.get(name) or ""))
        self.places.setText(str(body.get("linked_places") or ""))
        self.items.setText(str(body.get("linked_items") or ""))
        shared = shared_with(body)
        for check, role in ((self.share_supervisors, "SUPERVISOR"), (self.share_governor, "GOVERNOR")):
            check.setChecked(role in shared)
            check.setEnabled(role not in shared)  # a sharing is kept for good: it cannot be taken back here
        self.share_reason.clear()
        self.report_text.setReadOnly(bool(body))  # the original is never rewritten; a new report says more
        self.observations.setEnabled(not body)
        self.grade_box.setEnabled(bool(body))  # a report is written first, then graded
        self._on_handling(0)
        self.show_hints([])

    def report_values(self) -> dict[str, Any]:
        return {"subject": self.subject.currentData(), "report_text": self.report_text.toPlainText(),
                "observation_ids": _checked(self.observations), "linked_prisoners": _checked(self.linked),
                "linked_reports": _checked(self.linked_reports),
                "linked_places": self.places.text(), "linked_items": self.items.text()}

    def grade_values(self) -> dict[str, Any]:
        share = [role for box, role in ((self.share_supervisors, "SUPERVISOR"), (self.share_governor, "GOVERNOR"))
                 if box.isChecked() and box.isEnabled()]  # new sharings only: earlier ones are kept already
        return {"source_evaluation": self.source.currentData(), "assessment": self.assessment.currentData(),
                "handling_code": self.handling.currentData(), "rationale": self.rationale.toPlainText(),
                "conditions": self.conditions.toPlainText(), "sanitised_text": self.sanitised.toPlainText(),
                "share_with": share, "share_reason": self.share_reason.text()}

    def texts(self) -> tuple[str, ...]:
        """What the wording checks read: the report, the reason, the conditions and the sanitised text."""
        return (self.report_text.toPlainText(), self.rationale.toPlainText(), self.conditions.toPlainText(),
                self.sanitised.toPlainText())

    def show_hints(self, warnings: list[Any]) -> None:
        lines = []
        for warning in warnings:
            words = ", ".join(f"“{w}”" for w in warning.words)
            if warning.code == "label":
                lines.append(_("Avoid labels such as {words}: describe what the person did or said.").format(
                    words=words))
            elif warning.code == "religion_only":
                lines.append(_("Religious practice alone ({words}) is not a security concern. Describe "
                               "behaviour, or quote the exact words that worry you.").format(words=words))
        self.hints.setText("\n".join(lines))
        self.hints.setVisible(bool(lines))
        self.hints.setAccessibleName(_("Wording hints"))
