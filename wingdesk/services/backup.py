"""Verified encrypted backups and restore (issue 22, security.md §2.11).

A backup is made by a signed-in supervisor or administrator: storage stages a checked copy, the manifest is signed
with that user's own Ed25519 key (the one in their key slot, enrolled with HQ), and only then is the copy published.
Why the user's key and not the device key: the device key exists only once the wing is enrolled and sits in the
database, where anyone holding the data key can use it; a user's key needs that user's passphrase, so a valid
signature says which supervisor or administrator made the backup (the same key that signs the audit head HQ keeps).
A restore checks the signature with the signer's key as the backup's own (HMAC-authenticated) database holds it, so
forging one needs the wing's data key and a supervisor's or administrator's signing key.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

from wingdesk.domain.audit import GENESIS, AuditEntry
from wingdesk.domain.canonical import canonical_bytes
from wingdesk.domain.errors import StoreError, ValidationError
from wingdesk.domain.records import iso
from wingdesk.domain.roles import Role
from wingdesk.services.backup_types import (
    DEFAULT_KEEP,
    BackupResult,
    BackupSchedule,
    RestoreResult,
    RestoreStager,
)
from wingdesk.services.gateway import GuardedService, guarded
from wingdesk.services.integrity import entry_hash_of
from wingdesk.services.policy import Action, Resource
from wingdesk.services.progress import Cancelled, Progress
from wingdesk.services.retention_restore import reapply_erasures

CHECKED_COUNTS = ("records", "users", "prisoners", "amendments", "countersignatures", "sync_bundles")
MAKERS = (Role.SUPERVISOR, Role.ADMIN)
FOLDER_SETTING, DAILY_SETTING, LAST_SETTING = "backup_folder", "backup_daily", "backup_last_at"
DAILY = timedelta(hours=24)


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def chain_intact(entries: Iterable[AuditEntry]) -> tuple[int, str] | None:
    """(entries, head hash) of an intact audit chain, else None: domain.audit.verify's walk with the faster hash of
    services.integrity (held equal by its tests); 200k entries take seconds here instead of ten times that."""
    prev, count = GENESIS, 0
    for entry in entries:
        if entry.seq != count + 1 or entry.prev_hash != prev:
            return None
        try:
            if entry_hash_of(entry) != entry.entry_hash:
                return None
        except (ValueError, TypeError, orjson.JSONEncodeError):
            return None
        prev, count = entry.entry_hash, count + 1
    return count, prev


def manifest_hash(body: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_bytes(body)).hexdigest()


def parse_position(text: str) -> tuple[int, str]:
    """`SEQ:HASH` as HQ's status shows a device's last acknowledged bundle."""
    seq, _, digest = text.strip().partition(":")
    digest = digest.strip().lower()
    if not seq.isdigit() or int(seq) < 1 or len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        raise ValidationError("bad_position", field="continue_after")
    return int(seq), digest


class BackupService(GuardedService):
    @guarded(Action.EXPORT, Resource.BACKUP)
    def backup(self, to_dir: str | Path, keep: int = DEFAULT_KEEP, progress: Progress = None) -> BackupResult:
        """Copy, check, sign, publish; old backups beyond `keep` expire. The live wing only gains audit entries."""
        if keep < 1:
            raise ValidationError("bad_choice", field="keep")
        port = self.ctx.vault.backups()
        try:
            staged = port.stage(to_dir, progress)
            try:
                staged.body = {**staged.body, "signer": {"user_id": self.user.id, "role": str(self.user.role)}}
                signature = self.ctx.keyring.sign_backup_manifest(staged.body)
            except BaseException:
                port.discard(staged)
                raise
            expired = port.publish(staged, signature, keep)
        except StoreError as error:
            self._audit_failure(error.code)
            raise
        except Cancelled:
            self._audit_failure("stopped")
            raise
        body = staged.body
        with self.ctx.repo.transaction():
            self.audit.append(self.user.id, "backup", f"backup:{body['backup_id']}", manifest_hash(body))
            self.ctx.repo.set_setting(LAST_SETTING, iso(self.ctx.clock.now()))
        return BackupResult(str(staged.final), body["backup_id"], dict(body["counts"]), expired)

    @guarded(Action.EXPORT, Resource.BACKUP)
    def schedule(self) -> BackupSchedule:
        repo = self.ctx.repo
        return BackupSchedule(repo.get_setting(FOLDER_SETTING) or "", repo.get_setting(DAILY_SETTING) == "1",
                              repo.get_setting(LAST_SETTING) or "")

    @guarded(Action.EXPORT, Resource.BACKUP)
    def set_schedule(self, folder: str, daily: bool) -> None:
        """The folder or stick the app backs up to, and whether it does so by itself once a day."""
        with self.ctx.repo.transaction():
            self.ctx.repo.set_setting(FOLDER_SETTING, folder)
            self.ctx.repo.set_setting(DAILY_SETTING, "1" if daily else "0")
            self.audit.append(self.user.id, "setting_change", FOLDER_SETTING)

    @guarded(Action.EXPORT, Resource.BACKUP)
    def due(self) -> bool:
        """A scheduled backup is due: daily backups are on, a folder is set, the last one is a day old or more."""
        plan = self.schedule()
        if not plan.daily or not plan.folder:
            return False
        return not plan.last_at or self.ctx.clock.now() - parse_iso(plan.last_at) >= DAILY

    def _audit_failure(self, code: str) -> None:
        try:
            self.audit.append(self.user.id, "backup_failed", f"backup:{code}")
        except StoreError:
            pass  # the same full or failing disk: the error itself is what the user sees

    @guarded(Action.ADMINISTER, Resource.BACKUP)
    def accept_restore(self, body: dict[str, Any], signature: bytes,
                       continue_after: tuple[int, str] | None = None,
                       erasures: list[tuple[str, bytes]] | None = None) -> RestoreResult:
        """Run on the staged copy, signed in as the restoring supervisor or administrator: the signature, the
        database identity, the audit chain up to the backup's head and the counts; then the restore is recorded
        in the audit chain and, for an enrolled wing, where its next bundle must continue."""
        repo = self.ctx.repo
        signer_id = str(body.get("signer", {}).get("user_id", ""))
        signer = repo.get_user(signer_id)
        if signer is None or signer.role not in MAKERS or \
                not self.ctx.keyring.verify_signed(signer.public_key, "backup", body, signature):
            raise StoreError("backup_forged")
        head = body["audit_head"]
        if repo.get_meta("db_uuid") != body["db_uuid"] or repo.audit_hash_at(int(head["seq"])) != head["entry_hash"]:
            raise StoreError("backup_forged")
        if chain_intact(repo.iter_audit()) is None:
            raise StoreError("backup_damaged")
        counts = repo.count_rows(CHECKED_COUNTS)
        if any(counts[name] != body["counts"][name] for name in CHECKED_COUNTS):
            raise StoreError("backup_damaged")
        enrolled = bool(body.get("device_id"))
        with repo.transaction():
            self.audit.append(self.user.id, "wing_restored", f"backup:{body['backup_id']}", manifest_hash(body))
            # the replaced wing's retention erasures made after this backup are made again (services.retention_restore)
            reapplied = reapply_erasures(self.ctx, self.audit, erasures or [])
            if enrolled:
                repo.add_restore(body["backup_id"], body["created_at"], iso(self.ctx.clock.now()), self.user.id,
                                 (int(head["seq"]), head["entry_hash"]), int(body["last_bundle"]["seq"]),
                                 continue_after)
        if reapplied:
            repo.compact_after_erasure()
        return RestoreResult(body["backup_id"], body["created_at"], dict(body["counts"]), "",
                             enrolled and continue_after is None, reapplied)

    @guarded(Action.ADMINISTER, Resource.BACKUP)
    def set_hq_position(self, position: str) -> None:
        """The operator types HQ's last acknowledged bundle (`SEQ:HASH` from HQ's status) for a restored wing."""
        seq, digest = parse_position(position)
        with self.ctx.repo.transaction():
            if not self.ctx.repo.set_restore_position(seq, digest, "operator"):
                raise ValidationError("no_pending_restore", field="continue_after")
            self.audit.append(self.user.id, "restore_position", f"bundle:{seq}", digest)


def restore_wing(stager: RestoreStager, backup: str | Path, username: str, passphrase: str | bytearray,
                 continue_after: str | None = None) -> RestoreResult:
    """Verify the backup's files, sign in to the staged copy as a supervisor or administrator (their passphrase as
    the backup holds it), check and record the restore there, then swap it in. Refused: nothing here changes."""
    position = parse_position(continue_after) if continue_after else None
    erasures = stager.live_erasures(username, passphrase)  # [] when there is no wing here or it does not open
    body, signature = stager.stage(backup)
    try:
        session = stager.staged_wing().sign_in(username, passphrase)
        try:
            result = session.backup.accept_restore(body, signature, position, erasures)
        finally:
            session.lock()
    except BaseException:
        stager.discard()
        raise
    replaced = stager.swap_in()
    return RestoreResult(result.backup_id, result.created_at, result.counts, replaced, result.waits_for_hq,
                         result.erasures_reapplied)
