"""Start a shift (early, late, night), then accept the handover from the outgoing officer."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from wingdesk.domain import codes
from wingdesk.domain.daily_log_types import Shift
from wingdesk.domain.kinds.wing_log import ENTRY_FIELDS
from wingdesk.gui.labels import code_label as label
from wingdesk.gui.widgets.field_form import FieldForm
from wingdesk.i18n import _
from wingdesk.i18n.formats import format_time

HANDOVER_FIELDS = tuple(f for f in ENTRY_FIELDS["HANDOVER"] if f.name != "incoming_officer")


class ShiftPanel(QGroupBox):
    start_requested = Signal(str)
    accept_requested = Signal(str, dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shift: Shift | None = None
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.shift_combo = QComboBox()
        for code in codes.SHIFTS:
            self.shift_combo.addItem(label(code), code)
        self.start_button = QPushButton()
        self.start_button.clicked.connect(self._on_start)
        self.start_row = QWidget()
        row = QHBoxLayout(self.start_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.shift_caption = QLabel()
        self.shift_caption.setBuddy(self.shift_combo)
        row.addWidget(self.shift_caption)
        row.addWidget(self.shift_combo)
        row.addWidget(self.start_button)
        row.addStretch(1)
        self.handover = FieldForm(HANDOVER_FIELDS)
        self.handover.submitted.connect(self._on_accept)
        self.accept_button = QPushButton()
        self.accept_button.clicked.connect(self._on_accept)
        self.handover_box = QWidget()
        box = QVBoxLayout(self.handover_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.handover)
        accept_row = QHBoxLayout()
        accept_row.addStretch(1)
        accept_row.addWidget(self.accept_button)
        box.addLayout(accept_row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.start_row)
        layout.addWidget(self.handover_box)
        self.retranslate_ui()
        self.set_shift(None, editable=True)

    def retranslate_ui(self) -> None:
        self.setTitle(_("Your shift"))
        self.shift_caption.setText(_("&Shift"))
        self.shift_combo.setAccessibleName(_("Shift"))
        for i in range(self.shift_combo.count()):
            self.shift_combo.setItemText(i, label(self.shift_combo.itemData(i)))
        self.start_button.setText(_("S&tart shift"))
        self.start_button.setAccessibleName(_("Start shift"))
        self.accept_button.setText(_("Accept &handover (Ctrl+Enter)"))
        self.accept_button.setAccessibleName(_("Accept handover"))
        self.handover.retranslate_ui()
        self._show_status()

    def set_shift(self, shift: Shift | None, editable: bool) -> None:
        self.shift = shift
        self.start_row.setVisible(editable and shift is None)
        self.handover_box.setVisible(editable and shift is not None and shift.accepted_at is None)
        self._show_status()

    def _show_status(self) -> None:
        shift = self.shift
        if shift is None:
            self.status.setText(_("Step 1: start your shift. Step 2: accept the handover. Then add entries."))
        elif shift.accepted_at is None:
            self.status.setText(_("{shift} started at {time}. Now accept the handover: who hands over, the "
                                  "roll, open issues, prisoners of concern, keys.").format(
                shift=label(shift.shift), time=format_time(shift.started_at)))
        else:
            self.status.setText(_("{shift} started at {time}; handover accepted at {accepted}.").format(
                shift=label(shift.shift), time=format_time(shift.started_at),
                accepted=format_time(shift.accepted_at)))

    def ready(self) -> bool:
        return self.shift is not None and self.shift.accepted_at is not None

    def _on_start(self) -> None:
        self.start_requested.emit(str(self.shift_combo.currentData()))

    def _on_accept(self) -> None:
        if self.shift is None or not self.handover.validate():
            return
        self.accept_requested.emit(self.shift.id, self.handover.values())
