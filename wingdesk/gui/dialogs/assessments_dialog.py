"""A prisoner's assessments and the next step of each (issue 15 item 2): rate (the first assessor a draft, the second
independently), agree the ratings, countersign (a lead who rated nothing; the service refuses anyone else and its
sentence is shown), record that the prisoner was informed, and add the prisoner's comment on a domain.
Which buttons a user gets follows the access policy; every load and save runs on the worker thread."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from wingdesk.domain.kinds.assessment import AGREED, COUNTERSIGNED, DRAFT, RATED, SECOND_RATED
from wingdesk.domain.records import Record
from wingdesk.gui.assessment_print import assessment_html, load_print
from wingdesk.gui.dialogs.agreement_dialog import AgreementDialog, load_agreement
from wingdesk.gui.dialogs.assessment_dialog import AssessmentDialog, load_view
from wingdesk.gui.dialogs.prisoner_informed_dialog import CommentDialog, InformedDialog
from wingdesk.gui.labels import code_label, field_label
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.when import day_text
from wingdesk.gui.widgets.message_bar import MessageBar
from wingdesk.i18n import _, current_language
from wingdesk.services.policy import Action, Resource, Scope, scope_for

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices

ID_ROLE = 256


def may_work_on_assessments(session: WingServices) -> bool:
    """Full readers of assessments (treatment staff, security, the governor) get the list."""
    return scope_for(session.user.role, Action.READ, Resource.ASSESSMENT) is Scope.ALL


def load_assessments(session: WingServices, prisoner_id: str) -> tuple[list[Record], dict[str, str]]:
    """Worker side: the prisoner's assessments, newest first, and the titles of the instruments in force."""
    titles = {s.instrument_id: s.title for s in session.instruments.catalogue(current_language())}
    return session.assessments.for_prisoner(prisoner_id), titles


def assessment_line(record: Record, titles: dict[str, str]) -> str:
    body = record.body
    parts = [day_text(record.recorded_at[:10]), code_label(body.get("assessment_kind")),
             titles.get(str(body.get("instrument_id")), str(body.get("instrument_id")))]
    if body.get("status"):  # withheld where a claimed countersignature does not check (services/assessment_signoff)
        parts.append(code_label(body.get("status")))
    if body.get("level"):
        parts.append(code_label(body.get("level")))
    return " · ".join(p for p in parts if p)


class AssessmentsDialog(QDialog):
    changed = Signal()

    def __init__(self, session: WingServices, tasks: TaskRunner, prisoner_id: str, title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks, self.prisoner_id, self.title = session, tasks, prisoner_id, title
        role = session.user.role
        self.can_rate = scope_for(role, Action.CREATE, Resource.ASSESSMENT) is not None
        self.can_annotate = scope_for(role, Action.ANNOTATE, Resource.ASSESSMENT) is not None
        self.can_countersign = scope_for(role, Action.APPROVE, Resource.ASSESSMENT) is not None
        self.records: dict[str, Record] = {}
        self.child: QDialog | None = None
        self.resize(1100, 680)
        self.listing = QListWidget()
        self.listing.setWordWrap(True)
        self.listing.currentRowChanged.connect(lambda _r: self._selected())
        self.listing.itemActivated.connect(lambda _i: self._default_step())
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.print_view = QTextBrowser()  # the selected assessment's print, as far as this user may see it
        self.print_view.setOpenLinks(False)
        self.shown_print: tuple[str, int] | None = None
        self.bar = MessageBar()
        self.rate_button, self.agree_button, self.countersign_button = QPushButton(), QPushButton(), QPushButton()
        self.informed_button, self.comment_button = QPushButton(), QPushButton()
        self.rate_button.clicked.connect(self.rate)
        self.agree_button.clicked.connect(self.agree)
        self.countersign_button.clicked.connect(self.countersign)
        self.informed_button.clicked.connect(self.informed)
        self.comment_button.clicked.connect(self.comment)
        self.steps = ((self.rate_button, self.can_rate), (self.agree_button, self.can_annotate),
                      (self.countersign_button, self.can_countersign), (self.informed_button, self.can_annotate),
                      (self.comment_button, self.can_annotate))
        side = QVBoxLayout()
        side.addWidget(self.details)
        side.addWidget(self.print_view, 1)
        for button, allowed in self.steps:
            button.setVisible(allowed)
            side.addWidget(button)
        middle = QHBoxLayout()
        middle.addWidget(self.listing, 2)
        middle.addLayout(side, 3)  # the print's ratings table needs the room
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addLayout(middle, 1)
        layout.addWidget(self.buttons)
        self.titles: dict[str, str] = {}
        self.retranslate_ui()
        self.load()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Assessments") + " · " + self.title)
        self.rate_button.setText(_("&Rate…"))
        self.agree_button.setText(_("A&gree the ratings…"))
        self.countersign_button.setText(_("&Countersign"))
        self.informed_button.setText(_("Prisoner &informed…"))
        self.comment_button.setText(_("Prisoner's co&mment…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        self._selected()

    def load(self, select: str | None = None) -> None:
        session, pid = self.session, self.prisoner_id
        chosen = select or self.current_id()
        self.tasks.run(lambda: load_assessments(session, pid), lambda r: self._show(r, chosen), self.bar.show_error)

    def _show(self, result: tuple[list[Record], dict[str, str]], chosen: str | None) -> None:
        records, self.titles = result
        self.records = {r.id: r for r in records}
        self.listing.clear()
        for record in records:
            item = QListWidgetItem(assessment_line(record, self.titles))
            item.setData(ID_ROLE, record.id)
            self.listing.addItem(item)
            if record.id == chosen:
                self.listing.setCurrentItem(item)
        if not records:
            self.bar.show_info(_("No assessment of this prisoner yet."))
        elif self.listing.currentItem() is None:
            self.listing.setCurrentRow(0)
        self._selected()

    def current_id(self) -> str | None:
        item = self.listing.currentItem()
        return str(item.data(ID_ROLE)) if item is not None else None

    def current(self) -> Record | None:
        found = self.current_id()
        return self.records.get(found) if found else None

    def _selected(self) -> None:
        record = self.current()
        status = record.body.get("status") if record else None
        self.rate_button.setEnabled(status in (DRAFT, RATED))
        self.rate_button.setText(_("&Rate as the second assessor…") if status == RATED else _("&Rate…"))
        self.agree_button.setEnabled(status == SECOND_RATED)
        self.countersign_button.setEnabled(status == AGREED)
        self.informed_button.setEnabled(status in (AGREED, COUNTERSIGNED))
        self.comment_button.setEnabled(status in (AGREED, COUNTERSIGNED))
        self.details.setText(self._details(record) if record else "")
        if record is not None and (record.id, record.revision) != self.shown_print:
            self.shown_print = (record.id, record.revision)
            session, aid = self.session, record.id
            self.tasks.run(lambda: load_print(session, aid), self._show_print, self.bar.show_error)

    def _show_print(self, data: Any) -> None:
        record = data.shown.record
        if (record.id, record.revision) == self.shown_print:  # still the one selected
            self.print_view.setHtml(assessment_html(self.session, data))

    def _details(self, record: Record) -> str:
        body = record.body
        lines = [assessment_line(record, self.titles)]
        for name in ("level", "next_review_date", "countersigned_on", "informed_on"):
            if body.get(name):
                value = day_text(body[name]) if name != "level" else code_label(body[name])
                lines.append(f"{field_label(name, 'assessment')}: {value}")
        if body.get("informed_on"):
            lines.append(_("The prisoner took part.") if body.get("participated") else _("The prisoner did not take "
                                                                                           "part."))
        comments = body.get("prisoner_comments") or []
        if comments:
            lines.append(_("Prisoner's comments: {n}").format(n=len(comments)))
        return "\n".join(lines)

    def _default_step(self) -> None:
        for button, allowed in self.steps:
            if allowed and button.isEnabled():
                button.click()
                return

    # --- the steps -------------------------------------------------------------------------------
    def rate(self) -> None:
        record = self.current()
        if record is not None:
            session = self.session
            self.tasks.run(lambda: load_view(session, str(record.body["instrument_id"]), record),
                           lambda view: self._open(AssessmentDialog(self.session, self.tasks, self.prisoner_id, view,
                                                                    record, self), _("Your ratings are saved.")),
                           self.bar.show_error)

    def agree(self) -> None:
        record = self.current()
        if record is not None:
            session = self.session
            self.tasks.run(lambda: load_agreement(session, record.id),
                           lambda data: self._open(AgreementDialog(self.session, self.tasks, data, self),
                                                   _("The agreement is saved.")), self.bar.show_error)

    def countersign(self) -> None:
        record = self.current()
        if record is not None:
            service, aid = self.session.assessments, record.id
            self.countersign_button.setEnabled(False)
            self.tasks.run(lambda: service.countersign(aid),
                           lambda r: self._done(r, _("Countersigned: the level is now in force.")), self._refused)

    def informed(self) -> None:
        record = self.current()
        if record is not None:
            self._open(InformedDialog(self.session, self.tasks, record.id, self), _("Saved."))

    def comment(self) -> None:
        record = self.current()
        if record is not None:
            session = self.session
            self.tasks.run(lambda: load_view(session, str(record.body["instrument_id"]), record),
                           lambda view: self._open(CommentDialog(self.session, self.tasks, record.id,
                                                                 [(d.code, d.title) for d in view.domains], self),
                                                   _("The prisoner's comment is saved.")), self.bar.show_error)

    def _open(self, dialog: Any, said: str) -> None:
        self.child = dialog
        dialog.saved.connect(lambda r: self._done(r, said))
        dialog.open()

    def _done(self, record: Record, said: str) -> None:
        self.bar.show_ok(said)
        self.changed.emit()
        self.load(record.id)

    def _refused(self, error: BaseException) -> None:
        self._selected()
        self.bar.show_error(error)
