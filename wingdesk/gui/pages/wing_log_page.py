"""The officer's shift log: start shift, accept handover, add entries, answer returned entries, submit the day."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wingdesk.domain.daily_log import DayState
from wingdesk.domain.daily_log_types import Shift
from wingdesk.domain.errors import ValidationError
from wingdesk.gui.labels import code_label as label
from wingdesk.gui.models.log_entries_model import LogEntriesModel, fit_log_columns
from wingdesk.gui.qt_values import py_date
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.when import when
from wingdesk.gui.widgets.entry_detail import EntryDetail
from wingdesk.gui.widgets.entry_editor import EntryEditor
from wingdesk.gui.widgets.message_bar import MessageBar, ask_yes_no
from wingdesk.gui.widgets.returned_panel import ReturnedPanel
from wingdesk.gui.widgets.shift_panel import ShiftPanel
from wingdesk.i18n import _, ngettext
from wingdesk.i18n.formats import format_date

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices


class WingLogPage(QWidget):
    prisoner_requested = Signal(str)

    def __init__(self, session: WingServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks = session, tasks
        self.view: Any = None
        self.confirm = ask_yes_no  # replaced in tests
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600")
        self.day_edit = QDateEdit(QDate.currentDate())
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("yyyy-MM-dd")
        self.day_edit.setMaximumDate(QDate.currentDate())
        self.day_caption = QLabel()
        self.day_caption.setBuddy(self.day_edit)
        self.state_label = QLabel()
        self.print_button = QPushButton()
        self.submit_button = QPushButton()
        self.bar = MessageBar()
        self.returned = ReturnedPanel()
        self.shift_panel = ShiftPanel()
        self.editor = EntryEditor(session, tasks)
        self.model = LogEntriesModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        fit_log_columns(self.table.horizontalHeader())
        self.detail = EntryDetail()
        self.correct_button = QPushButton()  # the selected entry, while its day is open and it is one's own
        self.correct_button.setEnabled(False)
        self._reselect: str | None = None  # entry to select again after the next load
        self._draft_saved_at: str | None = None  # an entry kept over a lock is being finished (said until added)
        self.entries_caption = QLabel()
        self._build_layout()
        self.day_edit.dateChanged.connect(self.refresh)
        self.submit_button.clicked.connect(self._on_submit)
        self.print_button.clicked.connect(self._on_print)
        self.shift_panel.start_requested.connect(self._on_start_shift)
        self.shift_panel.accept_requested.connect(self._on_accept_handover)
        self.editor.save_requested.connect(self._on_save_entry)
        self.returned.annotate_requested.connect(self._on_annotate)
        self.returned.resubmit_requested.connect(self._on_resubmit)
        self.table.selectionModel().currentRowChanged.connect(self._on_entry_selected)
        self.table.doubleClicked.connect(self._on_entry_activated)
        self.correct_button.clicked.connect(self.correct_selected)
        self.retranslate_ui()
        self.editor.refresh()

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        for widget in (self.heading, self.day_caption, self.day_edit, self.state_label):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.print_button)
        top.addWidget(self.submit_button)
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.addWidget(self.shift_panel)
        left_box.addWidget(self.editor, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(left)
        scroll.setMinimumWidth(320)
        # the form never scrolls sideways (sq cut its fields): its width follows its labels, see retranslate_ui
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._form_scroll, self._form = scroll, left
        right = QSplitter(Qt.Orientation.Vertical)
        table_box = QWidget()
        box = QVBoxLayout(table_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.entries_caption)
        box.addWidget(self.table)
        right.addWidget(table_box)
        detail_box = QWidget()
        detail_layout = QVBoxLayout(detail_box)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.detail, 1)
        correct_row = QHBoxLayout()
        correct_row.addStretch(1)
        correct_row.addWidget(self.correct_button)
        detail_layout.addLayout(correct_row)
        right.addWidget(detail_box)
        right.setSizes([400, 180])
        self.tabs = QTabWidget()
        self.tabs.addTab(right, "")
        self.tabs.addTab(self.returned, "")
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(scroll)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([330, 870])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.bar)
        layout.addWidget(splitter, 1)
        self.setTabOrder(self.day_edit, self.shift_panel)

    def title(self) -> str:
        return _("Wing log")

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Wing log — {wing}").format(wing=self.session.wing))
        self.day_caption.setText(_("&Day"))
        self.day_edit.setAccessibleName(_("Log day"))
        self.print_button.setText(_("&Print day…"))
        self.print_button.setAccessibleName(_("Print day"))
        self.submit_button.setText(_("S&ubmit day for review"))
        self.submit_button.setAccessibleName(_("Submit day for review"))
        self.correct_button.setText(_("&Correct entry…"))
        self.correct_button.setAccessibleName(_("Correct the selected entry"))
        self.table.setAccessibleName(_("Entries of the day"))
        self.tabs.setTabText(0, _("Entries of the day"))
        self._show_returned_tab()
        for widget in (self.shift_panel, self.editor, self.returned, self.detail):
            widget.retranslate_ui()
        bar = self._form_scroll.verticalScrollBar().sizeHint().width()
        self._form_scroll.setMinimumWidth(min(440, max(320, self._form.minimumSizeHint().width() + bar + 4)))
        self._show_view()

    # --- loading ---------------------------------------------------------------------------------
    def day(self) -> str:
        return py_date(self.day_edit.date()).isoformat()

    def refresh(self) -> None:
        day, logs = self.day(), self.session.logs
        self.tasks.run(lambda: (logs.day(day), logs.returned_entries()), self._on_loaded, self._on_failed)

    def _on_loaded(self, result: tuple[Any, list[Any]]) -> None:
        self.view, returned = result
        self.returned.set_items(returned)
        self._show_returned_tab()
        returned_ids = {r.id for _d, r in returned}
        self.model.set_rows(self.view.entries, self.editor.prisoner.names(), returned_ids)
        self._show_view()
        reselect, self._reselect = self._reselect, None
        row = self.model.row_of(reselect) if reselect else -1
        if row >= 0:  # the corrected entry again, now with its correction
            self.table.selectRow(row)

    def _show_returned_tab(self) -> None:
        count = len(self.returned.items)
        self.tabs.setTabText(1, ngettext("Returned for correction ({n})", "Returned for correction ({n})",
                                         count).format(n=count))
        self.tabs.setTabVisible(1, count > 0)

    def _on_failed(self, error: BaseException) -> None:
        self.bar.show_error(error)

    def my_shift(self) -> Shift | None:
        if self.view is None:
            return None
        mine = [s for s in self.view.shifts if s.officer_id == self.session.user.id]
        return mine[-1] if mine else None

    def is_open(self) -> bool:
        return self.view is not None and self.view.day.state is DayState.OPEN

    def _show_view(self) -> None:
        if self.view is None:
            self.entries_caption.setText("")
            return
        state, count = self.view.day.state, len(self.view.entries)
        self.state_label.setText(_("State: {state}").format(state=label(str(state))))
        self.entries_caption.setText(ngettext("{n} entry on {day}", "{n} entries on {day}", count).format(
            n=count, day=format_date(self.view.day.day)))
        editable = self.is_open()
        self.shift_panel.set_shift(self.my_shift(), editable=editable)
        self.editor.set_read_only(not (editable and self.shift_panel.ready()))
        self.submit_button.setEnabled(editable and count > 0)
        self._update_correct_button()
        if not editable:
            self.bar.show_info(_("This day's log is {state}: it is read-only.").format(state=label(str(state))))
        elif self._draft_saved_at is not None:  # first: the half-written entry is right there in the form
            self._show_draft_note()
        elif self.returned.items and self.bar.kind in ("", "info"):
            self.bar.show_info(ngettext("{n} entry was returned for correction: see the tab on the right.",
                                        "{n} entries were returned for correction: see the tab on the right.",
                                        len(self.returned.items)).format(n=len(self.returned.items)))
        elif self.bar.kind == "info":
            self.bar.clear_message()

    # --- actions ---------------------------------------------------------------------------------
    def _run(self, work: Any, done: Any = None) -> None:
        self.bar.clear_message()
        self.tasks.run(work, done or (lambda _r: self.refresh()), self._on_failed)

    def _on_start_shift(self, shift: str) -> None:
        day, logs = self.day(), self.session.logs
        self._run(lambda: logs.start_shift(shift, day))

    def _on_accept_handover(self, shift_id: str, values: dict[str, Any]) -> None:
        logs = self.session.logs
        self.tasks.run(lambda: logs.accept_handover(shift_id, **values), self._on_handover_done, self._on_form_error)

    def _on_handover_done(self, _record: Any) -> None:
        self.bar.show_ok(_("Handover accepted. You can now add entries."))
        self.refresh()
        self.editor.type_combo.setFocus()

    def _on_save_entry(self, entry_type: str, values: dict[str, Any], prisoner_id: Any, occurred_at: str) -> None:
        logs, day, shift = self.session.logs, self.day(), self.my_shift()
        shift_id = shift.id if shift else None
        self.tasks.run(lambda: logs.add_entry(entry_type, values, prisoner_id=prisoner_id, occurred_at=occurred_at,
                                              shift_id=shift_id, day=day), self._on_entry_saved, self._on_form_error)

    def _on_entry_saved(self, record: Any) -> None:
        self._draft_saved_at = None
        self.editor.saved()
        self.bar.show_ok(_("Entry added: {type}.").format(type=label(str(record.body.get("entry_type", "")))))
        self.refresh()

    def _on_form_error(self, error: BaseException) -> None:
        shown = isinstance(error, ValidationError) and (self.editor.show_error(error)
                                                        or self.shift_panel.handover.show_error(error))
        if not shown:
            self.bar.show_error(error)

    def _on_submit(self) -> None:
        day = self.day()
        if not self.confirm(self, _("Submit day"), _("Submit the log of {day} for review? Entries cannot be "
                                                     "changed afterwards.").format(day=format_date(day)),
                            _("Submit")):
            return
        logs = self.session.logs
        self._run(lambda: logs.submit_day(day), self._on_submitted)

    def _on_submitted(self, _state: Any) -> None:
        self.refresh()
        self.bar.show_ok(_("The day was submitted for review."))

    def _on_annotate(self, entry_id: str, text: str) -> None:
        logs = self.session.logs
        self._run(lambda: logs.annotate_entry(entry_id, text), self._on_annotated)

    def _on_annotated(self, _note: Any) -> None:
        self.returned.annotated()
        self.bar.show_ok(_("Annotation added. Resubmit the day when every returned entry is answered."))
        self.refresh()

    def _on_resubmit(self, day: str) -> None:
        logs = self.session.logs
        self._run(lambda: logs.resubmit_day(day), self._on_resubmitted)

    def _on_resubmitted(self, _state: Any) -> None:
        self.refresh()
        self.bar.show_ok(_("The day was resubmitted for review."))

    def restore_draft(self, fields: dict[str, Any], saved_at: str) -> None:
        """Put back the entry this officer was writing when the session locked (services.drafts)."""
        self.editor.restore(fields, saved_at)
        self._draft_saved_at = saved_at
        self._show_draft_note()

    def _show_draft_note(self) -> None:
        if self._draft_saved_at is not None:
            self.bar.show_info(_("You were writing this entry when WingDesk locked ({when}). Finish it and add it "
                                 "to the log.").format(when=when(self._draft_saved_at)))

    def _on_print(self) -> None:
        from wingdesk.gui.printing import print_day

        print_day(self.session, self.tasks, self.day(), self)

    def _on_entry_selected(self, current: Any, _previous: Any) -> None:
        record = self.model.record(current.row())
        name = self.editor.prisoner.names().get(record.prisoner_id or "", "") if record else ""
        self.detail.show_record(record, name)
        self._update_correct_button()

    def _selected(self) -> Any:
        index = self.table.selectionModel().currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def _update_correct_button(self) -> None:
        record = self._selected()
        self.correct_button.setEnabled(
            self.is_open() and record is not None and record.author_id == self.session.user.id)

    def correct_selected(self) -> None:
        """Add a correction below the selected entry (services.wing_log.correct_entry); the original stays."""
        record = self._selected()
        if record is None or not self.correct_button.isEnabled():
            return
        from wingdesk.gui.dialogs.correction_dialog import CorrectionDialog

        name = self.editor.prisoner.names().get(record.prisoner_id or "", "")
        dialog = CorrectionDialog(self.session, self.tasks, record, name, self)
        dialog.accepted.connect(self._on_corrected)
        dialog.finished.connect(dialog.deleteLater)
        self._correction_dialog = dialog
        dialog.open()

    def _on_corrected(self) -> None:
        self.bar.show_ok(_("Correction added below the entry."))
        selected = self._selected()
        self._reselect = selected.id if selected is not None else None
        self.refresh()

    def _on_entry_activated(self, index: Any) -> None:
        record = self.model.record(index.row())
        if record and record.prisoner_id and index.column() == LogEntriesModel.PRISONER:
            self.prisoner_requested.emit(record.prisoner_id)
