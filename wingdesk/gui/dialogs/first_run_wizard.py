"""First start on an empty data folder: name the wing and create the first administrator (in the background)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from wingdesk.gui.labels import error_text
from wingdesk.gui.tasks import TaskRunner
from wingdesk.i18n import _


def _line(accessible: str, password: bool = False) -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(accessible)
    if password:
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class FirstRunWizard(QWizard):
    """Emits `wing_created(admin_username)` once `backend.create()` has finished on a worker thread."""

    wing_created = Signal(str)

    def __init__(self, backend: Any, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend, self.tasks = backend, tasks
        self._created = False
        self.setWindowTitle(_("WingDesk: set up this wing"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumWidth(520)
        self.setButtonText(QWizard.WizardButton.NextButton, _("&Next"))
        self.setButtonText(QWizard.WizardButton.BackButton, _("&Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("&Create wing"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Cancel"))
        self.wing_page = self._wing_page()
        self.admin_page = self._admin_page()
        self.addPage(self.wing_page)
        self.addPage(self.admin_page)

    def _wing_page(self) -> QWizardPage:
        page = QWizardPage()
        page.setTitle(_("This wing"))
        page.setSubTitle(_("This data folder is empty. Name the wing and the prison it belongs to."))
        form = QFormLayout(page)
        self.wing_edit = _line(_("Wing name"))
        self.prison_edit = _line(_("Prison name"))
        form.addRow(_("&Wing:"), self.wing_edit)
        form.addRow(_("&Prison:"), self.prison_edit)
        page.registerField("wing*", self.wing_edit)
        page.registerField("prison*", self.prison_edit)
        return page

    def _admin_page(self) -> QWizardPage:
        page = QWizardPage()
        page.setTitle(_("First administrator"))
        page.setSubTitle(_("The administrator adds the staff accounts. Choose a passphrase of at least "
                           "15 characters, for example a few unrelated words."))
        layout = QVBoxLayout(page)
        form = QFormLayout()
        self.username_edit = _line(_("Administrator user name"))
        self.display_edit = _line(_("Administrator full name"))
        self.passphrase_edit = _line(_("Passphrase"), password=True)
        self.repeat_edit = _line(_("Repeat passphrase"), password=True)
        form.addRow(_("&User name:"), self.username_edit)
        form.addRow(_("&Full name:"), self.display_edit)
        form.addRow(_("&Passphrase:"), self.passphrase_edit)
        form.addRow(_("&Repeat:"), self.repeat_edit)
        page.registerField("username*", self.username_edit)
        page.registerField("display*", self.display_edit)
        page.registerField("passphrase*", self.passphrase_edit)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setAccessibleName(_("Error"))
        self.error_label.hide()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName(_("Creating the wing"))
        self.busy.hide()
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.busy)
        layout.addStretch(1)
        return page

    def accept(self) -> None:
        """Finish: create the wing off the UI thread; the wizard closes only when that has worked."""
        if self._created:
            super().accept()
            return
        if self.passphrase_edit.text() != self.repeat_edit.text():
            self._show_error(_("The two passphrases are not the same."))
            return
        args = (self.wing_edit.text(), self.prison_edit.text(), self.username_edit.text().strip(),
                self.display_edit.text(), self.passphrase_edit.text())
        self.error_label.hide()
        self.busy.show()
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        self.button(QWizard.WizardButton.BackButton).setEnabled(False)
        backend = self.backend
        self.tasks.run(lambda: backend.create(*args), self._on_created, self._on_failed)

    def _on_created(self, _result: object) -> None:
        self.busy.hide()
        self._created = True
        self.passphrase_edit.clear()
        self.repeat_edit.clear()
        self.wing_created.emit(self.username_edit.text().strip())
        super().accept()

    def _on_failed(self, error: BaseException) -> None:
        self.busy.hide()
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        self.button(QWizard.WizardButton.BackButton).setEnabled(True)
        self._show_error(error_text(error))

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
