"""People named on a report, each with a role: pick a person and a role, add; remove the selected one."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wingdesk.gui.labels import code_label, field_label
from wingdesk.i18n import _


class PeopleList(QGroupBox):
    """`items()` → [{id_key: id, "role": code}]; names come from `set_choices` [(id, name)]."""

    changed = Signal()

    def __init__(self, title_field: str, id_key: str, roles: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_field, self.id_key, self.roles = title_field, id_key, roles
        self.names: dict[str, str] = {}
        self.person, self.role = QComboBox(), QComboBox()
        self.person.setEditable(True)  # type to find a name in a long roster
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.person.setMinimumContentsLength(16)
        self.add_button, self.remove_button = QPushButton(), QPushButton()
        self.list = QListWidget()
        self.list.setMaximumHeight(78)
        row = QHBoxLayout()
        row.addWidget(self.person, 3)
        row.addWidget(self.role, 2)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 4, 6, 4)
        box.addLayout(row)
        box.addWidget(self.list)
        self.add_button.clicked.connect(self._on_add)
        self.remove_button.clicked.connect(self._on_remove)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(field_label(self.title_field))
        self.person.setAccessibleName(field_label(self.title_field))
        self.role.setAccessibleName(_("Role"))
        self.add_button.setText(_("Add"))
        self.remove_button.setText(_("Remove"))
        current = self.role.currentData()
        self.role.clear()
        for code in self.roles:
            self.role.addItem(code_label(code), code)
        self.role.setCurrentIndex(max(self.role.findData(current), 0))
        self._fill(self.items())

    def set_choices(self, choices: list[tuple[str, str]]) -> None:
        self.names = dict(choices)
        self.person.clear()
        for person_id, name in choices:
            self.person.addItem(name, person_id)
        self.person.setCurrentIndex(-1)

    def items(self) -> list[dict[str, Any]]:
        found = []
        for row in range(self.list.count()):
            data = self.list.item(row).data(Qt.ItemDataRole.UserRole)
            if data:
                found.append(dict(data))
        return found

    def set_items(self, items: list[dict[str, Any]]) -> None:
        self._fill([{self.id_key: i[self.id_key], "role": i["role"]} for i in items])

    def add(self, person_id: str, role: str) -> None:
        items = [i for i in self.items() if i[self.id_key] != person_id]
        self._fill([*items, {self.id_key: person_id, "role": role}])
        self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        for widget in (self.person, self.role, self.add_button, self.remove_button):
            widget.setVisible(not read_only)

    def _fill(self, items: list[dict[str, Any]]) -> None:
        self.list.clear()
        for item in items:
            name = self.names.get(item[self.id_key], item.get("name", "?"))
            entry = QListWidgetItem(_("{name} — {role}").format(name=name, role=code_label(item["role"])))
            entry.setData(Qt.ItemDataRole.UserRole, item)
            self.list.addItem(entry)

    def _on_add(self) -> None:
        index = self.person.findText(self.person.currentText(), Qt.MatchFlag.MatchFixedString)
        person_id = self.person.itemData(index) if index >= 0 else None
        if person_id:
            self.add(str(person_id), str(self.role.currentData()))

    def _on_remove(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self.changed.emit()
