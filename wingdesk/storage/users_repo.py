"""SQL for staff accounts and local settings."""

from __future__ import annotations

from wingdesk.domain.people import User
from wingdesk.domain.roles import Role
from wingdesk.storage.base_repo import BaseRepo, Row

_COLS = "id, username, display_name, role, discipline, public_key, created_at, removed_at, grant_recipient"


def _user(row: Row) -> User:
    return User(row[0], row[1], row[2], Role(row[3]), row[4], bytes(row[5]), row[6], row[7], row[8])


class UsersRepo(BaseRepo):
    def add_user(self, user: User) -> None:
        self.execute(f"INSERT INTO users ({_COLS}) VALUES (?,?,?,?,?,?,?,?,?)",
                     (user.id, user.username, user.display_name, str(user.role), user.discipline,
                      user.public_key, user.created_at, user.removed_at, user.grant_recipient))

    def get_user(self, user_id: str) -> User | None:
        row = self.query_one(f"SELECT {_COLS} FROM users WHERE id = ?", (user_id,))
        return _user(row) if row else None

    def find_user(self, username: str) -> User | None:
        row = self.query_one(f"SELECT {_COLS} FROM users WHERE username = ? AND removed_at IS NULL", (username,))
        return _user(row) if row else None

    def list_users(self, include_removed: bool = False) -> list[User]:
        where = "" if include_removed else "WHERE removed_at IS NULL"
        return [_user(r) for r in self.query(f"SELECT {_COLS} FROM users {where} ORDER BY username")]

    def set_user_keys(self, user_id: str, public_key: bytes, grant_recipient: str) -> None:
        self.execute("UPDATE users SET public_key = ?, grant_recipient = ? WHERE id = ?",
                     (public_key, grant_recipient, user_id))

    def add_key_announcement(self, announcement_id: str, user_id: str, role: str, public_key: bytes, at: str,
                             admin_id: str, admin_sig: bytes) -> None:
        self.execute("INSERT INTO user_key_announcements (id, user_id, role, public_key, announced_at, admin_id, "
                     "admin_sig) VALUES (?,?,?,?,?,?,?)",
                     (announcement_id, user_id, role, public_key, at, admin_id, admin_sig))

    def request_clinical_grant(self, user_id: str, at: str) -> None:
        self.execute("INSERT INTO clinical_grants (user_id, sealed, requested_at) VALUES (?, NULL, ?) "
                     "ON CONFLICT (user_id) DO UPDATE SET sealed = NULL", (user_id, at))

    def pending_clinical_grants(self) -> list[str]:
        return [r[0] for r in self.query("SELECT user_id FROM clinical_grants WHERE sealed IS NULL")]

    def fulfil_clinical_grant(self, user_id: str, sealed: bytes) -> None:
        self.execute("UPDATE clinical_grants SET sealed = ? WHERE user_id = ?", (sealed, user_id))

    def take_clinical_grant(self, user_id: str) -> bytes | None:
        row = self.query_one("SELECT sealed FROM clinical_grants WHERE user_id = ? AND sealed IS NOT NULL",
                             (user_id,))
        if row:
            self.execute("DELETE FROM clinical_grants WHERE user_id = ?", (user_id,))
        return bytes(row[0]) if row else None

    def mark_user_removed(self, user_id: str, at: str) -> None:
        """Removed accounts keep their name on their records; an unsaved draft of theirs goes."""
        self.execute("UPDATE users SET removed_at = ? WHERE id = ?", (at, user_id))
        self.execute("DELETE FROM drafts WHERE user_id = ?", (user_id,))

    def get_meta(self, key: str) -> str | None:
        row = self.query_one("SELECT value FROM meta WHERE key = ?", (key,))
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.execute("INSERT INTO meta (key, value) VALUES (?, ?) "
                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))

    def get_setting(self, key: str) -> str | None:
        row = self.query_one("SELECT value FROM settings WHERE key = ?", (key,))
        return row[0] if row else None

    def set_setting(self, key: str, value: str) -> None:
        self.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))
