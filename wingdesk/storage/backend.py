"""A wing on this PC: create it, sign in to it. The object app.py hands to the GUI and the CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from wingdesk.crypto.kdf import KdfParams, calibrate
from wingdesk.domain.errors import StoreError, ValidationError, WingError
from wingdesk.domain.passwords import check_passphrase
from wingdesk.domain.people import User
from wingdesk.domain.records import iso, new_id, utc_now
from wingdesk.domain.roles import Role
from wingdesk.domain.schema import Field
from wingdesk.services.backup import restore_wing
from wingdesk.services.backup_types import RestoreResult
from wingdesk.services.context import SystemClock
from wingdesk.services.ports import Clock, SyncPort
from wingdesk.services.sign_in import sign_in
from wingdesk.services.users import passphrase_bytes
from wingdesk.services.wing import WingServices
from wingdesk.storage import recovery, restore_files
from wingdesk.storage.repository import SqlRepository
from wingdesk.storage.resources import load_blocklist, load_wordlists
from wingdesk.storage.vault import OpenedWing, WingVault, wing_exists

SyncFactory = Callable[[SqlRepository], SyncPort]  # wingdesk.sync.wing_sync.WingSync, handed in by app.py


class LocalWing:
    """Implements services.ports.WingAccess for a data folder."""

    def __init__(self, directory: Path, kdf: KdfParams | None = None, clock: Clock | None = None,
                 sync_factory: SyncFactory | None = None) -> None:
        self.directory = Path(directory)
        self.kdf = kdf
        self.clock = clock
        self.sync_factory = sync_factory

    def exists(self) -> bool:
        restore_files.finish(self.directory)  # a restore a crash cut short, completed before anything looks
        return wing_exists(self.directory)

    def create(self, wing: str, prison: str, admin_username: str, admin_display: str, passphrase: str) -> None:
        """Create the wing and its first administrator; the KDF is calibrated on this machine (about 0.5 s)."""
        wing = Field("wing", "line", True, max_len=80).clean(wing)
        prison = Field("prison", "line", True, max_len=120).clean(prison)
        admin = _new_admin(admin_username, admin_display, passphrase)
        username = admin.username
        kdf = self.kdf or calibrate()
        WingVault.create(self.directory, wing, prison, admin, passphrase_bytes(passphrase), kdf)
        session = self.sign_in(username, passphrase)
        try:
            session.audit_trail.append(admin.id, "wing_created", f"wing:{wing}")
        finally:
            session.lock()

    def sign_in(self, username: str, passphrase: str | bytearray) -> WingServices:
        """Unlock as this user (Argon2id: slow by design, call it off the UI thread)."""
        make_sync = self.sync_factory

        def attach_sync(opened: OpenedWing) -> SyncPort:
            assert make_sync is not None
            return make_sync(opened.repo)

        restore_files.finish(self.directory)
        return sign_in(WingVault(self.directory, self.kdf), username, passphrase_bytes(passphrase),
                       clock=self.clock, wordlists=list(load_wordlists()), blocklist=load_blocklist(),
                       sync_factory=attach_sync if make_sync is not None else None)

    def restore(self, backup: str, username: str, passphrase: str | bytearray,
                continue_after: str | None = None) -> RestoreResult:
        """Restore a backup into this data folder (services.backup.restore_wing); refused while the app has it open."""
        if restore_files.app_running(self.directory):
            raise StoreError("app_running")
        return restore_wing(_Stager(self), backup, username, passphrase, continue_after)


    def recover(self, grant: bytes, code: str, admin_username: str, admin_display: str,
                passphrase: str) -> tuple[str, tuple[str, ...]]:
        """A new administrator from HQ's recovery grant (storage.recovery); refused while the app has the wing open."""
        if not self.exists():
            raise StoreError("no_wing")
        if restore_files.app_running(self.directory):
            raise StoreError("app_running")
        admin = _new_admin(admin_username, admin_display, passphrase)
        done = recovery.recover(self.directory, grant, code, admin, passphrase_bytes(passphrase), self.kdf,
                                self.clock or SystemClock())
        return done.grant_id, done.approvers


def _new_admin(admin_username: str, admin_display: str, passphrase: str) -> User:
    username = Field("username", "line", True, max_len=40).clean(admin_username)
    display = Field("display_name", "line", True, max_len=100).clean(admin_display)
    if not username.replace(".", "").replace("_", "").replace("-", "").isalnum():
        raise ValidationError("bad_username", field="username")
    check_passphrase(passphrase, load_blocklist(), (username, *display.split()))
    return User(new_id(), username, display, Role.ADMIN, None, b"", iso(utc_now()))


class _Stager:
    """services.backup_types.RestoreStager over storage.restore_files for one data folder."""

    def __init__(self, wing: LocalWing) -> None:
        self.wing = wing

    def stage(self, backup: str | Path) -> tuple[dict[str, Any], bytes]:
        body, signature, _staging = restore_files.stage(Path(backup), self.wing.directory)
        return body, signature

    def staged_wing(self) -> LocalWing:
        return LocalWing(self.wing.directory / restore_files.STAGING, self.wing.kdf, self.wing.clock,
                         self.wing.sync_factory)

    def swap_in(self) -> str:
        return restore_files.swap_in(self.wing.directory)

    def discard(self) -> None:
        restore_files.discard(self.wing.directory)

    def live_erasures(self, username: str, passphrase: str | bytearray) -> list[tuple[str, bytes]]:
        """The retention tombstones (statement, signature) of the wing this restore replaces, read with the restoring
        user's passphrase; [] when there is none or it does not open (damaged, another passphrase): the erased
        records then come back due in the governor's queue (docs/retention.md)."""
        if not (self.wing.directory / "wing.db").exists():
            return []
        try:
            session = self.wing.sign_in(username, bytearray(passphrase) if isinstance(passphrase, bytearray)
                                        else passphrase)
        except WingError:
            return []
        try:
            return [(text, signature) for _id, text, _hash, _signer, signature in session.ctx.repo.iter_tombstones()
                    if json.loads(text).get("rule")]
        except WingError:
            return []
        finally:
            session.lock()
