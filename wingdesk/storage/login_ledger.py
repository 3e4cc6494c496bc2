"""The login counters as the open database sees them: the file checked against its anchor, holds on accounts.

The database keeps the anchor's MAC key, the anchor (epoch and sequence) and, per account, a hold that only a
supervisor's unlock lifts (meta rows `login_mac_key`, `login_anchor`, `login_hold:<user id>`). See throttle_file.py.
"""

from __future__ import annotations

import os

from wingdesk.domain.throttle import LOCK_AFTER
from wingdesk.storage.repository import SqlRepository
from wingdesk.storage.throttle_file import ThrottleFile

LOGIN_KEY, LOGIN_ANCHOR, LOGIN_HOLD = "login_mac_key", "login_anchor", "login_hold:"


class LoginLedger:
    def __init__(self, throttle: ThrottleFile, repo: SqlRepository, db_uuid: str) -> None:
        self.throttle, self.repo, self.db_uuid = throttle, repo, db_uuid

    def _key(self) -> bytes:
        stored = self.repo.get_meta(LOGIN_KEY)
        if stored is None:
            stored = os.urandom(32).hex()
            with self.repo.transaction():
                self.repo.set_meta(LOGIN_KEY, stored)
        return bytes.fromhex(stored)

    def anchor(self) -> tuple[str, int] | None:
        stored = self.repo.get_meta(LOGIN_ANCHOR)
        if not stored:
            return None
        epoch, _, seq = stored.partition(":")
        return epoch, int(seq)

    def check(self) -> str | None:
        """None, or why the counter file does not follow from the database: missing/damaged/edited/rewound."""
        return self.throttle.verify(self._key(), self.db_uuid, self.anchor())

    def _seal(self, **options: object) -> list[dict[str, str]]:
        with self.repo.transaction():
            (epoch, seq), taken = self.throttle.seal(self._key(), self.db_uuid, **options)  # type: ignore[arg-type]
            self.repo.set_meta(LOGIN_ANCHOR, f"{epoch}:{seq}")
        return taken

    def take_events(self, *, after_tampering: bool = False) -> list[dict[str, str]]:
        """Empty the queue into the caller's audit transaction and anchor the counts; after tampering no count
        from the file is believed (the accounts are held instead) and a new epoch starts."""
        if after_tampering:
            return self._seal(take_events=True, trust_counts=False, epoch=os.urandom(16).hex())
        return self._seal(take_events=True)

    def hold(self, user_id: str, reason: str) -> None:
        self.repo.set_meta(LOGIN_HOLD + user_id, reason)

    def held(self, user_id: str) -> str | None:
        return self.repo.get_meta(LOGIN_HOLD + user_id)

    def failures(self, username: str) -> tuple[int, float]:
        count, last = self.throttle.failures(username)
        user = self.repo.find_user(username)
        if user is not None and self.held(user.id):
            count = max(count, LOCK_AFTER)
        return count, last

    def clear(self, username: str) -> None:
        """A successful sign-in or a supervisor's unlock: the count and any hold go."""
        with self.repo.transaction():
            self._seal(forget=username)
            user = self.repo.find_user(username)
            if user is not None:
                self.repo.execute("DELETE FROM meta WHERE key = ?", (LOGIN_HOLD + user.id,))
