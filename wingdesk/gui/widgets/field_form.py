"""A form generated from a tuple of domain.schema.Field, with inline validation errors per field."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, Qt, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from wingdesk.domain.errors import ValidationError
from wingdesk.domain.schema import Field
from wingdesk.gui.labels import code_label as label
from wingdesk.gui.labels import error_text, field_label
from wingdesk.gui.qt_values import py_date, py_datetime
from wingdesk.gui.widgets.no_copy import NoCopyLineEdit, NoCopyTextEdit
from wingdesk.i18n import _

_UNSET_DATE = QDate(1900, 1, 1)
_ERROR_STYLE = "color: #b00020"


class FieldForm(QWidget):
    """Builds one editor per field; Ctrl+Enter emits `submitted`. Lists are not edited here."""

    submitted = Signal()
    changed = Signal()

    def __init__(self, fields: tuple[Field, ...], parent: QWidget | None = None, *, copyable: bool = True,
                 choose_explicitly: bool = False) -> None:
        """`copyable=False` for clinical text (the treatment plan): its text boxes cannot be copied from.
        `choose_explicitly=True` where no choice is a safe default (a log entry's incident type, a movement's
        direction): required lists start, and after `clear` start again, empty, so saving asks for a choice."""
        super().__init__(parent)
        self.copyable, self.choose_explicitly = copyable, choose_explicitly
        self.fields = tuple(f for f in fields if f.kind != "list")
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self._labels: dict[str, QLabel] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(self.form)
        # rows keep their own height: in a taller page of a stack (the entry editor's) a text box would otherwise
        # float in the middle of a stretched row, away from its label
        outer.addStretch(1)
        for spec in self.fields:
            editor = self._make_editor(spec)
            error = QLabel()
            error.setStyleSheet(_ERROR_STYLE)
            error.setWordWrap(True)
            error.hide()
            holder = QWidget()
            box = QVBoxLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(1)
            box.addWidget(editor)
            box.addWidget(error)
            caption = QLabel()
            caption.setBuddy(editor)
            self.form.addRow(caption, holder)
            self.editors[spec.name], self.errors[spec.name], self._labels[spec.name] = editor, error, caption
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(key), self, self.submitted.emit,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        editors = list(self.editors.values())
        for before, after in zip(editors, editors[1:], strict=False):
            self.setTabOrder(before, after)  # field order, whatever was created in between
        self._tab_leaves = TabLeaves(self)
        for editor in editors:
            if isinstance(editor, QDateTimeEdit):  # QDateEdit too
                editor.installEventFilter(self._tab_leaves)
        self.retranslate_ui()

    def _make_editor(self, spec: Field) -> QWidget:
        editor: QWidget
        if spec.kind == "choice":
            editor = QComboBox()
            if not spec.required or self.choose_explicitly:
                editor.addItem("", None)
            for code in spec.choices:
                editor.addItem(label(code), code)
            editor.currentIndexChanged.connect(self.changed)
        elif spec.kind == "int":
            editor = QSpinBox()
            editor.setRange(spec.minimum if spec.minimum is not None else -1_000_000, 1_000_000)
            editor.valueChanged.connect(self.changed)
        elif spec.kind == "bool":
            editor = QCheckBox()
            editor.toggled.connect(self.changed)
        elif spec.kind == "date":
            editor = QDateEdit()
            editor.setCalendarPopup(True)
            editor.setDisplayFormat("yyyy-MM-dd")
            if not spec.required:
                editor.setMinimumDate(_UNSET_DATE)
                editor.setSpecialValueText(" ")
                editor.setDate(_UNSET_DATE)
            else:
                editor.setDate(QDate.currentDate())
        elif spec.kind == "datetime":
            editor = QDateTimeEdit()
            editor.setCalendarPopup(True)
            editor.setDisplayFormat("yyyy-MM-dd HH:mm")
            if not spec.required:
                editor.setMinimumDateTime(QDateTime(_UNSET_DATE, QTime(0, 0)))
                editor.setSpecialValueText(" ")
                editor.setDateTime(editor.minimumDateTime())
            else:
                editor.setDateTime(QDateTime.currentDateTime())
        elif spec.kind == "text":
            editor = QPlainTextEdit() if self.copyable else NoCopyTextEdit()
            editor.setTabChangesFocus(True)
            editor.setMinimumHeight(54)
            editor.setMaximumHeight(90)
            editor.textChanged.connect(self.changed)
        else:
            editor = QLineEdit() if self.copyable else NoCopyLineEdit()
            editor.setMaxLength(spec.max_len or 200)
            editor.textChanged.connect(self.changed)
            editor.returnPressed.connect(self.submitted)
        return editor

    def retranslate_ui(self) -> None:
        for spec in self.fields:
            text = field_label(spec.name)
            self._labels[spec.name].setText(_("{label} *").format(label=text) if spec.required else text)
            editor = self.editors[spec.name]
            editor.setAccessibleName(text)
            if isinstance(editor, QComboBox):
                for i in range(editor.count()):
                    code = editor.itemData(i)
                    if code:
                        editor.setItemText(i, label(code))

    # --- values ----------------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        return {spec.name: self.value(spec.name) for spec in self.fields}

    def spin_box(self, name: str) -> QSpinBox:
        """The number editor of field `name` (TypeError when that field has another kind of editor)."""
        editor = self.editors[name]
        if not isinstance(editor, QSpinBox):
            raise TypeError(f"field {name} has no number editor")
        return editor

    def value(self, name: str) -> Any:
        editor = self.editors[name]
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QSpinBox):
            return editor.value()
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QDateTimeEdit) and not isinstance(editor, QDateEdit):
            if editor.dateTime() == editor.minimumDateTime() and editor.specialValueText():
                return None
            moment = py_datetime(editor.dateTime())
            return moment.astimezone().astimezone(UTC).isoformat()
        if isinstance(editor, QDateEdit):
            if editor.date() == _UNSET_DATE and editor.specialValueText():
                return None
            return py_date(editor.date()).isoformat()
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText().strip()
        if isinstance(editor, QLineEdit):
            return editor.text().strip()
        return None

    def set_values(self, values: dict[str, Any]) -> None:
        for name, value in values.items():
            if name in self.editors:
                self.set_value(name, value)

    def set_value(self, name: str, value: Any) -> None:
        editor = self.editors[name]
        if isinstance(editor, QComboBox):
            index = editor.findData(value)
            editor.setCurrentIndex(max(index, 0))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value or 0))
        elif isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QDateEdit):
            editor.setDate(_qdate(date.fromisoformat(value[:10])) if value else _UNSET_DATE)
        elif isinstance(editor, QDateTimeEdit):
            if value:
                moment = datetime.fromisoformat(str(value).replace("Z", "+00:00")).astimezone()
                editor.setDateTime(QDateTime(_qdate(moment), QTime(moment.hour, moment.minute, moment.second)))
            else:
                editor.setDateTime(editor.minimumDateTime())
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(value or "")
        elif isinstance(editor, QLineEdit):
            editor.setText(value or "")

    def has_typed_text(self) -> bool:
        """Some text box of the form holds words (what is worth keeping of a half-written entry)."""
        return any(isinstance(e, QPlainTextEdit) and e.toPlainText().strip() or isinstance(e, QLineEdit)
                   and e.text().strip() for e in self.editors.values())

    def clear(self) -> None:
        for spec in self.fields:
            editor = self.editors[spec.name]
            if isinstance(editor, (QPlainTextEdit, QLineEdit)):
                editor.clear()
            elif isinstance(editor, QCheckBox):
                editor.setChecked(False)
            elif isinstance(editor, QDateTimeEdit) and not spec.required:
                editor.setDateTime(editor.minimumDateTime())
            elif isinstance(editor, QComboBox) and self.choose_explicitly:
                editor.setCurrentIndex(0)
        self.clear_errors()

    def set_read_only(self, read_only: bool) -> None:
        for editor in self.editors.values():
            if isinstance(editor, (QLineEdit, QPlainTextEdit)):
                editor.setReadOnly(read_only)
            else:
                editor.setEnabled(not read_only)

    # --- validation ------------------------------------------------------------------------------
    def validate(self) -> bool:
        """Check every field against its spec; show the first problem of each field inline."""
        self.clear_errors()
        ok = True
        for spec in self.fields:
            try:
                spec.clean(self.value(spec.name))
            except ValidationError as error:
                self.show_error(error)
                ok = False
        return ok

    def show_error(self, error: ValidationError) -> bool:
        """Show a service validation error under its field; False when the field is not on this form."""
        name = str(error.params.get("field", ""))
        if name not in self.errors:
            return False
        self.errors[name].setText(error_text(error))
        self.errors[name].show()
        self.editors[name].setFocus()
        return True

    def clear_errors(self) -> None:
        for label_widget in self.errors.values():
            label_widget.hide()
            label_widget.clear()

    def first_editor(self) -> QWidget | None:
        return self.editors[self.fields[0].name] if self.fields else None

    def tab_chain(self) -> list[QWidget]:
        """The editors in field order (what Tab walks through)."""
        return list(self.editors.values())


class TabLeaves(QObject):
    """Event filter for date and time boxes: Tab goes on to the next field, Shift+Tab back (Left/Right and the arrow
    keys still move within the box). Qt's own Tab steps through the date's parts, and in a box showing no date
    never leaves it: keyboard-only entry must never be stuck."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.KeyPress and isinstance(watched, QWidget):
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)  # type: ignore[attr-defined]
                _focus_neighbour(watched, forward=key == Qt.Key.Key_Tab and not shift)
                return True
        return super().eventFilter(watched, event)


def _focus_neighbour(widget: QWidget, forward: bool) -> None:
    """Give the focus to the next (or previous) widget in the focus chain that takes it from Tab."""
    step = widget.nextInFocusChain if forward else widget.previousInFocusChain
    candidate = step()
    while candidate is not None and candidate is not widget:
        takes_tab = bool(candidate.focusPolicy() & Qt.FocusPolicy.TabFocus)
        if takes_tab and candidate.isEnabled() and candidate.isVisible() and candidate.focusProxy() is None:
            candidate.setFocus(Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason)
            return
        candidate = candidate.nextInFocusChain() if forward else candidate.previousInFocusChain()


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
