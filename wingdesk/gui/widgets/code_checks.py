"""A list-of-codes field (reasons, techniques, restraints) as a grid of check boxes."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QWidget

from wingdesk.gui.labels import code_label, field_label


class CodeChecks(QGroupBox):
    def __init__(self, field: str, codes: tuple[str, ...], columns: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.boxes = {code: QCheckBox() for code in codes}
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.setVerticalSpacing(2)
        for n, box in enumerate(self.boxes.values()):
            grid.addWidget(box, n // columns, n % columns)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(field_label(self.field))
        for code, box in self.boxes.items():
            box.setText(code_label(code))

    def values(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]

    def set_values(self, codes: list[str] | None) -> None:
        chosen = set(codes or ())
        for code, box in self.boxes.items():
            box.setChecked(code in chosen)

    def set_read_only(self, read_only: bool) -> None:
        for box in self.boxes.values():
            box.setEnabled(not read_only)
