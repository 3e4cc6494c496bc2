"""Table model of staff accounts with role, discipline and lock-out state."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from wingdesk.domain.people import User
from wingdesk.gui.labels import code_label as label
from wingdesk.gui.labels import role_label
from wingdesk.gui.models.rows_model import RowsTableModel
from wingdesk.i18n import _, ngettext
from wingdesk.i18n.formats import format_date

_Index = QModelIndex | QPersistentModelIndex


class UsersTableModel(RowsTableModel):
    USERNAME, NAME, ROLE, DISCIPLINE, CREATED, STATE = range(6)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[User] = []
        self._failures: dict[str, int] = {}
        self._locked: set[str] = set()

    def set_rows(self, users: list[User], failures: dict[str, int], locked: set[str]) -> None:
        self.beginResetModel()
        self._rows = sorted(users, key=lambda u: (not u.active, u.username))
        self._failures, self._locked = failures, locked
        self.endResetModel()

    def user(self, row: int) -> User | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def is_locked(self, username: str) -> bool:
        return username in self._locked

    def headers(self) -> tuple[str, ...]:
        return (_("User name"), _("Name"), _("Role"), _("Discipline"), _("Created"), _("State"))

    def state_text(self, user: User) -> str:
        if not user.active:
            return _("Removed")
        if user.username in self._locked:
            return _("LOCKED OUT")
        if not user.grant_recipient:  # from HQ's successor package (issue 22 item 4): no key slot yet
            return _("No passphrase yet: reset it to let this person sign in")
        failures = self._failures.get(user.username, 0)
        if failures:
            return ngettext("Active ({n} failed sign-in)", "Active ({n} failed sign-ins)", failures).format(n=failures)
        return _("Active")

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        user = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.ForegroundRole and not user.active:
            return QBrush(QColor("#666666"))
        if role == Qt.ItemDataRole.BackgroundRole and user.username in self._locked and col == self.STATE:
            return QBrush(QColor("#fde7e9"))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        values = (user.username, user.display_name, role_label(str(user.role)),
                  label(user.discipline) if user.discipline else "", format_date(user.created_at[:10]),
                  self.state_text(user))
        return values[col]
