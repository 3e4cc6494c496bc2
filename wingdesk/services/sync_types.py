"""Plain results of wing-side sync, shared by the sync service, its adapter (wingdesk.sync) and the UIs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from wingdesk.domain.errors import WingError

ENROLMENT_NONE, ENROLMENT_REQUESTED, ENROLMENT_ENROLLED, ENROLMENT_REVOKED = "none", "requested", "enrolled", "revoked"
DEFAULT_MAX_BUNDLE_BYTES = 256 * 1024 * 1024


class SyncFailed(WingError):
    """A sync step was refused; `code` is a stable sync error code (bundle_format, unsafe_write, …)."""

    code = "sync_failed"


@dataclass(frozen=True)
class DeviceIdentity:
    """This wing PC as a sync device: its private keys never leave the encrypted database."""

    device_id: str
    env: str
    sign_private: bytes = field(repr=False)
    enc_private: bytes = field(repr=False)
    hq_name: str
    hq_sign_public: bytes
    hq_enc_public: bytes
    hq_fingerprint: str
    enrolment_state: str
    requested_at: str
    ref_seq: int = 0
    ref_hash: str = ""
    ref_issued_at: str | None = None
    ref_stale: bool = False
    hlc: str = ""


@dataclass(frozen=True)
class SyncStatus:
    enrolment_state: str
    device_id: str | None
    env: str | None
    hq_name: str | None
    hq_fingerprint: str | None
    pending_records: int
    unsealed_records: int
    pending_bundles: int
    sealed_bundles: int
    last_receipt_at: str | None
    last_receipt_status: str | None
    ref_seq: int
    reference_stale: bool
    hq_accounts_waiting: int
    hq_url: str | None = None
    hq_rollback_from: int | None = None  # the last time HQ's data went back (restored from a backup): from ...
    hq_rollback_to: int | None = None  # ... to this ref_seq ...
    hq_rollback_at: str | None = None  # ... noticed then

    @property
    def enrolled(self) -> bool:
        return self.enrolment_state in (ENROLMENT_REQUESTED, ENROLMENT_ENROLLED)


class HqKeyPreview(NamedTuple):
    """Whose key file it is, read before anything is installed: the fingerprint is compared with HQ's by phone."""

    hq_name: str
    env: str
    fingerprint: str


class EnrolResult(NamedTuple):
    request: bytes
    confirmation_code: str


@dataclass(frozen=True)
class ReceiptOutcome:
    bundle_seq: int
    status: str
    newly_acknowledged: int


@dataclass(frozen=True)
class WrittenBundle:
    seq: int
    bundle_hash: str
    path: str


@dataclass(frozen=True)
class AppliedUpdate:
    """What one HQ→wing bundle changed here; `revoked_users` still need their key slot removed."""

    ref_seq: int
    bundle_hash: str
    stale: bool
    receipts: list[ReceiptOutcome] = field(default_factory=list)
    roster_applied: int = 0
    roster_skipped: int = 0
    accounts_announced: int = 0
    revoked_users: list[str] = field(default_factory=list)
    device_revoked: bool = False
    recovery_keys: list[bytes] = field(default_factory=list)  # HQ's recovery-key files for the vault to install
    retention_schedules: list[dict[str, Any]] = field(default_factory=list)  # HQ's, for services.retention_schedule
    transfers: dict[str, int] = field(default_factory=dict)  # transfer items by outcome (issue 19 item 1)
    instruments: list[bytes] = field(default_factory=list)  # HQ-signed instrument files to install (issue 17)
    modules: list[bytes] = field(default_factory=list)  # HQ-signed training-module files to install (issue 17)
    translations: list[bytes] = field(default_factory=list)  # HQ-signed translation updates to install (issue 17)
    code_lists: list[bytes] = field(default_factory=list)  # HQ-signed code-list files to install (issue 17)
    hierarchies: list[bytes] = field(default_factory=list)  # HQ-signed prison/wing hierarchy revisions (issue 17)
    vetted_people: dict[str, int] = field(default_factory=dict)  # vetted-person revisions by outcome (issue 17)
    position: str = "applied"  # applied; stale (only its revocations applied); hq_rollback (docs/sync-bundle.md §8.1)
    rollback_from: int = 0  # for hq_rollback: the HQ data this PC had applied before


@dataclass(frozen=True)
class FileOutcome:
    name: str
    outcome: str  # applied, hq_rollback, receipt, stale, refused
    code: str = ""
    bundle_hash: str = ""


@dataclass
class ImportResult:
    files: list[FileOutcome] = field(default_factory=list)
    acknowledged: int = 0
    roster_applied: int = 0
    accounts_announced: int = 0
    users_revoked: int = 0
    reference_stale: bool = False
    instruments_installed: int = 0  # HQ-published instrument versions installed from the bundles (issue 17)
    modules_installed: int = 0  # HQ-published training-module versions installed from the bundles (issue 17)
    translations_installed: int = 0  # HQ's translation updates installed from the bundles (issue 17 item 3)
    code_lists_installed: int = 0  # HQ-published code-list versions installed from the bundles (issue 17)
    hierarchy_installed: int = 0  # revisions of HQ's prison/wing hierarchy installed from the bundles (issue 17)
    vetted_people: int = 0  # revisions of vetted outside people received (issue 17 item 3)

    @property
    def refused(self) -> list[FileOutcome]:
        """Files that could not be applied: damaged, not for this PC, not genuine."""
        return [f for f in self.files if f.outcome == "refused"]

    @property
    def stale(self) -> list[FileOutcome]:
        """HQ files older than what this PC already applied (an earlier visit's file left on the stick): skipped,
        not an error."""
        return [f for f in self.files if f.outcome == "stale"]


@dataclass(frozen=True)
class StickWrite:
    """What a write to the stick did. Every file listed in `written` is complete and checked; `stopped`: the user
    stopped before the last one (the others stay pending for the next time)."""

    written: list[WrittenBundle]
    partials_removed: int
    stopped: bool = False


@dataclass(frozen=True)
class ExportResult:
    written: list[WrittenBundle]
    new_bundles: int
    partials_removed: int
    records: int
    stopped: bool = False  # by the user, after the files in `written` (each complete and checked)

    @property
    def safe_to_remove(self) -> bool:
        """Every file was fsynced, renamed and read back with the right hash."""
        return True


@dataclass
class PushResult:
    sent: int = 0
    acknowledged: int = 0
    refused: list[tuple[int, str]] = field(default_factory=list)
    receipts: list[ReceiptOutcome] = field(default_factory=list)
    stopped: bool = False  # by the user: the bundles not sent (or cut off mid-upload) stay pending
