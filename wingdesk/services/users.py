"""Staff accounts: add, list, remove (with data-key rotation), reset, unlock, change own password, settings."""

from __future__ import annotations

from wingdesk.domain.authorship import user_key_statement
from wingdesk.domain.errors import NotFound, ValidationError
from wingdesk.domain.passwords import check_passphrase, normalise
from wingdesk.domain.people import User
from wingdesk.domain.records import iso, new_id
from wingdesk.domain.roles import Discipline, Role
from wingdesk.domain.schema import Field
from wingdesk.domain.throttle import is_locked
from wingdesk.services.gateway import GuardedService, guarded, self_service
from wingdesk.services.policy import Action, Resource, Scope

_USERNAME = Field("username", "line", required=True, max_len=40)
MIN_IDLE, MAX_IDLE = 60, 3600


def passphrase_bytes(passphrase: str | bytearray) -> bytearray:
    if isinstance(passphrase, bytearray):
        return passphrase
    return bytearray(normalise(passphrase).encode("utf-8"))


class UserService(GuardedService):
    def _check_new_passphrase(self, passphrase: str, username: str, display_name: str) -> None:
        check_passphrase(passphrase, self.ctx.blocklist, (username, *display_name.split()))

    @guarded(Action.ADMINISTER, Resource.USERS)
    def add_user(self, username: str, display_name: str, role: Role, passphrase: str,
                 discipline: str | None = None) -> User:
        if self.gateway.scope(Action.ADMINISTER, Resource.USERS) is not Scope.ALL:
            raise self.gateway.deny(Action.ADMINISTER, Resource.USERS, "add")
        username = _USERNAME.clean(username)
        if not username.replace(".", "").replace("_", "").replace("-", "").isalnum():
            raise ValidationError("bad_username", field="username")
        display_name = Field("display_name", "line", required=True, max_len=100).clean(display_name)
        if role is Role.TREATMENT:
            if discipline not in {d.value for d in Discipline}:
                raise ValidationError("bad_choice", field="discipline")
        else:
            discipline = None
        self._check_new_passphrase(passphrase, username, display_name)
        # sign-in finds slots by casefold, and a removed account keeps its name: "Straße" after "strasse", or a
        # removed officer's name again, would be an account nobody can sign in to (or one the database refuses)
        folded = username.casefold()
        if any(u.username.casefold() == folded for u in self.ctx.repo.list_users(include_removed=True)):
            raise ValidationError("duplicate", field="username")
        user = User(new_id(), username, display_name, role, discipline, b"", iso(self.ctx.clock.now()))
        slot_written = False
        try:
            with self.ctx.repo.transaction():
                keys = self.ctx.vault.add_user_slot(user, passphrase_bytes(passphrase), role is Role.TREATMENT)
                slot_written = True
                user = User(user.id, username, display_name, role, discipline, keys.public_key, user.created_at,
                            None, keys.grant_recipient)
                self.ctx.repo.add_user(user)
                self._announce_key(user.id, role, keys.public_key)
                if keys.clinical_pending:
                    self.ctx.repo.request_clinical_grant(user.id, user.created_at)
                self.audit.append(self.user.id, "user_add", f"user:{user.id}:{role}")
        except BaseException:
            if slot_written:  # the slot file is not part of the database transaction: take the new slot back out
                self.ctx.vault.discard_new_slot(user)
            raise
        return user

    def _announce_key(self, user_id: str, role: Role, public_key: bytes) -> None:
        """The new signing key, signed by this administrator: the wing keeps it, HQ learns it (hq.user_keys)."""
        at = iso(self.ctx.clock.now())
        statement = user_key_statement(user_id, str(role), public_key, at)
        self.ctx.repo.add_key_announcement(new_id(), user_id, str(role), public_key, at, self.user.id,
                                           self.ctx.keyring.sign_user_key(statement))

    @guarded(Action.READ, Resource.USERS)
    def list_users(self) -> list[User]:
        return self.ctx.repo.list_users()

    @guarded(Action.READ, Resource.USERS)
    def lockouts(self) -> dict[str, int]:
        """Failed-attempt counts per user name (only those with failures)."""
        found = {}
        for user in self.ctx.repo.list_users():
            count, _ = self.ctx.vault.failures(user.username)
            if count:
                found[user.username] = count
        return found

    def _get(self, username: str) -> User:
        user = self.ctx.repo.find_user(username)
        if user is None:
            raise NotFound(field="username")
        return user

    @guarded(Action.ADMINISTER, Resource.USERS)
    def remove_user(self, username: str) -> None:
        """Remove the account and rotate the database key so the old slot file opens nothing."""
        if self.gateway.scope(Action.ADMINISTER, Resource.USERS) is not Scope.ALL:
            raise self.gateway.deny(Action.ADMINISTER, Resource.USERS, "remove")
        user = self._get(username)
        if user.id == self.user.id:
            raise ValidationError("cannot_remove_self", field="username")
        with self.ctx.repo.transaction():
            self.ctx.repo.mark_user_removed(user.id, iso(self.ctx.clock.now()))
            self.audit.append(self.user.id, "user_remove", f"user:{user.id}")
        self.ctx.vault.remove_user_slot(user)
        with self.ctx.repo.transaction():
            self.audit.append(self.user.id, "rotate_data_key", "wing")

    @guarded(Action.ADMINISTER, Resource.USERS)
    def reset_password(self, username: str, new_passphrase: str) -> User:
        """New slot and signing key for a user who forgot their passphrase; old countersignatures stay valid."""
        if self.gateway.scope(Action.ADMINISTER, Resource.USERS) is not Scope.ALL:
            raise self.gateway.deny(Action.ADMINISTER, Resource.USERS, "reset")
        user = self._get(username)
        self._check_new_passphrase(new_passphrase, user.username, user.display_name)
        with self.ctx.repo.transaction():
            keys = self.ctx.vault.reset_passphrase(user, passphrase_bytes(new_passphrase),
                                                   user.role is Role.TREATMENT)
            self.ctx.repo.set_user_keys(user.id, keys.public_key, keys.grant_recipient)
            self._announce_key(user.id, user.role, keys.public_key)
            if keys.clinical_pending:
                self.ctx.repo.request_clinical_grant(user.id, iso(self.ctx.clock.now()))
            self.audit.append(self.user.id, "user_reset_password", f"user:{user.id}")
        self.ctx.vault.clear_failures(user.username)
        return self._get(username)

    @guarded(Action.ADMINISTER, Resource.USERS)
    def unlock_account(self, username: str) -> None:
        """Clear a lock-out (supervisors and administrators)."""
        user = self._get(username)
        self.ctx.vault.clear_failures(user.username)
        self.audit.append(self.user.id, "user_unlock", f"user:{user.id}")

    @guarded(Action.ADMINISTER, Resource.USERS)
    def accounts_to_unlock(self) -> tuple[list[User], dict[str, int], set[str]]:
        """What a supervisor needs for their one right, unlocking: the active accounts with failed sign-ins, their
        failure counts and which are locked (an administrator gets the same; the full list is `list_users`)."""
        failures = {}
        for user in self.ctx.repo.list_users():
            count, _ = self.ctx.vault.failures(user.username)
            if count:
                failures[user.username] = count
        listed = [u for u in self.ctx.repo.list_users() if u.username in failures]
        return listed, failures, {name for name, count in failures.items() if is_locked(count)}

    @guarded(Action.ADMINISTER, Resource.USERS)
    def is_locked(self, username: str) -> bool:
        return is_locked(self.ctx.vault.failures(username)[0])

    @self_service
    def change_own_password(self, old: str, new: str) -> None:
        self._check_new_passphrase(new, self.user.username, self.user.display_name)
        self.ctx.vault.change_passphrase(self.user, passphrase_bytes(old), passphrase_bytes(new))
        self.audit.append(self.user.id, "password_change", f"user:{self.user.id}")

    @self_service
    def confirm_identity(self, passphrase: str) -> bool:
        """Re-authenticate before a signature or export (slow: Argon2id). Failures are audited."""
        ok = self.ctx.vault.verify_passphrase(self.user, passphrase_bytes(passphrase))
        self.audit.append(self.user.id, "reauth" if ok else "reauth_failed", f"user:{self.user.id}")
        return ok

    @self_service
    def whoami(self) -> User:
        return self.user

    @self_service
    def idle_lock_seconds(self) -> int:
        value = self.ctx.repo.get_setting("idle_lock_seconds")
        return int(value) if value else 300

    @guarded(Action.ADMINISTER, Resource.SETTINGS)
    def set_idle_lock_seconds(self, seconds: int) -> None:
        if not MIN_IDLE <= seconds <= MAX_IDLE:
            raise ValidationError("out_of_range", field="idle_lock_seconds", minimum=MIN_IDLE, maximum=MAX_IDLE)
        with self.ctx.repo.transaction():
            self.ctx.repo.set_setting("idle_lock_seconds", str(seconds))
            self.audit.append(self.user.id, "setting_change", "idle_lock_seconds")
