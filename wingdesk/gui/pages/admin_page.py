"""Administration: staff accounts and lock-outs, auto-lock setting, and the audit log with chain verification."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wingdesk.domain.roles import Role
from wingdesk.gui.dialogs.confirm_password import ask_password
from wingdesk.gui.dialogs.user_dialogs import AddUserDialog, ResetPasswordDialog
from wingdesk.gui.models.audit_table_model import AuditTableModel
from wingdesk.gui.models.users_table_model import UsersTableModel
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.widgets.backup_panel import BackupPanel
from wingdesk.gui.widgets.message_bar import MessageBar, ask_yes_no
from wingdesk.i18n import N_, _, ngettext
from wingdesk.services.policy import Action, Resource, Scope, scope_for

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices

_REASONS = {"missing_or_reordered": N_("an entry is missing or out of order"),
            "broken_link": N_("the link to the previous entry is broken"),
            "hash_mismatch": N_("its content does not match its hash"), "unreadable": N_("it cannot be read")}


def _table(model: Any) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class AdminPage(QWidget):
    def __init__(self, session: WingServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks = session, tasks
        role = Role(session.user.role)
        self.can_admin = scope_for(role, Action.ADMINISTER, Resource.USERS) is Scope.ALL
        self.can_read_users = scope_for(role, Action.READ, Resource.USERS) is not None
        self.can_read_audit = scope_for(role, Action.READ, Resource.AUDIT) is not None
        self.can_settings = scope_for(role, Action.ADMINISTER, Resource.SETTINGS) is not None
        self.ask_password, self.confirm = ask_password, ask_yes_no  # replaced in tests
        self.exec_dialog: Callable[[QDialog], bool] = lambda dialog: dialog.exec() == QDialog.DialogCode.Accepted
        self.bar = MessageBar()
        self.users = UsersTableModel(self)
        self.users_view = _table(self.users)
        self.add_button, self.reset_button = QPushButton(), QPushButton()
        self.unlock_button, self.remove_button = QPushButton(), QPushButton()
        self.idle_spin = QSpinBox()
        self.idle_spin.setRange(1, 60)
        self.idle_caption, self.idle_save = QLabel(), QPushButton()
        self.idle_caption.setBuddy(self.idle_spin)
        self.audit = AuditTableModel(session, tasks, self)
        self.audit_view = _table(self.audit)
        self.audit_caption, self.verify_result = QLabel(), QLabel()
        self.verify_result.setWordWrap(True)
        self.verify_button = QPushButton()
        self.tabs = QTabWidget()
        can_back_up = scope_for(role, Action.EXPORT, Resource.BACKUP) is not None
        self.backups = BackupPanel(session, tasks) if can_back_up else None
        self._build_layout()
        self.add_button.clicked.connect(self._on_add)
        self.reset_button.clicked.connect(self._on_reset)
        self.unlock_button.clicked.connect(self._on_unlock)
        self.remove_button.clicked.connect(self._on_remove)
        self.idle_save.clicked.connect(self._on_idle_save)
        self.verify_button.clicked.connect(self.verify_chain)
        self.users_view.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.retranslate_ui()

    def _build_layout(self) -> None:
        users_tab = QWidget()
        box = QVBoxLayout(users_tab)
        row = QHBoxLayout()
        for button in (self.add_button, self.reset_button, self.unlock_button, self.remove_button):
            row.addWidget(button)
            button.setVisible(self.can_admin)
        row.addStretch(1)
        for widget in (self.idle_caption, self.idle_spin, self.idle_save):
            row.addWidget(widget)
            widget.setVisible(self.can_settings)
        box.addLayout(row)
        box.addWidget(self.users_view, 1)
        audit_tab = QWidget()
        abox = QVBoxLayout(audit_tab)
        arow = QHBoxLayout()
        arow.addWidget(self.audit_caption, 1)
        arow.addWidget(self.verify_button)
        abox.addLayout(arow)
        abox.addWidget(self.verify_result)
        abox.addWidget(self.audit_view, 1)
        self.tabs.addTab(users_tab, "")
        self.tabs.addTab(audit_tab, "")
        self.tabs.setTabVisible(0, self.can_read_users)
        self.tabs.setTabVisible(1, self.can_read_audit)
        if self.backups is not None:  # issue 22: backups (gui/widgets/backup_panel.py)
            self.tabs.addTab(self.backups, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.tabs, 1)

    def title(self) -> str:
        return _("Administration")

    def retranslate_ui(self) -> None:
        self.tabs.setTabText(0, _("Staff accounts"))
        self.tabs.setTabText(1, _("Audit log"))
        if self.backups is not None:
            self.tabs.setTabText(2, _("Backups"))
            self.backups.retranslate_ui()
        self.users_view.setAccessibleName(_("Staff accounts"))
        self.audit_view.setAccessibleName(_("Audit log entries"))
        for button, text, name in ((self.add_button, _("&Add user…"), _("Add user")),
                                   (self.reset_button, _("&Reset passphrase…"), _("Reset passphrase")),
                                   (self.unlock_button, _("&Unlock account"), _("Unlock account")),
                                   (self.remove_button, _("Re&move user…"), _("Remove user")),
                                   (self.idle_save, _("Save"), _("Save auto-lock minutes")),
                                   (self.verify_button, _("&Verify chain"), _("Verify audit chain"))):
            button.setText(text)
            button.setAccessibleName(name)
        self.idle_caption.setText(_("Auto-&lock after (minutes)"))
        self.idle_spin.setAccessibleName(_("Auto-lock after minutes"))
        self.audit_caption.setText(ngettext("{n} audit entry. Only identifiers and hashes are logged, never record "
                                            "content.", "{n} audit entries. Only identifiers and hashes are "
                                            "logged, never record content.", self.audit.total()).format(
            n=self.audit.total()))

    def refresh(self) -> None:
        if self.can_read_users:
            users = self.session.users

            def load() -> tuple[list[Any], dict[str, int], set[str], int]:
                listed = users.list_users()
                locked = {u.username for u in listed if u.active and users.is_locked(u.username)}
                return listed, users.lockouts(), locked, users.idle_lock_seconds()

            self.tasks.run(load, self._on_users, self.bar.show_error)
        if self.can_read_audit:
            self.audit.modelReset.connect(self.retranslate_ui, Qt.ConnectionType.UniqueConnection)
            self.audit.reload()

    def _on_users(self, result: tuple[list[Any], dict[str, int], set[str], int]) -> None:
        users, failures, locked, idle = result
        self.users.set_rows(users, failures, locked)
        self.audit.names = {u.id: u.display_name for u in users}
        self.idle_spin.setValue(max(1, idle // 60))
        self._update_buttons()

    def selected(self) -> Any:
        return self.users.user(self.users_view.currentIndex().row())

    def _update_buttons(self, *_args: Any) -> None:
        user = self.selected()
        active = user is not None and user.active
        self.reset_button.setEnabled(active)
        self.remove_button.setEnabled(active and user.id != self.session.user.id)
        self.unlock_button.setEnabled(active and self.users.is_locked(user.username))

    # --- actions ---------------------------------------------------------------------------------
    def _done(self, message: str) -> Any:
        def finish(_result: Any) -> None:
            self.bar.show_ok(message)
            self.refresh()
        return finish

    def _confirmed(self, reason: str) -> bool:
        return bool(self.ask_password(self.session, self.tasks, reason, self))

    def _on_add(self) -> None:
        dialog = AddUserDialog(self)
        accepted = self.exec_dialog(dialog)
        values = dialog.values()
        dialog.deleteLater()
        if not accepted or not self._confirmed(_("Adding an account gives a role access to this wing.")):
            return
        users = self.session.users
        self.tasks.run(lambda: users.add_user(**values), self._done(_("Account {username} added.").format(
            username=values["username"])), self.bar.show_error)

    def _on_reset(self) -> None:
        user = self.selected()
        if user is None:
            return
        dialog = ResetPasswordDialog(user.username, self)
        accepted, passphrase = self.exec_dialog(dialog), dialog.passphrase.text()
        dialog.deleteLater()
        if not accepted or not self._confirmed(_("Setting a new passphrase replaces this person's key.")):
            return
        users = self.session.users
        self.tasks.run(lambda: users.reset_password(user.username, passphrase),
                       self._done(_("New passphrase set for {username}.").format(username=user.username)),
                       self.bar.show_error)

    def _on_unlock(self) -> None:
        user = self.selected()
        if user is not None:
            users = self.session.users
            self.tasks.run(lambda: users.unlock_account(user.username),
                           self._done(_("Account {username} unlocked.").format(username=user.username)),
                           self.bar.show_error)

    def _on_remove(self) -> None:
        user = self.selected()
        if user is None or not self.confirm(self, _("Remove user"), _(
                "Remove the account {username}? The wing's data key is rotated; this cannot be undone.").format(
                username=user.username), _("Remove")):
            return
        if not self._confirmed(_("Removing an account rotates the wing's data key.")):
            return
        users = self.session.users
        self.tasks.run(lambda: users.remove_user(user.username),
                       self._done(_("Account {username} removed.").format(username=user.username)),
                       self.bar.show_error)

    def _on_idle_save(self) -> None:
        users, seconds = self.session.users, self.idle_spin.value() * 60
        self.tasks.run(lambda: users.set_idle_lock_seconds(seconds),
                       self._done(_("Auto-lock set to {n} minutes.").format(n=seconds // 60)), self.bar.show_error)

    def verify_chain(self) -> None:
        self.verify_button.setEnabled(False)
        self.verify_result.setStyleSheet("")
        self.verify_result.setText(_("Checking every entry of the audit chain…"))
        audit = self.session.audit
        self.tasks.run(audit.verify_chain, self._on_verified, self._on_verify_failed)

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
            self.audit.set_bad_seq(report.first_bad_seq)
            row = self.audit.row_of_seq(report.first_bad_seq)
            if row >= 0:
                self.audit_view.selectRow(row)
                self.audit_view.scrollTo(self.audit.index(row, 0))
        self.verify_result.setText(text)
        self.verify_result.setAccessibleName(text)

    def _on_verify_failed(self, error: BaseException) -> None:
        self.verify_button.setEnabled(True)
        self.bar.show_error(error)
