"""Unsaved forms kept over a lock (table `drafts`): one per person and form."""

from __future__ import annotations

from wingdesk.storage.base_repo import BaseRepo


class DraftsRepo(BaseRepo):
    def put_draft(self, user_id: str, form: str, fields: str, saved_at: str) -> None:
        """Keep `fields` (JSON text) for the person and form, replacing an older draft of the same form."""
        self.execute("INSERT INTO drafts (user_id, form, fields, saved_at) VALUES (?, ?, ?, ?) "
                     "ON CONFLICT (user_id, form) DO UPDATE SET fields = excluded.fields, saved_at = excluded.saved_at",
                     (user_id, form, fields, saved_at))

    def take_draft(self, user_id: str, form: str) -> tuple[str, str] | None:
        """(fields, saved_at) of the person's draft of `form`, removed as it is read; None when there is none."""
        with self.transaction():
            row = self.query_one("SELECT fields, saved_at FROM drafts WHERE user_id = ? AND form = ?", (user_id, form))
            if row:
                self.execute("DELETE FROM drafts WHERE user_id = ? AND form = ?", (user_id, form))
        return (row[0], row[1]) if row else None
