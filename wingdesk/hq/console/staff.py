"""HQ staff accounts for the console: a name, a role, an Argon2id verifier of the passphrase, and the count of
failed sign-ins that throttles and then locks the account as the wing does (domain.throttle, security.md §2.9).

The table lives beside HQ's own (created if missing, on SQLite and PostgreSQL alike); a verifier is the Argon2id
output of the passphrase under the account's own salt, compared in constant time. A name that is not an account
costs the same derivation, so timing does not tell which names exist.
"""

from __future__ import annotations

import hmac
import json
import math
import re
import threading
from dataclasses import dataclass
from datetime import datetime

from wingdesk.crypto.kdf import KdfParams, derive, floor_params
from wingdesk.domain import throttle
from wingdesk.domain.passwords import check_passphrase
from wingdesk.hq.keystore import normalise_passphrase
from wingdesk.hq.store import SqlStore
from wingdesk.storage.resources import load_blocklist
from wingdesk.sync.reference import utc_text

ROLES = ("hq_admin", "analyst", "hq_security")
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}")
_DUMMY = KdfParams(64 * 1024, 3, 4, b"wingdesk-console-no-such-account")
# Sign-ins derive at once at most this many times (64 MiB each): a burst of sign-in posts waits its turn instead
# of taking a thread and 64 MiB apiece from the server's pool
_DERIVING = threading.BoundedSemaphore(2)

_DDL = """CREATE TABLE IF NOT EXISTS console_staff (
    name_key TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    kdf TEXT NOT NULL,
    verifier {blob} NOT NULL,
    created_at TEXT NOT NULL,
    failures {int} NOT NULL DEFAULT 0,
    last_failure {int} NOT NULL DEFAULT 0
){strict}"""


class StaffError(Exception):
    """A refusal with a stable code (translated by the caller); `wait` is seconds for `throttled`."""

    def __init__(self, code: str, wait: int = 0) -> None:
        super().__init__(code)
        self.code, self.wait = code, wait


@dataclass(frozen=True)
class StaffAccount:
    name: str
    role: str
    failures: int


def ensure_table(store: SqlStore) -> None:
    types = {"blob": "BYTEA", "int": "BIGINT", "strict": ""} if store.postgres else {
        "blob": "BLOB", "int": "INTEGER", "strict": " STRICT"}
    with store.transaction() as repo:
        repo._exec(_DDL.format(**types))


def _key(name: str) -> str:
    return name.casefold()


def add_staff(store: SqlStore, name: str, role: str, passphrase: str, now: datetime) -> StaffAccount:
    """A new account; the passphrase must meet the wings' policy (15 characters or more, not a common one)."""
    if not NAME.fullmatch(name):
        raise StaffError("bad_name")
    if role not in ROLES:
        raise StaffError("bad_role")
    check_passphrase(passphrase, load_blocklist(), (name,))
    params = floor_params()
    verifier = bytes(derive(normalise_passphrase(passphrase), params))
    with store.transaction() as repo:
        if repo._one("SELECT 1 FROM console_staff WHERE name_key = ?", (_key(name),)) is not None:
            raise StaffError("name_taken")
        repo._exec("INSERT INTO console_staff (name_key, name, role, kdf, verifier, created_at) "
                   "VALUES (?, ?, ?, ?, ?, ?)",
                   (_key(name), name, role, json.dumps(params.to_json()), verifier, utc_text(now)))
        repo.audit(utc_text(now), "console_staff_added", "", "", f"staff={name} role={role}")
    return StaffAccount(name, role, 0)


def unlock_staff(store: SqlStore, name: str, now: datetime) -> None:
    with store.transaction() as repo:
        if repo._exec("UPDATE console_staff SET failures = 0 WHERE name_key = ?", (_key(name),)) != 1:
            raise StaffError("no_such_staff")
        repo.audit(utc_text(now), "console_staff_unlocked", "", "", f"staff={name}")


def sign_in(store: SqlStore, name: str, passphrase: str, now: float) -> StaffAccount:
    """The account, or StaffError: `wrong_password`, `throttled` (with the wait) or `account_locked`.
    `now` is seconds since the epoch (the throttle's delays are measured against the last failure)."""
    with store.transaction(write=False) as repo:
        row = repo._one("SELECT name, role, kdf, verifier, failures, last_failure FROM console_staff "
                        "WHERE name_key = ?", (_key(name.strip()),))
    if row is None:
        with _DERIVING:
            derive(normalise_passphrase(passphrase), _DUMMY)  # the same cost as a real account's check
        raise StaffError("wrong_password")
    account_name, role, kdf, verifier, failures, last_failure = row
    if throttle.is_locked(failures):
        raise StaffError("account_locked")
    wait = throttle.delay_after(failures) - (now - last_failure)
    if wait > 0:
        raise StaffError("throttled", math.ceil(wait))
    with _DERIVING:
        derived = bytes(derive(normalise_passphrase(passphrase), KdfParams.from_json(json.loads(kdf))))
    if not hmac.compare_digest(derived, bytes(verifier)):
        count = _record_failure(store, account_name, now)
        if throttle.is_locked(count):
            raise StaffError("account_locked")
        raise StaffError("wrong_password", throttle.delay_after(count))
    if failures:
        with store.transaction() as repo:
            repo._exec("UPDATE console_staff SET failures = 0 WHERE name_key = ?", (_key(account_name),))
    return StaffAccount(account_name, role, 0)


def _record_failure(store: SqlStore, name: str, now: float) -> int:
    with store.transaction() as repo:
        repo._exec("UPDATE console_staff SET failures = failures + 1, last_failure = ? WHERE name_key = ?",
                   (int(now), _key(name)))
        row = repo._one("SELECT failures FROM console_staff WHERE name_key = ?", (_key(name),))
    return int(row[0]) if row else 0


def role_of(store: SqlStore, name: str) -> str | None:
    """The account's role now (a session re-reads it, so a changed role applies at once); None if it is gone."""
    with store.transaction(write=False) as repo:
        row = repo._one("SELECT role FROM console_staff WHERE name_key = ?", (_key(name),))
    return None if row is None else str(row[0])
