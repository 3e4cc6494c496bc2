"""The treatment plan form: the prisoner's own goals first, then needs, steps (who does what) and reviews."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget

from wingdesk.domain.code_lists.model import AddedCodes
from wingdesk.domain.kinds.treatment import NEED, PLAN_FIELDS, REVIEW, STEP
from wingdesk.gui.widgets.field_form import FieldForm
from wingdesk.gui.widgets.list_editor import ListEditor
from wingdesk.i18n import _


class PlanEditor(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # clinical text: none of it can be copied out (security.md §2.4)
        self.form = FieldForm(PLAN_FIELDS, copyable=False)
        self.needs = ListEditor(NEED, ("area", "goal_text", "target_date", "status"), "", copyable=False)
        self.steps = ListEditor(STEP, ("step_type", "description", "responsible_person", "responsible_role",
                                          "status"), "", copyable=False)
        self.reviews = ListEditor(REVIEW, ("date", "summary", "action", "next_review_date"), "", copyable=False)
        self.tabs = QTabWidget()
        for editor in (self.needs, self.steps, self.reviews):
            self.tabs.addTab(editor, "")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #444")
        # side by side: below the form (at 1280x800) the needs and steps got about one row
        self.tabs.setMinimumWidth(420)
        self.form.setMinimumWidth(300)
        self.form.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # labels above: room for the lists
        columns = QSplitter(Qt.Orientation.Horizontal)
        columns.addWidget(self.form)
        columns.addWidget(self.tabs)
        columns.setChildrenCollapsible(False)
        columns.setStretchFactor(0, 2)
        columns.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(columns, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.hint.setText(_("Write the prisoner's goals in their own words. Each save keeps the earlier version "
                            "in the plan's history."))
        self.needs.item_title = _("Need and goal")
        self.steps.item_title = _("Step")
        self.reviews.item_title = _("Review")
        self.tabs.setTabText(0, _("Needs by area"))
        self.tabs.setTabText(1, _("Steps and who is responsible"))
        self.tabs.setTabText(2, _("Reviews"))
        for widget in (self.form, self.needs, self.steps, self.reviews):
            widget.retranslate_ui()

    def set_added_step_types(self, added: AddedCodes) -> None:
        """Offer the interventions HQ added after the built-in step types; a retired one is never offered for a new
        step (a step that already has it keeps it: ListEditor)."""
        self.steps.fields = tuple(replace(f, choices=(*f.choices, *(c for c in added.offered if c not in f.choices)))
                                  if f.name == "step_type" else f for f in STEP)

    def clear(self) -> None:
        self.form.clear()
        self.form.set_values({"agreement_status": "DRAFT", "status": "DRAFT"})
        for editor in (self.needs, self.steps, self.reviews):
            editor.set_items([])

    def set_plan(self, body: dict[str, Any]) -> None:
        self.form.clear()
        self.form.set_values(body)
        self.needs.set_items(body.get("needs") or [])
        self.steps.set_items(body.get("steps") or [])
        self.reviews.set_items(body.get("reviews") or [])

    def values(self) -> dict[str, Any]:
        body = {k: v for k, v in self.form.values().items() if v not in (None, "")}
        body["needs"], body["steps"], body["reviews"] = self.needs.items(), self.steps.items(), self.reviews.items()
        return body

    def validate(self) -> bool:
        return self.form.validate()

    def set_read_only(self, read_only: bool) -> None:
        self.form.set_read_only(read_only)
        for editor in (self.needs, self.steps, self.reviews):
            editor.set_read_only(read_only)
