"""Sign-in window: user name and passphrase, Argon2id unlock in the background, demo accounts in demo mode."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wingdesk.gui.labels import error_text, role_label
from wingdesk.gui.language import LANGUAGE_NAMES, follow_language
from wingdesk.gui.tasks import TaskRunner
from wingdesk.i18n import LANGUAGES, _, current_language, remove_listener, set_language

if TYPE_CHECKING:
    from wingdesk.services.ports import WingAccess

# Qt.ItemDataRole.UserRole as its number: touching the `Qt` namespace builds all of its ~100 enums (tens of ms),
# and nothing else before the sign-in window needs it (start-up, issue 20).
USER_ROLE = 0x0100


class LoginDialog(QDialog):
    """Emits `signed_in(session)`; never runs the key derivation on the UI thread."""

    signed_in = Signal(object)
    sign_in_failed = Signal(str)

    def __init__(self, backend: WingAccess, tasks: TaskRunner, demo: bool = False, accounts: tuple[Any, ...] = (),
                 username: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend, self.tasks, self.demo, self.accounts = backend, tasks, demo, accounts
        self.setObjectName("loginDialog")
        self.setMinimumWidth(500)
        layout = QVBoxLayout(self)
        self.title_label = QLabel()
        self.title_label.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.demo_label = QLabel()
        self.demo_label.setWordWrap(True)
        self.demo_label.setStyleSheet("background: #fff3cd; color: #5c4400; padding: 6px; border-radius: 4px;")
        self.demo_label.setVisible(demo)
        form = QFormLayout()
        self.username_edit = QLineEdit(username)
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.username_label, self.passphrase_label = QLabel(), QLabel()
        self.username_label.setBuddy(self.username_edit)
        self.passphrase_label.setBuddy(self.passphrase_edit)
        form.addRow(self.username_label, self.username_edit)
        form.addRow(self.passphrase_label, self.passphrase_edit)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumHeight(8)
        self.busy.setTextVisible(False)
        self.busy.hide()
        buttons = QHBoxLayout()
        self.language_combo = QComboBox()
        for code in LANGUAGES:
            self.language_combo.addItem(LANGUAGE_NAMES.get(code, code), code)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(current_language())))
        self.language_combo.currentIndexChanged.connect(self._on_language_picked)
        self.sign_in_button = QPushButton()
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self._on_sign_in)
        buttons.addWidget(self.language_combo)
        buttons.addStretch(1)
        buttons.addWidget(self.sign_in_button)
        self.accounts_label = QLabel()
        self.accounts_list = QListWidget()
        self.accounts_list.setWordWrap(True)  # long role names (sr, sq) wrap instead of scrolling sideways
        self.accounts_list.itemActivated.connect(self._on_account_picked)
        self.accounts_list.itemClicked.connect(self._on_account_picked)
        self.accounts_list.setVisible(demo)
        self.accounts_label.setVisible(demo)
        widget: QWidget
        for widget in (self.title_label, self.demo_label):
            layout.addWidget(widget)
        layout.addLayout(form)
        for widget in (self.error_label, self.busy):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addWidget(self.accounts_label)
        layout.addWidget(self.accounts_list, 1)
        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.timeout.connect(self._on_retry_allowed)
        self.retranslate_ui()
        self._listener = follow_language(self)
        (self.passphrase_edit if username else self.username_edit).setFocus()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("WingDesk: sign in"))
        self.title_label.setText(_("Sign in to WingDesk"))
        self.demo_label.setText(_("DEMO MODE: synthetic data only. Do not enter real information. "
                                  "Choose a demo account below."))
        self.username_label.setText(_("&User name"))
        self.passphrase_label.setText(_("&Passphrase"))
        self.username_edit.setAccessibleName(_("User name"))
        self.passphrase_edit.setAccessibleName(_("Passphrase"))
        self.sign_in_button.setText(_("&Sign in"))
        self.sign_in_button.setAccessibleName(_("Sign in"))
        self.language_combo.setAccessibleName(_("Language"))
        self.accounts_label.setText(_("Demo accounts (click to fill in the user name):"))
        self.accounts_list.setAccessibleName(_("Demo accounts"))
        self.busy.setAccessibleName(_("Signing in"))
        self.accounts_list.clear()
        for acc in self.accounts:
            text = _("{role}: {user} (passphrase: {passphrase})").format(
                role=role_label(acc.role), user=acc.username, passphrase=acc.passphrase)
            item = QListWidgetItem(text)
            item.setData(USER_ROLE, acc.username)
            self.accounts_list.addItem(item)

    def _on_language_picked(self, _index: int) -> None:
        code = self.language_combo.currentData()
        if code and code != current_language():
            set_language(code)

    def _on_account_picked(self, item: QListWidgetItem) -> None:
        self.username_edit.setText(str(item.data(USER_ROLE)))
        self.passphrase_edit.clear()
        self.passphrase_edit.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for widget in (self.username_edit, self.passphrase_edit, self.sign_in_button, self.accounts_list):
            widget.setEnabled(not busy)

    def _on_sign_in(self) -> None:
        username, passphrase = self.username_edit.text().strip(), self.passphrase_edit.text()
        if not username or not passphrase:
            self._show_error(_("Enter your user name and passphrase."))
            return
        self.passphrase_edit.clear()
        self.error_label.hide()
        self._set_busy(True)
        backend = self.backend
        self.tasks.run(lambda: backend.sign_in(username, passphrase), self._on_signed_in, self._on_failed)

    def _on_signed_in(self, session: object) -> None:
        self._set_busy(False)
        self.signed_in.emit(session)

    def _on_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        message = error_text(error)
        wait = getattr(error, "params", {}).get("wait") if hasattr(error, "params") else None
        if isinstance(wait, int | float) and wait > 0:
            self.sign_in_button.setEnabled(False)
            self._retry_timer.start(int(wait * 1000))
        self._show_error(message)
        self.sign_in_failed.emit(message)

    def _on_retry_allowed(self) -> None:
        self.sign_in_button.setEnabled(True)

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        self.passphrase_edit.setFocus()

    def done(self, result: int) -> None:
        remove_listener(self._listener)
        super().done(result)
