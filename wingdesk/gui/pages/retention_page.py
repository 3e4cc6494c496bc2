"""The governor's retention review (issue 19 item 5): prisoners whose records have outlived their retention, the
longest overdue first; for the one chosen, what is due under which rule and its legal source. The governor erases
them (a clear confirmation, then the passphrase; the work runs in the background) or keeps them until a later day;
either needs a reason. Nothing is erased unless the governor does it here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from wingdesk.gui.dialogs.confirm_password import ask_password
from wingdesk.gui.labels import code_label, kind_label
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.widgets.message_bar import MessageBar, ask_yes_no
from wingdesk.i18n import _, ngettext
from wingdesk.i18n.formats import format_date

if TYPE_CHECKING:
    from wingdesk.services.retention import PrisonerDue
    from wingdesk.services.wing import WingServices


class RetentionPage(QWidget):
    def __init__(self, session: WingServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks = session, tasks
        self.ask_password, self.confirm = ask_password, ask_yes_no  # replaced in tests
        self.items: list[PrisonerDue] = []
        self.current: PrisonerDue | None = None
        self.heading, self.intro, self.bar, self.details = QLabel(), QLabel(), MessageBar(), QLabel()
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600")
        for label in (self.intro, self.details):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(90)
        self.until = QDateEdit()
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("yyyy-MM-dd")  # one unambiguous form in every language
        self.reason_caption, self.until_caption = QLabel(), QLabel()
        self.reason_caption.setBuddy(self.reason)
        self.until_caption.setBuddy(self.until)
        self.erase_button, self.keep_button = QPushButton(), QPushButton()
        self.erase_button.setStyleSheet("color: #9b1c1c; font-weight: 600")
        self.progress = QProgressBar()
        self.progress.hide()
        form = QFormLayout()
        form.addRow(self.reason_caption, self.reason)
        form.addRow(self.until_caption, self.until)
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_button)
        buttons.addStretch(1)
        buttons.addWidget(self.erase_button)
        right = QWidget()
        box = QVBoxLayout(right)
        box.addWidget(self.details)
        box.addLayout(form)
        box.addLayout(buttons)
        box.addWidget(self.progress)
        box.addStretch(1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.list)
        split.addWidget(right)
        split.setSizes([360, 660])
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.bar)
        layout.addWidget(split, 1)
        self.list.currentRowChanged.connect(self._on_row)
        self.erase_button.clicked.connect(self._on_erase)
        self.keep_button.clicked.connect(self._on_keep)
        self.retranslate_ui()

    def title(self) -> str:
        return _("Retention")

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Retention review"))
        self.intro.setText(_("Records whose retention period has run out under the schedule. Nothing is erased "
                             "unless you decide it here: erase them, or keep them until a later day. Either "
                             "needs a reason."))
        self.list.setAccessibleName(_("Prisoners with records due for review"))
        self.reason_caption.setText(_("Reason *"))
        self.reason.setAccessibleName(_("Reason"))
        self.until_caption.setText(_("Keep until"))
        self.until.setAccessibleName(_("Keep until"))
        self.erase_button.setText(_("&Erase these records…"))
        self.keep_button.setText(_("&Keep until this day"))
        self._fill()

    def refresh(self) -> None:
        self.tasks.run(self.session.retention.queue, self._on_loaded, self.bar.show_error)

    def _on_loaded(self, items: list[PrisonerDue]) -> None:
        self.items = items
        self._fill()
        if self.items:
            self.list.setCurrentRow(0)

    def _fill(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for due in self.items:
            count = len(due.records)
            self.list.addItem(QListWidgetItem(_("{number} · {name}\n{status} {day} · {count}").format(
                number=due.number, name=due.name, status=code_label(due.status),
                day=format_date(due.left_on) if due.left_on else "",
                count=ngettext("{n} record due", "{n} records due", count).format(n=count))))
        if not self.items:
            self.list.addItem(QListWidgetItem(_("No records are due for review.")))
        self.list.blockSignals(False)
        self._show(self.current if self.current in self.items else None)

    def _on_row(self, row: int) -> None:
        self._show(self.items[row] if 0 <= row < len(self.items) else None)

    def _show(self, due: PrisonerDue | None) -> None:
        self.current = due
        self.until.setDate(QDate.currentDate().addYears(1))
        self.until.setMinimumDate(QDate.currentDate().addDays(1))
        for widget in (self.reason, self.until, self.erase_button, self.keep_button):
            widget.setEnabled(due is not None)
        if due is None:
            self.details.setText("")
            return
        schedule = self.session.retention.schedule()
        lines = [_("{number} · {name}").format(number=due.number, name=due.name), ""]
        rules: dict[str, list[Any]] = {}
        for item in due.records:
            rules.setdefault(item.rule_id, []).append(item)
        for rule_id, items in rules.items():
            rule = schedule.rule(rule_id)
            kinds = ", ".join(sorted({kind_label(i.kind) for i in items}))
            lines.append(ngettext("{kinds}: {n} record, due since {day}", "{kinds}: {n} records, due since {day}",
                                  len(items)).format(kinds=kinds, n=len(items),
                                                     day=format_date(min(i.due_on for i in items))))
            if rule is not None:
                lines.append(_("Kept {years} years after {trigger}. Source: {source}").format(
                    years=rule.years, trigger=_trigger(rule.trigger), source=rule.source))
            lines.append("")
        lines.append(_("Erasing leaves a signed tombstone for each record (what, when, by whom, under which "
                       "rule); the text cannot be brought back. HQ deletes its copy when the tombstones arrive. "
                       "Backups made before today keep the records until they expire."))
        self.details.setText("\n".join(lines))

    def _on_erase(self) -> None:
        due, reason = self.current, self.reason.toPlainText()
        if due is None:
            return
        if not reason.strip():
            self.bar.show_error(_("Give the reason for this decision."))
            return
        if not self.confirm(self, _("Erase records"), confirmation(due), _("Erase for good")):
            return
        if not self.ask_password(self.session, self.tasks, _("Erasing records cannot be undone."), self):
            return
        prisoner_id = due.prisoner_id
        self.erase_button.setEnabled(False)
        self.progress.setValue(0)
        self.progress.show()
        self.tasks.run(lambda report: self.session.retention.erase(prisoner_id, reason, report), self._erased,
                       self._failed, self._on_progress)

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _erased(self, result: Any) -> None:
        self.progress.hide()
        self.reason.clear()
        self.bar.show_ok(ngettext("{n} record erased; a tombstone stays for it.",
                                  "{n} records erased; a tombstone stays for each.", result.erased)
                         .format(n=result.erased))
        self.current = None
        self.refresh()

    def _failed(self, error: BaseException) -> None:
        self.progress.hide()
        self.erase_button.setEnabled(self.current is not None)
        self.bar.show_error(error)

    def _on_keep(self) -> None:
        due, reason = self.current, self.reason.toPlainText()
        if due is None:
            return
        until = self.until.date().toString("yyyy-MM-dd")

        def kept(_result: Any) -> None:
            self.reason.clear()
            self.bar.show_ok(_("Kept until {day}.").format(day=format_date(until)))
            self.current = None
            self.refresh()

        self.tasks.run(lambda: self.session.retention.extend(due.prisoner_id, until, reason), kept,
                       self.bar.show_error)


def confirmation(due: PrisonerDue) -> str:
    """The question asked before an erasure: how many records, about whom, and that it cannot be undone."""
    count = len(due.records)
    return ngettext(
        "Erase {n} record about {name} ({number})? Its text is gone for good; a tombstone stays.",
        "Erase {n} records about {name} ({number})? Their text is gone for good; a tombstone stays.",
        count).format(n=count, name=due.name, number=due.number)


def _trigger(trigger: str) -> str:
    return {"release": _("release"), "transfer": _("transfer to another prison"),
            "record": _("the record's date")}.get(trigger, trigger)
