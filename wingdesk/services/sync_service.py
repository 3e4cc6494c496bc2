"""Sync with HQ from the wing: enrol, export to a stick, import HQ bundles, push over HTTPS, status.

Every step is audited by identifiers and hashes only. The adapter (services.ports.SyncPort) is injected
through ServiceContext.sync; without it every method says sync is not installed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from wingdesk.domain.daily_log import DayEvent, DayState, next_state
from wingdesk.domain.errors import WingError
from wingdesk.domain.records import iso
from wingdesk.services import code_lists, hierarchy, instruments, training_modules, translation_updates
from wingdesk.services.gateway import GuardedService, guarded
from wingdesk.services.policy import Action, Resource
from wingdesk.services.ports import SyncPort
from wingdesk.services.progress import Progress
from wingdesk.services.retention_schedule import install_schedule
from wingdesk.services.sync_types import (
    DEFAULT_MAX_BUNDLE_BYTES,
    ENROLMENT_ENROLLED,
    ENROLMENT_NONE,
    EnrolResult,
    ExportResult,
    FileOutcome,
    HqKeyPreview,
    ImportResult,
    PushResult,
    SyncFailed,
    SyncStatus,
)

URL_SETTING, CA_SETTING = "sync_hq_url", "sync_hq_ca_file"
_BUNDLE_MAGIC = b"WDB1\n"


class SyncService(GuardedService):
    max_bundle_bytes = DEFAULT_MAX_BUNDLE_BYTES

    @property
    def _port(self) -> SyncPort:
        port = self.ctx.sync
        if port is None:
            raise SyncFailed("sync_not_installed")
        return port

    def _now(self) -> datetime:
        return self.ctx.clock.now()

    @guarded(Action.EXPORT, Resource.SYNC)
    def status(self) -> SyncStatus:
        repo = self.ctx.repo
        device = self._port.device()
        pending, unsealed = repo.count_outbox()
        sealed, unacked = repo.count_bundles()
        last = repo.last_receipt()
        rollback = repo.hq_rollback()
        return SyncStatus(
            enrolment_state=device.enrolment_state if device else ENROLMENT_NONE,
            device_id=device.device_id if device else None, env=device.env if device else None,
            hq_name=device.hq_name if device else None, hq_fingerprint=device.hq_fingerprint if device else None,
            pending_records=pending, unsealed_records=unsealed, pending_bundles=unacked, sealed_bundles=sealed,
            last_receipt_at=last[0] if last else None, last_receipt_status=last[1] if last else None,
            ref_seq=device.ref_seq if device else 0, reference_stale=bool(device and device.ref_stale),
            hq_accounts_waiting=repo.count_hq_accounts_waiting(), hq_url=self.ctx.repo.get_setting(URL_SETTING),
            hq_rollback_from=rollback[0] if rollback else None, hq_rollback_to=rollback[1] if rollback else None,
            hq_rollback_at=rollback[2] if rollback else None)

    @guarded(Action.EXPORT, Resource.SYNC)
    def read_hq_key_file(self, hq_key_file: bytes) -> HqKeyPreview:
        """Whose key file this is (HQ's name, environment, fingerprint), checked but not installed."""
        return self._port.hq_key_preview(hq_key_file)

    @guarded(Action.EXPORT, Resource.SYNC)
    def enrol(self, hq_key_file: bytes, again: bool = False) -> EnrolResult:
        """Install HQ's key file; returns the request file bytes and the code to read out to HQ by phone.

        A PC HQ already confirmed is refused (`already_enrolled`) unless `again`: HQ issued new keys."""
        device = self._port.device()
        if device is not None and device.enrolment_state == ENROLMENT_ENROLLED and not again:
            raise SyncFailed("already_enrolled")
        result = self._port.enrol(hq_key_file, self.ctx.wing, self._now())
        device = self._port.device()
        if device is None:  # enrol stores the device before it returns
            raise SyncFailed("not_enrolled")
        self.audit.append(self.user.id, "sync_enrol", f"device:{device.device_id}", device.hq_fingerprint)
        return result

    def _sign_head(self, statement: dict[str, Any]) -> tuple[str, bytes]:
        """The audit head a bundle carries, signed by the user who seals it (sync.audit_head)."""
        return self.user.id, self.ctx.keyring.sign_audit_head(statement)

    def _seal(self) -> list[int]:
        sealed = self._port.seal_pending(self._now(), self.max_bundle_bytes, self._sign_head)
        for seq in sealed:
            self.audit.append(self.user.id, "sync_seal", f"bundle:{seq}")
        self._seal_days()
        return sealed

    def _seal_days(self) -> None:
        """A countersigned day becomes SEALED once its countersignature is inside a sealed bundle."""
        repo = self.ctx.repo
        with repo.transaction():
            for day in repo.countersigned_days_in_bundles(self.ctx.wing):
                state = next_state(DayState.COUNTERSIGNED, DayEvent.SEAL)
                at = iso(self._now())
                repo.put_day(self.ctx.wing, day, state, at)
                repo.add_day_event(self.ctx.wing, day, str(DayEvent.SEAL), self.user.id, at)
                self.audit.append(self.user.id, "day_seal", f"day:{self.ctx.wing}:{day}")

    @guarded(Action.EXPORT, Resource.SYNC)
    def export(self, to_dir: str | Path, progress: Progress = None) -> ExportResult:
        """Seal what is pending, then write every unacknowledged bundle to the stick (identical bytes on re-export).

        When this returns, every file was fsynced, renamed and read back: the stick may be pulled. `progress(files
        written, files)`; a stop it raises ends the export after the file being written (`stopped` set).
        """
        sealed = self._seal()
        pending, _unsealed = self.ctx.repo.count_outbox()
        try:
            done = self._port.write_to_stick(str(to_dir), progress)
        except SyncFailed as error:
            self.audit.append(self.user.id, "sync_export_failed", f"usb:{error.code}")
            raise
        for item in done.written:
            self.audit.append(self.user.id, "sync_export", f"bundle:{item.seq}", item.bundle_hash)
        if done.stopped:
            self.audit.append(self.user.id, "sync_export_stopped", f"usb:{len(done.written)}")
        return ExportResult(done.written, len(sealed), done.partials_removed, pending, done.stopped)

    @guarded(Action.EXPORT, Resource.SYNC)
    def import_files(self, paths: list[str | Path]) -> ImportResult:
        """Apply HQ→wing bundles (in ref_seq order) and receipt files; refused files leave nothing behind."""
        result = ImportResult()
        files = self._port.read_bundle_files([str(p) for p in paths])
        for name, data in files:
            if data.startswith(_BUNDLE_MAGIC):
                self._import_bundle(name, data, result)
            else:
                self._import_receipt(name, data, result)
        return result

    def _import_receipt(self, name: str, data: bytes, result: ImportResult) -> None:
        try:
            outcome = self._port.accept_receipt(data, "file", self._now())
        except SyncFailed as error:
            self.audit.append(self.user.id, "sync_receipt_refused", f"receipt:{error.code}")
            result.files.append(FileOutcome(name, "refused", error.code))
            return
        self.audit.append(self.user.id, "sync_receipt", f"bundle:{outcome.bundle_seq}:{outcome.status}")
        result.acknowledged += outcome.newly_acknowledged
        result.files.append(FileOutcome(name, "receipt", outcome.status))

    def _import_bundle(self, name: str, data: bytes, result: ImportResult) -> None:
        try:
            update = self._port.apply_hq_bundle(data, self._now())
        except SyncFailed as error:
            self.audit.append(self.user.id, "sync_import_refused", f"hq_bundle:{error.code}")
            result.files.append(FileOutcome(name, "refused", error.code))
            return
        repo = self.ctx.repo
        with repo.transaction():
            if update.position == "hq_rollback":  # HQ restored from a backup: said plainly, kept in the audit log
                self.audit.append(self.user.id, "sync_hq_rollback",
                                  f"hq_bundle:{update.rollback_from}:{update.ref_seq}", update.bundle_hash)
            action = "sync_import_stale" if update.position == "stale" else "sync_import"
            self.audit.append(self.user.id, action, f"hq_bundle:{update.ref_seq}", update.bundle_hash)
            for receipt in update.receipts:
                self.audit.append(self.user.id, "sync_receipt", f"bundle:{receipt.bundle_seq}:{receipt.status}")
            for user_id in update.revoked_users:
                self.audit.append(self.user.id, "user_remove", f"user:{user_id}:hq_revocation")
        for user_id in update.revoked_users:
            user = repo.get_user(user_id)
            if user is not None:
                self.ctx.vault.remove_user_slot(user)
                self.audit.append(self.user.id, "rotate_data_key", "wing")
        for data in update.recovery_keys:  # HQ's recovery key for this PC (issue 22 item 3), in an HQ-signed bundle
            self._install_recovery_key(data)
        for schedule in update.retention_schedules:  # HQ's retention schedule, in an HQ-signed bundle (issue 19)
            install_schedule(self.ctx.repo, self.audit, self.user.id, schedule)
        result.instruments_installed += self._install_published(update.instruments, instruments.install_signed_file)
        result.modules_installed += self._install_published(update.modules, training_modules.install_signed_file)
        result.translations_installed += self._install_published(update.translations,
                                                                 translation_updates.install_signed_file)
        result.code_lists_installed += self._install_published(update.code_lists, code_lists.install_signed_file)
        result.hierarchy_installed += self._install_published(update.hierarchies, hierarchy.install_signed_file)
        for outcome, count in sorted(update.transfers.items()):  # transfer packages and receipts (issue 19 item 1)
            self.audit.append(self.user.id, "sync_transfer", f"transfer:{outcome}:{count}")
        for outcome, count in sorted(update.vetted_people.items()):  # vetted outside people (issue 17 item 3)
            action = "vetted_person_refused" if outcome == "invalid" else "vetted_people_received"
            self.audit.append(self.user.id, action, f"hq_bundle:{update.ref_seq}:{outcome}:{count}")
        result.vetted_people += sum(n for o, n in update.vetted_people.items() if o in ("applied", "older"))
        code = {"stale": "stale_reference_data", "hq_rollback": "hq_rollback"}.get(update.position, "")
        result.files.append(FileOutcome(name, update.position, code, update.bundle_hash))
        result.acknowledged += sum(r.newly_acknowledged for r in update.receipts)
        result.roster_applied += update.roster_applied
        result.accounts_announced += update.accounts_announced
        result.users_revoked += len(update.revoked_users)
        result.reference_stale = result.reference_stale or update.stale

    def _install_published(self, files: list[bytes], install: Callable[..., Any]) -> int:
        """HQ's published instrument, module or code-list files (issue 17 item 3), each checked under HQ's key as an
        administrator's own file is; a refusal is audited there and leaves the rest of the bundle applied."""
        installed = 0
        for data in files:
            try:
                installed += install(self.ctx, self.audit, self.user.id, data).outcome == "installed"
            except WingError as error:
                self.audit.append(self.user.id, "published_refused", f"hq_bundle:{error.code}")
        return installed

    def _install_recovery_key(self, data: bytes) -> None:
        """The vault checks HQ's signature inside the file, the device and the generation; a refusal is audited."""
        try:
            with self.ctx.repo.transaction():
                device_id, generation = self.ctx.vault.install_recovery_key(data)
                self.audit.append(self.user.id, "recovery_key_installed", f"device:{device_id}", str(generation))
        except WingError as error:
            self.audit.append(self.user.id, "recovery_key_refused", f"hq_bundle:{error.code}")

    @guarded(Action.EXPORT, Resource.SYNC)
    def push(self, url: str | None = None, ca_file: str | None = None, progress: Progress = None) -> PushResult:
        """Seal what is pending and PUT every unacknowledged bundle to HQ; retries are the caller's concern.

        `progress(KiB sent, KiB to send)`; a stop it raises ends the push with `stopped` set (see services.progress).
        """
        url = url or self.ctx.repo.get_setting(URL_SETTING)
        ca_file = ca_file or self.ctx.repo.get_setting(CA_SETTING)
        if not url:
            raise SyncFailed("no_hq_url")
        self._seal()
        try:
            result = self._port.push(url, ca_file, self._now(), progress)
        except SyncFailed as error:
            got = error.params
            through = f":sent:{got['sent']}/{got['total']}:acked:{got['acknowledged']}" if "total" in got else ""
            self.audit.append(self.user.id, "sync_push_failed", f"https:{error.code}{through}")
            raise
        with self.ctx.repo.transaction():
            for receipt in result.receipts:
                self.audit.append(self.user.id, "sync_receipt", f"bundle:{receipt.bundle_seq}:{receipt.status}")
            stopped = ":stopped" if result.stopped else ""
            self.audit.append(self.user.id, "sync_push", f"bundles:{result.sent}:acked:{result.acknowledged}{stopped}")
        return result

    @guarded(Action.EXPORT, Resource.SYNC)
    def probe(self, url: str | None = None, ca_file: str | None = None) -> bool:
        """Is HQ's receiver reachable (health check over a verified TLS connection)? Not audited."""
        url = url or self.ctx.repo.get_setting(URL_SETTING)
        if not url:
            return False
        return self._port.probe(url, ca_file or self.ctx.repo.get_setting(CA_SETTING))

    @guarded(Action.EXPORT, Resource.SYNC)
    def set_hq_url(self, url: str, ca_file: str | None = None) -> None:
        """Save HQ's address; `ca_file` replaces the CA file kept for it ("" removes it, None keeps it: saving the
        address alone must not undo a CA the administrator set)."""
        if url and not url.lower().startswith("https://"):
            raise SyncFailed("bad_url")
        with self.ctx.repo.transaction():
            self.ctx.repo.set_setting(URL_SETTING, url)
            if ca_file is not None:
                self.ctx.repo.set_setting(CA_SETTING, ca_file)
            self.audit.append(self.user.id, "setting_change", URL_SETTING)
