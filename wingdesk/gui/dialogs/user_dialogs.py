"""Dialogs for the administrator: add a staff account (role, discipline) and set a new passphrase."""

from __future__ import annotations

from typing import TypedDict

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from wingdesk.domain.roles import Discipline, Role
from wingdesk.gui.labels import code_label as label
from wingdesk.gui.labels import role_label
from wingdesk.i18n import _


class NewAccount(TypedDict):
    """The add-account form's values: the keyword arguments of UserService.add_user."""

    username: str
    display_name: str
    role: Role
    passphrase: str
    discipline: str | None


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def _secret(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setAccessibleName(name)
    return edit


class PassphraseDialog(QDialog):
    """A new passphrase typed twice; the service checks length and common words."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout(self)
        self.passphrase = _secret(_("New passphrase"))
        self.repeat = _secret(_("Repeat the passphrase"))
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.hide()

    def _finish(self, ok_text: str) -> None:
        self.form.addRow(_("New &passphrase"), self.passphrase)
        self.form.addRow(_("&Repeat"), self.repeat)
        self.form.addRow(self.error)
        buttons = _buttons(self, ok_text)
        buttons.accepted.disconnect()
        buttons.accepted.connect(self._on_ok)
        self.form.addRow(buttons)

    def _check(self) -> bool:
        if self.passphrase.text() != self.repeat.text():
            self.error.setText(_("The two passphrases differ."))
            self.error.show()
            return False
        return True

    def _on_ok(self) -> None:
        if self._check():
            self.accept()


class ResetPasswordDialog(PassphraseDialog):
    def __init__(self, username: str, parent: QWidget | None = None) -> None:
        super().__init__(_("New passphrase for {username}").format(username=username), parent)
        self._finish(_("Set passphrase"))


class AddUserDialog(PassphraseDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Add a staff account"), parent)
        self.username, self.display_name = QLineEdit(), QLineEdit()
        self.username.setAccessibleName(_("User name"))
        self.display_name.setAccessibleName(_("Full name"))
        self.role, self.discipline = QComboBox(), QComboBox()
        self.role.setAccessibleName(_("Role"))
        self.discipline.setAccessibleName(_("Discipline"))
        for role in Role:
            self.role.addItem(role_label(str(role)), str(role))
        for discipline in Discipline:
            self.discipline.addItem(label(str(discipline)), str(discipline))
        self.form.addRow(_("&User name"), self.username)
        self.form.addRow(_("&Full name"), self.display_name)
        self.form.addRow(_("R&ole"), self.role)
        self.form.addRow(_("&Discipline (treatment staff)"), self.discipline)
        self.role.currentIndexChanged.connect(self._on_role)
        self._finish(_("Add account"))
        self._on_role()

    def _on_role(self) -> None:
        self.discipline.setEnabled(self.role.currentData() == str(Role.TREATMENT))

    def values(self) -> NewAccount:
        role = Role(self.role.currentData())
        return NewAccount(username=self.username.text().strip(), display_name=self.display_name.text().strip(),
                          role=role, passphrase=self.passphrase.text(),
                          discipline=self.discipline.currentData() if role is Role.TREATMENT else None)
