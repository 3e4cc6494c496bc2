"""Edit a list of small records (plan needs, steps, reviews): a table plus Add / Edit / Remove through a FieldForm."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wingdesk.domain.schema import Field
from wingdesk.gui.entry_text import format_value
from wingdesk.gui.labels import field_label
from wingdesk.gui.widgets.field_form import FieldForm
from wingdesk.gui.widgets.no_copy import NoCopyTable
from wingdesk.i18n import _


class ItemDialog(QDialog):
    def __init__(self, fields: tuple[Field, ...], title: str, values: dict[str, Any] | None,
                 parent: QWidget | None = None, *, copyable: bool = True) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = FieldForm(fields, copyable=copyable)
        if values:
            self.form.set_values(values)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        self.form.submitted.connect(self._on_ok)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def _on_ok(self) -> None:
        if self.form.validate():
            self.accept()

    def values(self) -> dict[str, Any]:
        return {k: v for k, v in self.form.values().items() if v not in (None, "")}


class ListEditor(QWidget):
    def __init__(self, fields: tuple[Field, ...], columns: tuple[str, ...], item_title: str,
                 parent: QWidget | None = None, *, copyable: bool = True) -> None:
        """`copyable=False` for clinical lists (the plan's needs, steps and reviews): no copying from the table or
        the item form."""
        super().__init__(parent)
        self.fields, self.columns, self.item_title, self.copyable = fields, columns, item_title, copyable
        self._items: list[dict[str, Any]] = []
        self.table = QTableWidget(0, len(columns)) if copyable else NoCopyTable(0, len(columns))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # free text gets the room; codes, dates and statuses their contents (all stretched, a goal showed "Keep ...")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        kinds = {f.name: f.kind for f in fields}
        wide = [i for i, c in enumerate(columns) if kinds.get(c) == "text"] or [len(columns) - 1]
        for column in wide:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._on_edit)
        self.add_button, self.edit_button, self.remove_button = QPushButton(), QPushButton(), QPushButton()
        self.add_button.clicked.connect(self._on_add)
        self.edit_button.clicked.connect(self._on_edit)
        self.remove_button.clicked.connect(self._on_remove)
        buttons = QVBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.dialog_hook: Any = None  # tests may set a function(dialog) -> bool instead of exec()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.table.setHorizontalHeaderLabels([field_label(c) for c in self.columns])
        self.table.setAccessibleName(self.item_title)
        self.add_button.setText(_("Add…"))
        self.edit_button.setText(_("Edit…"))
        self.remove_button.setText(_("Remove"))
        for button, what in ((self.add_button, _("Add")), (self.edit_button, _("Edit")),
                             (self.remove_button, _("Remove"))):
            button.setAccessibleName(_("{action}: {what}").format(action=what, what=self.item_title))
        self._fill()

    def items(self) -> list[dict[str, Any]]:
        return [dict(i) for i in self._items]

    def set_items(self, items: list[dict[str, Any]]) -> None:
        self._items = [dict(i) for i in items]
        self._fill()

    def add_item(self, values: dict[str, Any]) -> None:
        self._items.append(dict(values))
        self._fill()

    def _fill(self) -> None:
        kinds = {f.name: f.kind for f in self.fields}
        self.table.setRowCount(len(self._items))
        for row, item in enumerate(self._items):
            for col, name in enumerate(self.columns):
                text = format_value(kinds.get(name, "line"), item.get(name))
                cell = QTableWidgetItem(" ".join(text.split()))
                cell.setToolTip(text)
                self.table.setItem(row, col, cell)

    def set_read_only(self, read_only: bool) -> None:
        for button in (self.add_button, self.edit_button, self.remove_button):
            button.setVisible(not read_only)

    def _run(self, values: dict[str, Any] | None) -> dict[str, Any] | None:
        # a code no longer offered (a retired intervention) stays choosable on the item that already holds it
        fields = tuple(replace(f, choices=(*f.choices, values[f.name]))
                       if f.kind == "choice" and values and isinstance(values.get(f.name), str) and values[f.name]
                       and values[f.name] not in f.choices else f for f in self.fields)
        dialog = ItemDialog(fields, self.item_title, values, self, copyable=self.copyable)
        accepted = self.dialog_hook(dialog) if self.dialog_hook else dialog.exec() == QDialog.DialogCode.Accepted
        result = dialog.values() if accepted else None
        dialog.deleteLater()
        return result

    def _on_add(self) -> None:
        values = self._run(None)
        if values:
            self.add_item(values)

    def _on_edit(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self._items):
            values = self._run(self._items[row])
            if values:
                self._items[row] = values
                self._fill()

    def _on_remove(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self._items):
            del self._items[row]
            self._fill()
