"""Signing in: throttle and lock-out around the vault, audit of attempts, then the session's services."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypeVar

from wingdesk.domain import throttle
from wingdesk.domain.errors import AuthError
from wingdesk.domain.people import User
from wingdesk.domain.records import iso
from wingdesk.domain.roles import Role
from wingdesk.domain.wording import WordList
from wingdesk.services.audit_trail import AuditTrail
from wingdesk.services.context import ServiceContext, SystemClock
from wingdesk.services.policy import POLICY, Action, Resource
from wingdesk.services.ports import Clock, Keyring, SyncPort, Vault
from wingdesk.services.repository_ports import Repository

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices


class Opened(Protocol):
    """An unlocked wing: its repository, the user's keys, the vault and who signed in to which wing."""

    @property
    def repo(self) -> Repository: ...
    @property
    def keyring(self) -> Keyring: ...
    @property
    def vault(self) -> Vault: ...
    @property
    def user(self) -> User: ...
    @property
    def wing(self) -> str: ...


OpenedT = TypeVar("OpenedT", bound=Opened)
OpenedT_co = TypeVar("OpenedT_co", bound=Opened, covariant=True)


class Opener(Protocol[OpenedT_co]):
    """What the vault offers before a session exists (implemented by storage.vault.WingVault)."""

    def open(self, username: str, passphrase: bytearray) -> OpenedT_co: ...
    def failures(self, username: str) -> tuple[int, float]: ...
    def record_failure(self, username: str, event: str, when_iso: str) -> int: ...
    def clear_failures(self, username: str) -> None: ...
    def take_pending_events(self) -> list[dict[str, str]]: ...
    def counter_tampering(self) -> str | None: ...
    def hold_account(self, user_id: str, reason: str) -> None: ...
    def account_held(self, user_id: str) -> bool: ...
    def close(self) -> None: ...


def check_throttle(opener: Opener[Opened], username: str, now: float) -> None:
    failures, last = opener.failures(username)
    if throttle.is_locked(failures):
        raise AuthError("account_locked", failures=failures)
    wait = throttle.delay_after(failures) - (now - last)
    if wait > 0:
        raise AuthError("throttled", wait=math.ceil(wait), failures=failures)


def can_unlock(role: Role) -> bool:
    return (role, Action.ADMINISTER, Resource.USERS) in POLICY


def _audit_attempts(opener: Opener[Opened], opened: Opened, audit: AuditTrail) -> bool:
    """Queued attempts into the audit log; a tampered counter file is audited and holds every account no
    supervisor's unlock could otherwise reach (a supervisor must stay able to sign in and lift the holds).
    True when the account signing in is held."""
    user = opened.user
    with opened.repo.transaction():
        tampering = opener.counter_tampering()
        for event in opener.take_pending_events():
            actor = event.get("user", "?")
            audit.append("?" if actor.startswith("?") else actor, event.get("event", "login_failed"), "session")
        if tampering is not None:
            audit.append(user.id, "login_counter_tampered", f"logins:{tampering}")
            for other in opened.repo.list_users():
                if other.active and not can_unlock(other.role):
                    opener.hold_account(other.id, "counter_" + tampering)
        held = opener.account_held(user.id)
        if held:
            audit.append(user.id, "login_refused_held", f"user:{user.id}")
    return held


def sign_in(opener: Opener[OpenedT], username: str, passphrase: bytearray, *, clock: Clock | None = None,
            wordlists: list[WordList] | None = None, blocklist: frozenset[str] = frozenset(),
            sync_factory: Callable[[OpenedT], SyncPort] | None = None) -> WingServices:
    """Return the session's services, or raise AuthError with the delay or lock that now applies.

    `sync_factory` builds the sync adapter over the opened wing (its concrete repository), when sync is installed.
    """
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
    audit = AuditTrail(opened.repo, opened.keyring, clock, opened.user.id)
    try:
        held = _audit_attempts(opener, opened, audit)
    except BaseException:
        opener.close()
        raise
    if held:
        opener.close()
        raise AuthError("account_locked", failures=throttle.LOCK_AFTER)
    opener.clear_failures(username)
    ctx = ServiceContext(opened.repo, opened.keyring, opened.vault, opened.user, opened.wing, clock,
                         wordlists or [], blocklist, sync_factory(opened) if sync_factory is not None else None)
    with ctx.repo.transaction():
        audit.append(opened.user.id, "login", "session")
    from wingdesk.services.wing import WingServices  # the services load after the slow unlock

    session = WingServices(ctx)
    if opened.keyring.has_clinical:
        session.treatment.grant_pending_clinical_keys()  # colleagues added since we last signed in
    return session
