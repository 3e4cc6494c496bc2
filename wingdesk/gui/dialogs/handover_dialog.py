"""Prepare a pre-release handover to an agency (issue 19 item 2): the agency HQ lists, the items chosen one by one
(Space ticks the current one), the legal basis or the prisoner's consent with its reference in words; sealed to the
agency's key in the background and saved where the user chooses; then the summary can be printed for the agency's
paper file. Errors are the service's one sentence, shown in place; nothing is sealed without a basis."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wingdesk.config.files import atomic_write
from wingdesk.domain.handover import HandoverChoice
from wingdesk.domain.handover_codes import LEGAL_BASES
from wingdesk.domain.kinds import spec_of
from wingdesk.gui.labels import code_label, error_text
from wingdesk.gui.tasks import TaskRunner
from wingdesk.i18n import _
from wingdesk.i18n.formats import format_date
from wingdesk.services.policy import Action, Resource, scope_for

if TYPE_CHECKING:
    from wingdesk.domain.agencies import Agency
    from wingdesk.domain.people import Prisoner
    from wingdesk.services.handover import HandoverResult
    from wingdesk.services.wing import WingServices


def may_hand_over(session: WingServices) -> bool:
    return scope_for(session.user.role, Action.CREATE, Resource.HANDOVER) is not None


def choice_text(choice: HandoverChoice) -> str:
    """"Contact: Family, 25 Nov 2026", "Needs and goals: Treatment plan, 24 Nov 2026": the part of the file, then
    what it comes from (the record's subtype, or its kind when the part is cut from it)."""
    part, kind = code_label(choice.section), _(spec_of(choice.kind).label)
    detail = code_label(choice.subtype) if choice.subtype and part == kind else kind
    return _("{part}: {detail}, {date}").format(part=part, detail=detail, date=format_date(choice.occurred_at[:10]))


class HandoverDialog(QDialog):
    def __init__(self, session: WingServices, tasks: TaskRunner, prisoner: Prisoner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks, self.prisoner = session, tasks, prisoner
        self.handed: HandoverResult | None = None
        self.file_name = ""
        # replaced in tests and screenshots: where the sealed file goes, and the print preview
        self.choose_file: Callable[[], str] = self._ask_file
        self.show_print: Callable[[str, str], Any] = self._preview
        self.setMinimumSize(720, 620)
        self.hint, self.items_label, self.error = QLabel(), QLabel(), QLabel()
        for label in (self.hint, self.error):
            label.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.error.hide()
        self.agency, self.basis, self.detail = QComboBox(), QComboBox(), QLineEdit()
        self.items = QListWidget()
        self.items_label.setBuddy(self.items)
        form = QFormLayout()
        self.agency_label, self.basis_label, self.detail_label = QLabel(), QLabel(), QLabel()
        for label, field in ((self.agency_label, self.agency), (self.basis_label, self.basis),
                             (self.detail_label, self.detail)):
            label.setBuddy(field)
            form.addRow(label, field)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.seal_button = QPushButton()
        self.print_button = QPushButton()
        self.print_button.setEnabled(False)
        self.buttons.addButton(self.seal_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.seal_button.clicked.connect(self.seal)
        self.print_button.clicked.connect(self.print_summary)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.seal)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(form)
        layout.addWidget(self.items_label)
        layout.addWidget(self.items, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.seal_button.setEnabled(False)
        self.agency.setFocus()
        tasks.run(self._load, self._loaded, self._failed)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Handover to an agency before release"))
        self.hint.setText(_("Choose what goes to the agency, item by item: only what you may read is offered, and "
                            "nothing withheld or from security. The file is sealed to the agency's key; the "
                            "handover is recorded with what, to whom and why."))
        self.agency_label.setText(_("A&gency"))
        self.basis_label.setText(_("&Legal basis"))
        self.detail_label.setText(_("&Reference in words"))
        self.detail.setPlaceholderText(_("e.g. Law on probation, Art. 12; or the consent form signed on 3 March"))
        self.items_label.setText(_("&Items to hand over (Space ticks the current item)"))
        self.seal_button.setText(_("&Seal and save… (Ctrl+Enter)"))
        self.print_button.setText(_("&Print summary…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        self.basis.clear()
        self.basis.addItem(_("Choose…"), "")
        for code in LEGAL_BASES:
            self.basis.addItem(code_label(code), code)

    def _load(self) -> tuple[list[Agency], list[HandoverChoice]]:
        return self.session.handover.agencies(), self.session.handover.choices(self.prisoner.id)

    def _loaded(self, found: tuple[list[Agency], list[HandoverChoice]]) -> None:
        agencies, choices = found
        for agency in agencies:
            self.agency.addItem(f"{agency.name} ({code_label(agency.agency_type)})", agency.agency_id)
        for choice in choices:
            item = QListWidgetItem(choice_text(choice))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, choice.key)
            self.items.addItem(item)
        if not agencies:
            self._show_error(_("No agency is listed yet: HQ lists the agencies, and they arrive with the next "
                               "bundle from HQ."))
        elif not choices:
            self._show_error(_("Nothing of this prisoner's file is yours to hand over."))
        else:
            self.seal_button.setEnabled(True)
        if self.items.count():
            self.items.setCurrentRow(0)

    def chosen(self) -> list[tuple[str, str]]:
        return [tuple(self.items.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.items.count())
                if self.items.item(i).checkState() == Qt.CheckState.Checked]

    def seal(self) -> None:
        if not self.seal_button.isEnabled():
            return
        path = self.choose_file()
        if not path:
            return
        self.seal_button.setEnabled(False)
        self.error.hide()
        agency_id, basis, detail, chosen = (self.agency.currentData(), self.basis.currentData(), self.detail.text(),
                                            self.chosen())

        def work() -> HandoverResult:
            return self.session.handover.prepare(self.prisoner.id, agency_id or "", basis or "", detail, chosen,
                                                 lambda data: atomic_write(Path(path), data))

        self.file_name = Path(path).name
        self.tasks.run(work, self._sealed, self._failed)

    def _sealed(self, result: HandoverResult) -> None:
        self.handed = result
        self.print_button.setEnabled(True)
        self.error.setStyleSheet("color: #1b5e20")
        self._show_error(_("Sealed for {agency} and saved as {file}. The handover is recorded; print the summary "
                           "for the agency's paper file.").format(agency=result.agency.name, file=self.file_name))
        self.print_button.setFocus()

    def print_summary(self) -> None:
        if self.handed is None:
            return
        from wingdesk.gui.handover_print import handover_summary_html

        self.show_print(handover_summary_html(self.handed, self.prisoner, self.file_name),
                        _("Handover to {agency}").format(agency=self.handed.agency.name))

    def _preview(self, html: str, title: str) -> None:
        from wingdesk.gui.printing import preview

        preview(html, title, self)

    def _ask_file(self) -> str:
        name = f"handover-{self.prisoner.number}.age"
        return QFileDialog.getSaveFileName(self, _("Save the sealed handover file"), name,
                                           _("age files (*.age)"))[0]

    def _failed(self, error: BaseException) -> None:
        self.seal_button.setEnabled(self.agency.count() > 0 and self.items.count() > 0)
        self.error.setStyleSheet("color: #b00020")
        self._show_error(error_text(error))

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
