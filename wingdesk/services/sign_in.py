"""Signing in: throttle and lock-out around the vault, audit of attempts, then the session's services."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any, Protocol

from wingdesk.domain import throttle
from wingdesk.domain.errors import AuthError
from wingdesk.domain.records import iso
from wingdesk.domain.wording import WordList
from wingdesk.services.audit_trail import AuditTrail
from wingdesk.services.context import ServiceContext, SystemClock


class Opener(Protocol):
    """What the vault offers before a session exists (implemented by storage.vault.WingVault)."""

    def open(self, username: str, passphrase: bytearray) -> Any: ...
    def failures(self, username: str) -> tuple[int, float]: ...
    def record_failure(self, username: str, event: str, when_iso: str) -> int: ...
    def clear_failures(self, username: str) -> None: ...
    def take_pending_events(self) -> list[dict[str, str]]: ...


def check_throttle(opener: Opener, username: str, now: float) -> None:
    failures, last = opener.failures(username)
    if throttle.is_locked(failures):
        raise AuthError("account_locked", failures=failures)
    wait = throttle.delay_after(failures) - (now - last)
    if wait > 0:
        raise AuthError("throttled", wait=math.ceil(wait), failures=failures)


def sign_in(opener: Opener, username: str, passphrase: bytearray, *, clock: Any = None,
            wordlists: list[WordList] | None = None, blocklist: frozenset[str] = frozenset(),
            session_factory: Callable[[ServiceContext], Any] | None = None) -> Any:
    """Return the session's service facade, or raise AuthError with the delay or lock that now applies."""
    clock = clock or SystemClock()
    username = username.strip()
    try:
        check_throttle(opener, username, time.time())
    except AuthError as error:
        opener.record_failure(username, "login_refused_" + error.code, iso(clock.now()))
        raise
    try:
        opened = opener.open(username, passphrase)
    except AuthError as error:
        if error.code not in ("wrong_password", "wrong_key"):
            raise
        count = opener.record_failure(username, "login_failed", iso(clock.now()))
        if throttle.is_locked(count):
            raise AuthError("account_locked", failures=count) from None
        raise AuthError("wrong_password", failures=count, wait=throttle.delay_after(count)) from None
    opener.clear_failures(username)
    ctx = ServiceContext(opened.repo, opened.keyring, opened.vault, opened.user, opened.wing, clock,
                         wordlists or [], blocklist)
    audit = AuditTrail(ctx.repo, ctx.keyring, clock)
    with ctx.repo.transaction():
        for event in opener.take_pending_events():
            audit.append(event.get("user", "?"), event.get("event", "login_failed"), "session")
        audit.append(opened.user.id, "login", "session")
    if session_factory is None:
        from wingdesk.services.wing import WingServices

        session_factory = WingServices
    session = session_factory(ctx)
    if opened.keyring.has_clinical and hasattr(session, "treatment"):
        session.treatment.grant_pending_clinical_keys()  # colleagues added since we last signed in
    return session
