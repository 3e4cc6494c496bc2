"""The audit log viewer: filters (person, action, dates), the paged table in words, and the chain check."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wingdesk.gui.audit_text import action_text
from wingdesk.gui.models.audit_table_model import AuditTableModel
from wingdesk.gui.qt_values import py_date
from wingdesk.gui.tasks import TaskRunner
from wingdesk.i18n import N_, _, ngettext
from wingdesk.services.audit_view import AuditFilter

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices

_REASONS = {"missing_or_reordered": N_("an entry is missing or out of order"),
            "broken_link": N_("the link to the previous entry is broken"),
            "hash_mismatch": N_("its content does not match its hash"), "unreadable": N_("it cannot be read")}
_ANY_DAY = QDate(2000, 1, 1)  # the date edits' minimum, shown as "any"


def _date_edit() -> QDateEdit:
    edit = QDateEdit(_ANY_DAY)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(_ANY_DAY)
    edit.setMaximumDate(QDate.currentDate())
    edit.setMinimumWidth(140)  # "any day" in the longest language (mk "кој било ден") is not clipped
    return edit


class AuditViewer(QWidget):
    def __init__(self, session: WingServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks = session, tasks
        self.model = AuditTableModel(session, tasks, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.person, self.action = QComboBox(), QComboBox()
        self.person_caption, self.action_caption = QLabel(), QLabel()
        self.from_edit, self.to_edit = _date_edit(), _date_edit()
        self.to_edit.setDate(QDate.currentDate())
        self.from_caption, self.to_caption = QLabel(), QLabel()
        for caption, widget in ((self.person_caption, self.person), (self.action_caption, self.action),
                                (self.from_caption, self.from_edit), (self.to_caption, self.to_edit)):
            caption.setBuddy(widget)
        self.clear_button, self.verify_button = QPushButton(), QPushButton()
        self.caption, self.verify_result = QLabel(), QLabel()
        self.caption.setWordWrap(True)
        self.verify_result.setWordWrap(True)
        filters = QHBoxLayout()
        shown: tuple[QWidget, ...] = (self.person_caption, self.person, self.action_caption, self.action,
                                      self.from_caption, self.from_edit, self.to_caption, self.to_edit,
                                      self.clear_button)
        for item in shown:
            filters.addWidget(item)
        filters.setStretch(1, 1)
        filters.setStretch(3, 1)
        top = self._top = QHBoxLayout()
        top.addWidget(self.caption, 1)
        top.addWidget(self.verify_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(top)
        layout.addWidget(self.verify_result)
        layout.addWidget(self.view, 1)
        self._people: dict[str, str] = {}
        self._actions: list[str] = []
        self.person.currentIndexChanged.connect(self.apply_filter)
        self.action.currentIndexChanged.connect(self.apply_filter)
        self.from_edit.dateChanged.connect(self.apply_filter)
        self.to_edit.dateChanged.connect(self.apply_filter)
        self.clear_button.clicked.connect(self.clear_filter)
        self.verify_button.clicked.connect(self.verify_chain)
        self.model.modelReset.connect(self._show_caption)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.view.setAccessibleName(_("Audit log entries"))
        self.person_caption.setText(_("&Person:"))
        self.action_caption.setText(_("A&ction:"))
        self.from_caption.setText(_("&From:"))
        self.to_caption.setText(_("&To:"))
        for edit in (self.from_edit, self.to_edit):
            edit.setSpecialValueText(_("any day"))
        self.person.setAccessibleName(_("Show the entries of this person"))
        self.action.setAccessibleName(_("Show the entries of this action"))
        self.from_edit.setAccessibleName(_("Show entries from this day"))
        self.to_edit.setAccessibleName(_("Show entries up to this day"))
        self.clear_button.setText(_("Show all"))
        self.verify_button.setText(_("&Verify chain"))
        self.verify_button.setAccessibleName(_("Verify audit chain"))
        self._fill_choices()
        self._show_caption()

    def add_action(self, button: QPushButton) -> None:
        """A button of the page's beside the chain check (the administrator's delete, gui.widgets.record_deletion)."""
        self._top.insertWidget(self._top.count() - 1, button)

    def refresh(self) -> None:
        """Load the people and actions for the filters, then the entries (all in the background)."""
        audit = self.session.audit
        self.tasks.run(lambda: (audit.people(), audit.actions()), self._on_choices)
        self.model.reload(self.current_filter())

    def _on_choices(self, result: tuple[dict[str, str], list[str]]) -> None:
        self._people, self._actions = result
        self._fill_choices()

    def _fill_choices(self) -> None:
        for combo, items in ((self.person, sorted(self._people.items(), key=lambda p: p[1].casefold())),
                             (self.action, sorted(((a, action_text(a)) for a in self._actions),
                                                  key=lambda a: a[1].casefold()))):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_("everyone") if combo is self.person else _("every action"), None)
            for code, text in items:
                combo.addItem(text, code)
            combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen else 0)
            combo.blockSignals(False)

    def current_filter(self) -> AuditFilter:
        start, end = self.from_edit.date(), self.to_edit.date()
        return AuditFilter(self.person.currentData(), self.action.currentData(),
                           py_date(start) if start != _ANY_DAY else None, py_date(end) if end != _ANY_DAY else None)

    def apply_filter(self, *_args: Any) -> None:
        self.verify_result.clear()
        self.model.set_bad_seq(None)
        self.model.reload(self.current_filter())

    def clear_filter(self) -> None:
        for widget in (self.person, self.action, self.from_edit, self.to_edit):
            widget.blockSignals(True)
        self.person.setCurrentIndex(0)
        self.action.setCurrentIndex(0)
        self.from_edit.setDate(_ANY_DAY)
        self.to_edit.setDate(QDate.currentDate())
        for widget in (self.person, self.action, self.from_edit, self.to_edit):
            widget.blockSignals(False)
        self.apply_filter()

    def _show_caption(self) -> None:
        n = self.model.total()
        self.caption.setText(ngettext("{n} audit entry shown, newest first. Only identifiers and hashes are logged, "
                                      "never record content.", "{n} audit entries shown, newest first. Only "
                                      "identifiers and hashes are logged, never record content.", n).format(n=n))

    # --- the chain check -----------------------------------------------------------------------------
    def verify_chain(self) -> None:
        self.verify_button.setEnabled(False)
        self.verify_result.setStyleSheet("")
        self.verify_result.setText(_("Checking every entry of the audit chain…"))
        self.tasks.run(self.session.audit.verify_chain, self._on_verified, self._on_verify_failed)

    def _on_verified(self, report: Any) -> None:
        self.verify_button.setEnabled(True)
        if report.intact:
            text = ngettext("The audit chain is intact: {n} entry checked.",
                            "The audit chain is intact: {n} entries checked.", report.count).format(n=report.count)
            self.verify_result.setStyleSheet("color: #1b5e20; font-weight: bold")
        else:
            reason = _(_REASONS.get(report.reason, report.reason))
            text = _("The audit chain is BROKEN. First bad entry: No. {seq} ({reason}). {n} entries before it "
                     "are intact.").format(seq=report.first_bad_seq, reason=reason, n=report.count)
            self.verify_result.setStyleSheet("color: #b00020; font-weight: bold")
            self.model.set_bad_seq(report.first_bad_seq)
            row = self.model.row_of_seq(report.first_bad_seq)
            if row >= 0:
                self.view.selectRow(row)
                self.view.scrollTo(self.model.index(row, 0))
        self.verify_result.setText(text)
        self.verify_result.setAccessibleName(text)

    def _on_verify_failed(self, error: BaseException) -> None:
        self.verify_button.setEnabled(True)
        self.verify_result.setStyleSheet("color: #b00020")
        from wingdesk.gui.labels import error_text

        self.verify_result.setText(error_text(error))
