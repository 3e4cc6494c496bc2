"""The wing-log entry form: pick a type, its fields come from the log-entry kind; roll counts show discrepancies."""

from __future__ import annotations

import json
from datetime import UTC
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from wingdesk.domain import codes
from wingdesk.domain.errors import ValidationError
from wingdesk.domain.kinds.wing_log import ENTRY_FIELDS
from wingdesk.gui.labels import code_label as label
from wingdesk.gui.qt_values import py_datetime
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.widgets.field_form import FieldForm
from wingdesk.gui.widgets.happened_at import HappenedAt
from wingdesk.gui.widgets.prisoner_picker import PrisonerPicker
from wingdesk.i18n import _, ngettext

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices

# handover is taken at shift start; a roll resolution from the open discrepancy it closes (home page)
ENTRY_TYPES = tuple(t for t in codes.LOG_ENTRY_TYPES if t not in ("HANDOVER", "ROLL_RESOLUTION"))
PRISONER_REQUIRED = {"MOVEMENT", "CELL_CHANGE"}
NO_PRISONER = {"UNLOCK", "LOCK_UP", "ROLL_COUNT", "SUPERVISOR_VISIT", "EQUIPMENT_CHECK"}


class EntryEditor(QWidget):
    """Emits save_requested(entry_type, fields, prisoner_id, occurred_at_iso); the page saves in the background."""

    save_requested = Signal(str, dict, object, str)

    def __init__(self, session: WingServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.forms: dict[str, FieldForm] = {}
        self._counted = False  # the roll count's "counted" box has been filled in since the form was cleared
        self.type_combo = QComboBox()
        for code in ENTRY_TYPES:
            self.type_combo.addItem(label(code), code)
        self.prisoner = PrisonerPicker(session, tasks, optional=True)
        self.when = HappenedAt()  # "now" until the officer changes it
        self.stack = QStackedWidget()
        self.roll_label = QLabel()
        self.roll_label.setWordWrap(True)
        self.roll_label.hide()
        self.prisoner_error = QLabel()
        self.prisoner_error.setStyleSheet("color: #b00020")
        self.prisoner_error.hide()
        self.save_button = QPushButton()
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self._on_save)

        top = QFormLayout()
        self.type_caption, self.prisoner_caption, self.when_caption = QLabel(), QLabel(), QLabel()
        top.addRow(self.type_caption, self.type_combo)
        top.addRow(self.prisoner_caption, self.prisoner)
        top.addRow("", self.prisoner_error)
        top.addRow(self.when_caption, self.when)
        self.type_caption.setBuddy(self.type_combo)
        self.prisoner_caption.setBuddy(self.prisoner)
        self.when_caption.setBuddy(self.when)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.stack)
        layout.addWidget(self.roll_label)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.type_combo.currentIndexChanged.connect(self._on_type)
        self.prisoner.prisoner_changed.connect(self._on_prisoner)
        self.prisoner.loaded.connect(self._prefill_roll)
        self.retranslate_ui()
        self._on_type()

    def retranslate_ui(self) -> None:
        self.type_caption.setText(_("&Entry type"))
        self.prisoner_caption.setText(_("&Prisoner"))
        self.when_caption.setText(_("&Happened at"))
        self.type_combo.setAccessibleName(_("Entry type"))
        self.when.setAccessibleName(_("Happened at"))
        self.save_button.setText(_("&Add entry (Ctrl+Enter)"))
        self.save_button.setAccessibleName(_("Add entry"))
        for i in range(self.type_combo.count()):
            self.type_combo.setItemText(i, label(self.type_combo.itemData(i)))
        self.prisoner.retranslate_ui()
        for form in self.forms.values():
            form.retranslate_ui()
        self._update_roll()

    def refresh(self) -> None:
        self.prisoner.refresh()

    def entry_type(self) -> str:
        return str(self.type_combo.currentData())

    def set_entry_type(self, code: str) -> None:
        self.type_combo.setCurrentIndex(self.type_combo.findData(code))

    def form(self) -> FieldForm:
        code = self.entry_type()
        if code not in self.forms:
            form = FieldForm(ENTRY_FIELDS[code], choose_explicitly=True)  # no silent "Assault" or "Out"
            form.submitted.connect(self._on_save)
            form.changed.connect(self._update_roll)
            if code == "ROLL_COUNT":  # filled in: by the arrows, or typed (the same number included)
                counted = form.spin_box("counted")
                counted.valueChanged.connect(self._on_counted)
                line = counted.findChild(QLineEdit)
                if line is not None:
                    line.textEdited.connect(self._on_counted)
            self.forms[code] = form
            self.stack.addWidget(form)
        return self.forms[code]

    def _on_type(self) -> None:
        code = self.entry_type()
        self.stack.setCurrentWidget(self.form())
        self.prisoner.setEnabled(code not in NO_PRISONER)
        self.prisoner_error.hide()
        if code == "ROLL_COUNT":
            self._prefill_roll()
        self._update_roll()
        previous: QWidget = self.when  # when → every field of this entry type, in order → Add entry
        for editor in self.form().tab_chain():
            self.setTabOrder(previous, editor)
            previous = editor
        self.setTabOrder(previous, self.save_button)

    def _on_prisoner(self, prisoner_id: str) -> None:
        found = self.prisoner.prisoners.get(prisoner_id)
        if self.entry_type() == "CELL_CHANGE" and found and not self.form().value("from_cell"):
            self.form().set_value("from_cell", found.cell or "")

    def _prefill_roll(self) -> None:
        form = self.forms.get("ROLL_COUNT")
        if form is not None and form.value("expected") == 0 and self.prisoner.prisoners:
            # the roll expects who is in: everyone on the roll less those out of the wing (services.movements)
            form.set_value("expected", sum(1 for p in self.prisoner.prisoners.values() if not p.location))

    def discrepancy(self) -> int:
        form = self.forms.get("ROLL_COUNT")
        if form is None:
            return 0
        return int(form.value("counted")) - int(form.value("expected"))

    def _on_counted(self) -> None:
        self._counted = True
        self._update_roll()  # the form's own `changed` may have come first

    def _update_roll(self) -> None:
        if self.entry_type() != "ROLL_COUNT":
            self.roll_label.hide()
            return
        diff = self.discrepancy()
        if not self._counted:  # "40 prisoners missing" in red before anyone has counted would alarm for nothing
            self.roll_label.setText(_("Enter the number you counted: the difference from the roll shows here."))
            self.roll_label.setStyleSheet("")
        elif diff == 0:
            self.roll_label.setText(_("Count agrees with the roll."))
            self.roll_label.setStyleSheet("color: #1b5e20")
        else:
            text = ngettext("Discrepancy: {n} prisoner {direction}.", "Discrepancy: {n} prisoners {direction}.",
                            abs(diff)).format(n=abs(diff), direction=_("missing") if diff < 0 else _("extra"))
            if not self.form().value("resolution"):
                text += " " + _("Say how it was resolved and when; until then it stays OPEN on the log.")
            self.roll_label.setText(text)
            self.roll_label.setStyleSheet("color: #b00020; font-weight: bold")
        self.roll_label.setAccessibleName(self.roll_label.text())
        self.roll_label.show()

    def _on_save(self) -> None:
        form, code = self.form(), self.entry_type()
        self.prisoner_error.hide()
        ok = form.validate()
        values = form.values()
        prisoner_id = self.prisoner.current_id() if code not in NO_PRISONER else None
        unclear = code not in NO_PRISONER and self.prisoner.unresolved()  # typed text that is no single prisoner
        if (code in PRISONER_REQUIRED and not prisoner_id) or unclear:
            self.prisoner_error.setText(_("Choose the prisoner."))
            self.prisoner_error.show()
            ok = False
        if code == "ROLL_COUNT" and not self._counted:  # 0 left as it stood is not a count
            form.show_error(ValidationError("required", field="counted"))
            ok = False
        if code == "ROLL_COUNT" and values.get("resolved_at") and not values.get("resolution"):
            form.show_error(ValidationError("required", field="resolution"))
            ok = False
        if code == "ROLL_COUNT" and values.get("resolution") and not values.get("resolved_at"):
            values["resolved_at"] = self._now_iso()
        if not ok:
            return
        self.save_requested.emit(code, values, prisoner_id, self.when.utc_iso())

    @staticmethod
    def _now_iso() -> str:
        return py_datetime(QDateTime.currentDateTime()).astimezone().astimezone(UTC).isoformat()

    # --- kept over a lock (services.drafts) ----------------------------------------------------------------
    def draft_fields(self) -> dict[str, Any] | None:
        """The entry being written, as plain values (the form's values as JSON text); None when no words were typed
        and nothing counted."""
        code = self.entry_type()
        if not self.isEnabled() or not (self.form().has_typed_text() or (code == "ROLL_COUNT" and self._counted)):
            return None
        return {"entry_type": code, "prisoner_id": self.prisoner.current_id(), "happened_at": self.when.utc_iso(),
                "fields": json.dumps(self.form().values(), ensure_ascii=False)}

    def restore(self, fields: dict[str, Any], saved_at: str) -> None:
        """Fill the form from a kept draft (unknown types or fields are left out)."""
        code = fields.get("entry_type")
        if code in ENTRY_TYPES:
            self.set_entry_type(str(code))
        try:
            values = json.loads(str(fields.get("fields") or "{}"))
        except ValueError:
            values = {}
        if isinstance(values, dict):
            self.form().set_values(values)
            if self.entry_type() == "ROLL_COUNT" and values.get("counted"):
                self._on_counted()
        prisoner = fields.get("prisoner_id")
        self.prisoner.set_current(prisoner if isinstance(prisoner, str) else None)
        self.when.restore(fields.get("happened_at"), saved_at)

    def show_error(self, error: ValidationError) -> bool:
        return self.form().show_error(error)

    def saved(self) -> None:
        """Clear the form for the next entry, keep the type (officers often log several of one kind)."""
        self.form().clear()
        roll = self.forms.get("ROLL_COUNT")
        if roll is not None:  # the next count starts empty, not at the last one (the expected roll stays)
            counted = roll.spin_box("counted")
            counted.blockSignals(True)
            counted.setValue(0)
            counted.blockSignals(False)
        self._counted = False
        self.prisoner.set_current(None)
        self.when.reset_to_now()
        self._update_roll()
        self.type_combo.setFocus()

    def set_read_only(self, read_only: bool) -> None:
        self.setEnabled(not read_only)
