"""The supervisor's daily review: queue of submitted days, return an entry with a comment, countersign, verify."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wingdesk.domain.daily_log import AWAITING_REVIEW, RETURNABLE
from wingdesk.gui.dialogs.confirm_password import ask_password
from wingdesk.gui.labels import code_label as label
from wingdesk.gui.models.log_entries_model import LogEntriesModel, fit_log_columns
from wingdesk.gui.prisoner_names import prisoner_label
from wingdesk.gui.signers import check_text, signer_names
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.widgets.entry_detail import EntryDetail
from wingdesk.gui.widgets.message_bar import MessageBar
from wingdesk.i18n import _
from wingdesk.i18n.formats import format_date

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices


class ReviewPage(QWidget):
    prisoner_requested = Signal(str)

    def __init__(self, session: WingServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks = session, tasks
        self.ask_password = ask_password  # replaced in tests that do not drive the dialog
        self.view: Any = None
        self.names: dict[str, str] = {}
        self.signers: dict[str, str] = {}
        self.checks: list[Any] = []
        self.queue_caption, self.recent_caption = QLabel(), QLabel()
        self.queue, self.recent = QListWidget(), QListWidget()
        self.queue_caption.setBuddy(self.queue)
        self.recent_caption.setBuddy(self.recent)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: 600")
        self.heading.setWordWrap(True)
        self.bar = MessageBar()
        self.model = LogEntriesModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        fit_log_columns(self.table.horizontalHeader())
        self.detail = EntryDetail()
        self.comment = QPlainTextEdit()
        self.comment.setTabChangesFocus(True)
        self.comment.setMaximumHeight(70)
        self.comment_caption = QLabel()
        self.comment_caption.setBuddy(self.comment)
        self.return_button = QPushButton()
        self.sign_box = QGroupBox()
        self.sign_status = QLabel()
        self.sign_status.setWordWrap(True)
        self.verify_button, self.sign_button, self.print_button = QPushButton(), QPushButton(), QPushButton()
        self._build_layout()
        self.queue.currentItemChanged.connect(self._on_day_picked)
        self.recent.currentItemChanged.connect(self._on_day_picked)
        self.table.selectionModel().currentRowChanged.connect(self._on_entry_selected)
        self.return_button.clicked.connect(self._on_return)
        self.sign_button.clicked.connect(self._on_countersign)
        self.verify_button.clicked.connect(self.verify)
        self.print_button.clicked.connect(self._on_print)
        self.retranslate_ui()

    def _build_layout(self) -> None:
        left = QWidget()
        left_box = QVBoxLayout(left)
        for widget in (self.queue_caption, self.queue, self.recent_caption, self.recent):
            left_box.addWidget(widget)
        left.setMaximumWidth(260)
        sign = QVBoxLayout(self.sign_box)
        sign.addWidget(self.sign_status)
        sign_row = QHBoxLayout()
        sign_row.addWidget(self.verify_button)
        sign_row.addWidget(self.print_button)
        sign_row.addStretch(1)
        sign_row.addWidget(self.sign_button)
        sign.addLayout(sign_row)
        ret_row = QHBoxLayout()
        ret_row.addWidget(self.comment, 1)
        ret_row.addWidget(self.return_button, 0, Qt.AlignmentFlag.AlignBottom)
        lower = QWidget()
        lower_box = QVBoxLayout(lower)
        lower_box.setContentsMargins(0, 0, 0, 0)
        lower_box.addWidget(self.detail, 1)
        lower_box.addWidget(self.comment_caption)
        lower_box.addLayout(ret_row)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setSizes([330, 300])
        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        right_box.addWidget(self.heading)
        right_box.addWidget(self.bar)
        right_box.addWidget(split, 1)
        right_box.addWidget(self.sign_box)
        layout = QHBoxLayout(self)
        layout.addWidget(left)
        layout.addWidget(right, 1)

    def title(self) -> str:
        return _("Daily review")

    def retranslate_ui(self) -> None:
        self.queue_caption.setText(_("&Waiting for review"))
        self.recent_caption.setText(_("Recent &days"))
        self.queue.setAccessibleName(_("Days waiting for review"))
        self.recent.setAccessibleName(_("Recent days"))
        self.table.setAccessibleName(_("Entries of the day"))
        self.comment_caption.setText(_("&Comment for the officer (required to return an entry)"))
        self.comment.setAccessibleName(_("Comment for the officer"))
        self.return_button.setText(_("&Return entry"))
        self.return_button.setAccessibleName(_("Return entry with comment"))
        self.sign_box.setTitle(_("Countersignature"))
        self.verify_button.setText(_("&Verify signatures"))
        self.verify_button.setAccessibleName(_("Verify signatures"))
        self.print_button.setText(_("&Print day…"))
        self.print_button.setAccessibleName(_("Print day"))
        self.sign_button.setText(_("Countersig&n day…"))
        self.sign_button.setAccessibleName(_("Countersign day"))
        self.detail.retranslate_ui()
        self._show_view()

    # --- loading ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        logs, session = self.session.logs, self.session

        def load() -> tuple[list[Any], list[Any], dict[str, str], dict[str, str]]:
            names = {p.id: prisoner_label(p)
                     for p in session.prisoners.page(limit=1000)}
            return logs.review_queue(), logs.recent_days(), names, signer_names(session)

        self.tasks.run(load, self._on_lists, self.bar.show_error)

    def _fill(self, widget: QListWidget, days: list[Any]) -> None:
        keep = self.current_day()
        widget.blockSignals(True)
        widget.clear()
        for d in days:
            item = QListWidgetItem(_("{day} · {state}").format(day=format_date(d.day), state=label(str(d.state))))
            item.setData(Qt.ItemDataRole.UserRole, d.day)
            widget.addItem(item)
            if d.day == keep:
                widget.setCurrentItem(item)
        widget.blockSignals(False)

    def _on_lists(self, result: tuple[list[Any], list[Any], dict[str, str], dict[str, str]]) -> None:
        queue, recent, self.names, self.signers = result
        self._fill(self.queue, queue)
        self._fill(self.recent, recent)
        if self.current_day():
            self.open_day(self.current_day() or "")
        elif queue:
            self.queue.setCurrentRow(0)

    def current_day(self) -> str | None:
        return self.view.day.day if self.view is not None else None

    def _on_day_picked(self, item: QListWidgetItem | None, _previous: Any) -> None:
        if item is not None:
            other = self.recent if item.listWidget() is self.queue else self.queue
            other.blockSignals(True)
            other.setCurrentRow(-1)
            other.blockSignals(False)
            self.open_day(str(item.data(Qt.ItemDataRole.UserRole)))

    def open_day(self, day: str) -> None:
        logs = self.session.logs
        self.tasks.run(lambda: (logs.day(day), logs.verify_day(day)), self._on_day_loaded, self.bar.show_error)

    def _on_day_loaded(self, result: tuple[Any, list[Any]]) -> None:
        self.view, self.checks = result
        self.signers.update(self.view.signer_names)
        self.model.set_rows(self.view.entries, self.names)  # comments show in the flags column
        self.detail.show_record(None)
        self._show_view()

    def in_review(self) -> bool:
        return self.view is not None and self.view.day.state in AWAITING_REVIEW

    def _show_view(self) -> None:
        if self.view is None:
            self.heading.setText(_("Pick a day from the list on the left."))
            for widget in (self.return_button, self.sign_button, self.verify_button, self.print_button):
                widget.setEnabled(False)
            self.sign_status.setText("")
            return
        officers = sorted({e.author_name for e in self.view.entries})
        self.heading.setText(_("{day} — {state} — officers: {officers}").format(
            day=format_date(self.view.day.day), state=label(str(self.view.day.state)),
            officers=", ".join(officers) or "—"))
        reviewing = self.in_review()
        returning = self.view.day.state in RETURNABLE  # also while returned: several entries may go back
        self.return_button.setEnabled(returning)
        self.comment.setReadOnly(not returning)
        self.sign_button.setEnabled(reviewing)
        self.verify_button.setEnabled(bool(self.view.countersignatures))
        self.print_button.setEnabled(True)
        self._show_checks()

    def _show_checks(self) -> None:
        if not self.checks:
            text = (_("Not countersigned yet.") if self.in_review()
                    else _("Not countersigned. The day is {state}.").format(state=label(str(self.view.day.state))))
        else:
            text = "\n".join(check_text(c, self.signers) for c in self.checks)
            if not self.in_review():
                text += "\n" + _("The day is read-only.")
        bad = any(not c.valid for c in self.checks)
        self.sign_status.setStyleSheet("color: #b00020; font-weight: bold" if bad else "")
        self.sign_status.setText(text)
        self.sign_status.setAccessibleName(text)

    # --- actions ---------------------------------------------------------------------------------
    def _on_entry_selected(self, current: Any, _previous: Any) -> None:
        record = self.model.record(current.row())
        self.detail.show_record(record, self.names.get(record.prisoner_id or "", "") if record else "")

    def _on_return(self) -> None:
        record = self.model.record(self.table.currentIndex().row())
        text = self.comment.toPlainText().strip()
        if record is None:
            self.bar.show_error(_("Select the entry to return first."))
            return
        if not text:
            self.bar.show_error(_("Write a comment that tells the officer what to correct."))
            self.comment.setFocus()
            return
        logs, day = self.session.logs, self.view.day.day
        self.tasks.run(lambda: logs.return_entry(day, record.id, text), self._on_returned, self.bar.show_error)

    def _on_returned(self, _note: Any) -> None:
        self.comment.clear()
        self.bar.show_ok(_("The entry was returned to the officer with your comment."))
        self.refresh()

    def _on_countersign(self) -> None:
        if not self.in_review():
            return
        day = self.view.day.day
        reason = _("Countersigning the log of {day} signs every entry with your key.").format(day=format_date(day))
        if not self.ask_password(self.session, self.tasks, reason, self):
            return
        self.bar.show_info(_("Signing…"))
        self.sign_button.setEnabled(False)
        logs = self.session.logs
        self.tasks.run(lambda: logs.countersign(day), self._on_countersigned, self._on_sign_failed)

    def _on_countersigned(self, _signature: Any) -> None:
        self.bar.show_ok(_("The day is countersigned."))
        self.refresh()

    def _on_sign_failed(self, error: BaseException) -> None:
        self.bar.show_error(error)
        self._show_view()

    def verify(self) -> None:
        if self.view is not None:
            logs, day = self.session.logs, self.view.day.day
            self.tasks.run(lambda: logs.verify_day(day), self._on_verified, self.bar.show_error)

    def _on_verified(self, checks: list[Any]) -> None:
        self.checks = checks
        self._show_checks()

    def _on_print(self) -> None:
        from wingdesk.gui.printing import print_day

        if self.view is not None:
            print_day(self.session, self.tasks, self.view.day.day, self)
