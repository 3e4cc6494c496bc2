"""First start on an empty data folder: pick the language, name the wing, create the first administrator."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
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
from wingdesk.gui.language import LANGUAGE_NAMES, follow_language
from wingdesk.gui.tasks import TaskRunner
from wingdesk.i18n import LANGUAGES, _, current_language, set_language

if TYPE_CHECKING:
    from wingdesk.services.ports import WingAccess


def _line(password: bool = False) -> QLineEdit:
    edit = QLineEdit()
    if password:
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class FirstRunWizard(QWizard):
    """Emits `wing_created(admin_username)` once `backend.create()` has finished on a worker thread."""

    wing_created = Signal(str)

    def __init__(self, backend: WingAccess, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend, self.tasks = backend, tasks
        self._created = False
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumWidth(560)
        self.labels: dict[str, QLabel] = {}
        self.wing_page = self._wing_page()
        self.admin_page = self._admin_page()
        self.addPage(self.wing_page)
        self.addPage(self.admin_page)
        self.retranslate_ui()
        self._listener = follow_language(self)

    def _row(self, form: QFormLayout, key: str, widget: QWidget) -> None:
        label = QLabel()
        label.setBuddy(widget)
        self.labels[key] = label
        form.addRow(label, widget)

    def _wing_page(self) -> QWizardPage:
        page = QWizardPage()
        form = QFormLayout(page)
        self.language_combo = QComboBox()
        for code in LANGUAGES:  # the language is chosen at first run; the system's is preselected
            self.language_combo.addItem(LANGUAGE_NAMES.get(code, code), code)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(current_language())))
        self.language_combo.currentIndexChanged.connect(self._on_language_picked)
        self.wing_edit, self.prison_edit = _line(), _line()
        self._row(form, "language", self.language_combo)
        self._row(form, "wing", self.wing_edit)
        self._row(form, "prison", self.prison_edit)
        page.registerField("wing*", self.wing_edit)
        page.registerField("prison*", self.prison_edit)
        return page

    def _admin_page(self) -> QWizardPage:
        page = QWizardPage()
        layout = QVBoxLayout(page)
        form = QFormLayout()
        self.username_edit, self.display_edit = _line(), _line()
        self.passphrase_edit, self.repeat_edit = _line(password=True), _line(password=True)
        for key, widget in (("username", self.username_edit), ("display", self.display_edit),
                            ("passphrase", self.passphrase_edit), ("repeat", self.repeat_edit)):
            self._row(form, key, widget)
        page.registerField("username*", self.username_edit)
        page.registerField("display*", self.display_edit)
        page.registerField("passphrase*", self.passphrase_edit)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.hide()
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.busy)
        layout.addStretch(1)
        return page

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("WingDesk: set up this wing"))
        self.setButtonText(QWizard.WizardButton.NextButton, _("&Next"))
        self.setButtonText(QWizard.WizardButton.BackButton, _("&Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("&Create wing"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Cancel"))
        self.wing_page.setTitle(_("This wing"))
        self.wing_page.setSubTitle(_("This data folder is empty. Name the wing and the prison it belongs to."))
        self.admin_page.setTitle(_("First administrator"))
        self.admin_page.setSubTitle(_("The administrator adds the staff accounts. Choose a passphrase of at least "
                                      "15 characters, for example a few unrelated words."))
        texts = {"language": _("&Language:"), "wing": _("&Wing:"), "prison": _("&Prison:"),
                 "username": _("&User name:"), "display": _("&Full name:"), "passphrase": _("&Passphrase:"),
                 "repeat": _("&Repeat:")}
        for key, text in texts.items():
            self.labels[key].setText(text)
        for widget, name in ((self.language_combo, _("Language")), (self.wing_edit, _("Wing name")),
                             (self.prison_edit, _("Prison name")), (self.username_edit, _("Administrator user name")),
                             (self.display_edit, _("Administrator full name")),
                             (self.passphrase_edit, _("Passphrase")), (self.repeat_edit, _("Repeat passphrase")),
                             (self.error_label, _("Error")), (self.busy, _("Creating the wing"))):
            widget.setAccessibleName(name)

    def _on_language_picked(self, _index: int) -> None:
        code = self.language_combo.currentData()
        if code and code != current_language():
            set_language(code)  # every open window, this one included, retranslates

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
