"""Administration: staff accounts and lock-outs, auto-lock setting, and the audit log with chain verification.

What each role gets comes from the policy: the administrator everything; the supervisor only the accounts with
failed sign-ins and the Unlock button (its one right); the governor the staff list and the audit log, read-only."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
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

from wingdesk.domain.errors import WingError
from wingdesk.domain.roles import Role
from wingdesk.domain.special_groups import YOUNG_AGE_RANGE
from wingdesk.domain.throttle import is_locked
from wingdesk.gui.dialogs.confirm_password import ask_password
from wingdesk.gui.dialogs.user_dialogs import AddUserDialog, ResetPasswordDialog
from wingdesk.gui.models.users_table_model import UsersTableModel
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.widgets.audit_viewer import AuditViewer
from wingdesk.gui.widgets.backup_panel import BackupPanel
from wingdesk.gui.widgets.deadline_settings_row import DeadlineSettingsRow
from wingdesk.gui.widgets.message_bar import MessageBar, ask_yes_no
from wingdesk.gui.widgets.record_deletion import RecordDeletion
from wingdesk.gui.widgets.region_setting_row import RegionSettingRow
from wingdesk.i18n import _, ngettext
from wingdesk.i18n.sync_messages import describe_sync
from wingdesk.services.policy import Action, Resource, Scope, scope_for

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices


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
        self.can_unlock = scope_for(role, Action.ADMINISTER, Resource.USERS) is not None  # supervisors too
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
        self.from_hq_button = QPushButton()  # a new PC rebuilt from HQ (issue 22 item 4)
        self.choose_package: Callable[[], str] = lambda: QFileDialog.getOpenFileName(
            self, _("HQ's package for this PC"), "", _("Successor package (*.wdb);;All files (*)"))[0]
        self.idle_spin = QSpinBox()
        self.idle_spin.setRange(1, 60)
        self.idle_caption, self.idle_save = QLabel(), QPushButton()
        self.idle_caption.setBuddy(self.idle_spin)
        self.young_spin, self.young_caption = QSpinBox(), QLabel()  # who counts as a young adult (issue 14 item 1)
        self.young_spin.setRange(*YOUNG_AGE_RANGE)
        self.young_caption.setBuddy(self.young_spin)
        self.deadlines = DeadlineSettingsRow(session, tasks) if self.can_settings else None  # issue 15 item 3
        if self.deadlines is not None:
            self.deadlines.said.connect(self.bar.show_ok)
            self.deadlines.failed.connect(self.bar.show_error)
        self.region = RegionSettingRow(session, tasks) if self.can_settings else None  # issue 15 item 1
        if self.region is not None:
            self.region.said.connect(self.bar.show_ok)
            self.region.failed.connect(self.bar.show_error)
        self.users_caption = QLabel()  # the supervisor's: what the list holds and what they can do
        self.users_caption.setWordWrap(True)
        self.viewer = AuditViewer(session, tasks)
        self.audit, self.audit_view = self.viewer.model, self.viewer.view
        self.verify_result, self.verify_button, self.verify_chain = (self.viewer.verify_result,
                                                                     self.viewer.verify_button,
                                                                     self.viewer.verify_chain)
        self.deletion = (RecordDeletion(session, tasks, self.viewer, ask_password,
                                        self.bar.show_ok, self.bar.show_error)
                         if scope_for(role, Action.DELETE, Resource.RECORD) else None)  # scenario 8: hard delete
        self.tabs = QTabWidget()
        can_back_up = scope_for(role, Action.EXPORT, Resource.BACKUP) is not None
        self.backups = BackupPanel(session, tasks) if can_back_up else None
        self._build_layout()
        self.add_button.clicked.connect(self._on_add)
        self.reset_button.clicked.connect(self._on_reset)
        self.unlock_button.clicked.connect(self._on_unlock)
        self.remove_button.clicked.connect(self._on_remove)
        self.from_hq_button.clicked.connect(self._on_restore_from_hq)
        self.idle_save.clicked.connect(self._on_idle_save)
        self.users_view.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.retranslate_ui()

    def _build_layout(self) -> None:
        users_tab = QWidget()
        box = QVBoxLayout(users_tab)
        row = QHBoxLayout()
        for button in (self.add_button, self.reset_button, self.unlock_button, self.remove_button,
                       self.from_hq_button):
            row.addWidget(button)
            button.setVisible(self.can_unlock if button is self.unlock_button else self.can_admin)
        row.addStretch(1)
        settings = QHBoxLayout()  # the wing's settings: one Save for both
        for widget in (self.idle_caption, self.idle_spin, self.young_caption, self.young_spin, self.idle_save):
            settings.addWidget(widget)
            widget.setVisible(self.can_settings)
        settings.addStretch(1)
        box.addWidget(self.users_caption)
        self.users_caption.setVisible(self.can_unlock and not self.can_read_users)
        box.addLayout(row)
        box.addLayout(settings)
        if self.deadlines is not None:
            box.addWidget(self.deadlines)
        if self.region is not None:
            box.addWidget(self.region)
        box.addWidget(self.users_view, 1)
        self.tabs.addTab(users_tab, "")
        self.tabs.addTab(self.viewer, "")
        self.tabs.setTabVisible(0, self.can_read_users or self.can_unlock)
        self.tabs.setTabVisible(1, self.can_read_audit)
        if self.backups is not None:  # issue 22: backups (gui/widgets/backup_panel.py)
            self.tabs.addTab(self.backups, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.tabs, 1)

    def title(self) -> str:
        return _("Administration")

    def retranslate_ui(self) -> None:
        accounts = _("Staff accounts") if self.can_read_users else _("Locked accounts")
        self.tabs.setTabText(0, accounts)
        self.tabs.setTabText(1, _("Audit log"))
        self.users_view.setAccessibleName(accounts)
        self._show_users_caption()
        self.viewer.retranslate_ui()
        if self.deletion is not None:
            self.deletion.retranslate_ui()
        if self.backups is not None:
            self.tabs.setTabText(2, _("Backups"))
            self.backups.retranslate_ui()
        for button, text, name in ((self.add_button, _("&Add user…"), _("Add user")),
                                   (self.reset_button, _("&Reset passphrase…"), _("Reset passphrase")),
                                   (self.unlock_button, _("&Unlock account"), _("Unlock account")),
                                   (self.remove_button, _("Re&move user…"), _("Remove user")),
                                   (self.from_hq_button, _("Records from &HQ…"),
                                    _("Write HQ's package of the PC this one replaces")),
                                   (self.idle_save, _("&Save settings"), _("Save auto-lock and young adult age"))):
            button.setText(text)
            button.setAccessibleName(name)
        self.idle_caption.setText(_("Auto-&lock after (minutes)"))
        self.idle_spin.setAccessibleName(_("Auto-lock after minutes"))
        self.young_caption.setText(_("&Young adult: under (years)"))
        self.young_spin.setAccessibleName(_("Young adult: under this age"))
        if self.deadlines is not None:
            self.deadlines.retranslate_ui()
        if self.region is not None:
            self.region.retranslate_ui()

    def refresh(self) -> None:
        users, reads = self.session.users, self.can_read_users

        prisoners = self.session.prisoners

        def load() -> tuple[list[Any], dict[str, int], set[str], int, int]:
            if not reads:  # the supervisor: only the accounts they may unlock
                return (*users.accounts_to_unlock(), users.idle_lock_seconds(), 0)
            listed, failures = users.list_users(), users.lockouts()
            locked = {u.username for u in listed if u.active and is_locked(failures.get(u.username, 0))}
            young = prisoners.young_adult_setting() if self.can_settings else 0
            return listed, failures, locked, users.idle_lock_seconds(), young

        if self.can_read_users or self.can_unlock:
            self.tasks.run(load, self._on_users, self.bar.show_error)
        if self.can_read_audit:
            self.viewer.refresh()
        if self.deadlines is not None:
            self.deadlines.refresh()
        if self.region is not None:
            self.region.refresh()

    def _show_users_caption(self) -> None:
        if self.users.rowCount() == 0:
            self.users_caption.setText(_("No account has failed sign-ins: there is nothing to unlock."))
        else:
            self.users_caption.setText(_("Accounts with failed sign-ins. Select a locked account and unlock it once "
                                         "you have checked who is asking; passphrases are reset by the "
                                         "administrator."))

    def _on_users(self, result: tuple[list[Any], dict[str, int], set[str], int, int]) -> None:
        users, failures, locked, idle, young = result
        self.users.set_rows(users, failures, locked)
        self._show_users_caption()
        self.idle_spin.setValue(max(1, idle // 60))
        if young:
            self.young_spin.setValue(young)
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

    def _on_restore_from_hq(self) -> None:
        """A new PC takes on the dead PC's records from HQ's successor package (services.successor)."""
        path = self.choose_package()
        if not path or not self._confirmed(_("Writing HQ's package adds the records, prisoners and accounts of the "
                                             "PC this one replaces.")):
            return
        successor = self.session.successor

        def write() -> Any:
            with open(path, "rb") as handle:
                return successor.restore_from_hq(handle.read())

        def done(result: Any) -> None:
            waiting = len(result.accounts)
            self.bar.show_ok(_("Written from HQ: {records} record versions and {prisoners} prisoners.").format(
                records=result.records, prisoners=result.prisoners) + " " + ngettext(
                "{n} account has no passphrase yet: select it and reset its passphrase.",
                "{n} accounts have no passphrase yet: select each and reset its passphrase.", waiting).format(
                n=waiting) + ("" if not result.unnamed else " " + ngettext(
                    "HQ does not hold the name of {n} prisoner: their prison number stands in for the name.",
                    "HQ does not hold the names of {n} prisoners: their prison number stands in for the name.",
                    result.unnamed).format(n=result.unnamed)) + ("" if not result.tombstones else " " + ngettext(
                    "{n} record deleted on that PC stays accounted for by its signed deletion statement.",
                    "{n} records deleted on that PC stay accounted for by their signed deletion statements.",
                    result.tombstones).format(n=result.tombstones)))
            self.refresh()

        def failed(error: BaseException) -> None:
            self.bar.show_error(describe_sync(error) if isinstance(error, WingError) else error)

        self.tasks.run(write, done, failed)

    def _on_idle_save(self) -> None:
        users, prisoners = self.session.users, self.session.prisoners
        seconds, young = self.idle_spin.value() * 60, self.young_spin.value()

        def save() -> None:
            users.set_idle_lock_seconds(seconds)
            if prisoners.young_adult_setting() != young:  # audited as a setting change only when it changes
                prisoners.set_young_adult_age(young)

        self.tasks.run(save, self._done(_("Auto-lock set to {n} minutes; young adults are under {age}.").format(
            n=seconds // 60, age=young)), self.bar.show_error)
