"""The prisoner roster: instant search (debounced), filters, SQL sorting, paged loading for large wings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wingdesk.domain.people import PrisonerFilter
from wingdesk.gui.labels import error_text
from wingdesk.gui.models.prisoners_table_model import PrisonersTableModel
from wingdesk.gui.tasks import TaskRunner
from wingdesk.i18n import _, current_language, ngettext
from wingdesk.services.policy import Action, Resource, scope_for

if TYPE_CHECKING:
    from wingdesk.gui.dialogs.admission_dialog import AdmissionDialog
    from wingdesk.services.wing import WingServices

DEBOUNCE_MS = 250


class PrisonersPage(QWidget):
    prisoner_requested = Signal(str)

    def __init__(self, session: WingServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks = session, tasks
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._schedule)
        self.search_edit.returnPressed.connect(self._focus_table)
        self.search_edit.installEventFilter(self)
        self.young_box, self.female_box = QCheckBox(), QCheckBox()
        self.first_time_box, self.alerts_box = QCheckBox(), QCheckBox()
        self.boxes = (self.young_box, self.female_box, self.first_time_box, self.alerts_box)
        for box in self.boxes:
            box.toggled.connect(self.apply_filter)
        self.admit_button = QPushButton()  # admission at the wing (supervisors), gui.dialogs.admission_dialog
        self.admit_button.clicked.connect(self.open_admission)
        self.admit_button.setVisible(scope_for(session.user.role, Action.CREATE, Resource.PRISONER) is not None)
        self.count_label = QLabel()
        self.count_label.setAccessibleName(_("Number of prisoners shown"))
        self.model = PrisonersTableModel(session, tasks, self)
        self.model.counted.connect(self._on_counted)
        self.model.failed.connect(self._on_failed)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((100, 190, 160, 60, 110, 230)):
            self.table.setColumnWidth(column, width)
        header.setSortIndicator(1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.activated.connect(self._on_activated)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.apply_filter)
        filters = QHBoxLayout()
        for box in self.boxes:
            filters.addWidget(box)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.admit_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.search_edit)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        self.retranslate_ui()

    def title(self) -> str:
        return _("Prisoners")

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Prisoners on {wing}").format(wing=self.session.wing))
        self.admit_button.setText(_("&Admit a prisoner…"))
        self.search_edit.setPlaceholderText(_("Search by name, number or cell"))
        self.search_edit.setAccessibleName(_("Search prisoners"))
        for box, text in zip(self.boxes, (_("&Young adults"), _("&Women"), _("&First time in custody"),
                                          _("With &alerts")), strict=True):
            box.setText(text)
            box.setAccessibleName(text.replace("&", ""))
        self.table.setAccessibleName(_("Prisoners"))
        self.model.retranslate()
        self._on_counted(self.model.count)
        if self.model.filter.language != current_language() and self.model.count:
            self.apply_filter()  # names sort in the new language's alphabet

    def current_filter(self) -> PrisonerFilter:
        return PrisonerFilter(text=self.search_edit.text().strip(), young=self.young_box.isChecked(),
                              female=self.female_box.isChecked(), first_time=self.first_time_box.isChecked(),
                              with_alerts=self.alerts_box.isChecked(), sort=self.model.filter.sort,
                              descending=self.model.filter.descending, language=current_language())

    def refresh(self) -> None:
        self.apply_filter()

    def _schedule(self) -> None:
        self.timer.start()

    def apply_filter(self) -> None:
        self.timer.stop()
        self.model.set_filter(self.current_filter())

    def _on_counted(self, count: int) -> None:
        self.count_label.setText(ngettext("{n} prisoner", "{n} prisoners", count).format(n=count))

    def _on_failed(self, error: BaseException) -> None:
        self.count_label.setText(error_text(error))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Down arrow in the search box moves into the list (keyboard-first)."""
        if watched is self.search_edit and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress \
                and event.key() == Qt.Key.Key_Down:
            self._focus_table()
            return True
        return super().eventFilter(watched, event)

    def _focus_table(self) -> None:
        self.table.setFocus()
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.selectRow(0)

    def _on_activated(self, index: Any) -> None:
        prisoner_id = self.model.prisoner_id(index.row())
        if prisoner_id:
            self.prisoner_requested.emit(prisoner_id)

    def open_admission(self) -> AdmissionDialog:
        from wingdesk.gui.dialogs.admission_dialog import AdmissionDialog

        dialog = AdmissionDialog(self.session, self.tasks, self)
        dialog.admitted.connect(self._on_admitted)
        dialog.open()
        return dialog

    def _on_admitted(self, prisoner: Any) -> None:
        self.apply_filter()
        self.prisoner_requested.emit(prisoner.id)

    def current_prisoner_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.prisoner_id(index.row()) if index.isValid() else None
