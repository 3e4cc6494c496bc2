"""The HQ repository interface and its row types; SQLite and PostgreSQL both implement it."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Device:
    device_id: str
    wing_name: str
    sign_public: bytes
    enc_public: bytes
    enrolled_at: str
    revoked_after_seq: int | None
    revoked_at: str | None
    hcs: int
    hcs_hash: str
    max_seq: int
    last_contact: str | None
    receipt_seq: int
    ref_seq: int
    ref_hash: str


@dataclass(frozen=True)
class StoredBundle:
    bundle_id: str
    bundle_hash: str
    device_id: str
    seq: int
    prev_hash: str
    receipt: bytes


@dataclass(frozen=True)
class NewBundle:
    bundle_id: str
    bundle_hash: str
    device_id: str
    seq: int
    prev_hash: str
    received_at: str
    record_count: int
    clock_skew_s: int | None
    raw: bytes


class RecordRow(NamedTuple):
    """One record to store. Rows travel from the reader processes as plain tuples in this field order (unpickling
    a NamedTuple runs Python code for each of thousands of rows); the repository reads them by position.

    `body` is the record body's RFC 8785 text as UTF-8 bytes, as it was hashed, and is stored as text. Bytes from
    the reader to the column: a str would be decoded, re-encoded to cross the pipe and decoded again, then encoded
    once more for the database (for Cyrillic bodies ~7 ms per 1 MB bundle; bytes are copied, not transcoded).
    """

    record_id: str
    rev: int
    kind: str
    content_hash: str
    body: bytes


RowTuple = tuple[str, int, str, str, bytes]  # a RecordRow's fields; a RecordRow is one too


@dataclass(frozen=True)
class QuarantineEntry:
    bundle_hash: str
    bundle_id: str
    device_id: str
    seq: int
    reason: str
    received_at: str
    raw: bytes


@dataclass(frozen=True)
class RecordOutcome:
    new: int
    duplicate: int
    quarantined: int


# (bundle seq, audit seq, entry hash, hash at the previous head, signer, signature): one wing audit head at HQ
HeadRow = tuple[int, int, str, str, str, bytes]


class HqRepository(Protocol):
    """Everything ingest, outbox and status need, inside one transaction."""

    def add_device(self, device: Device) -> None: ...
    def get_device(self, device_id: str) -> Device | None: ...
    def lock_device(self, device_id: str) -> Device | None: ...
    def list_devices(self) -> list[Device]: ...
    def revoke_device(self, device_id: str, after_seq: int, at: str) -> None: ...
    def update_device_state(
        self, device_id: str, *, hcs: int, hcs_hash: str, max_seq: int, last_contact: str, receipt_seq: int
    ) -> None: ...
    def set_ref_state(self, device_id: str, ref_seq: int, ref_hash: str) -> None: ...
    def bundle_by_id(self, bundle_id: str) -> StoredBundle | None: ...
    def bundle_at(self, device_id: str, seq: int) -> StoredBundle | None: ...
    def seqs_above(self, device_id: str, seq: int, limit: int) -> list[int]: ...
    def insert_bundle(self, bundle: NewBundle, receipt: bytes, receipt_seq: int) -> None: ...
    def set_receipt(self, bundle_id: str, receipt: bytes, receipt_seq: int) -> None: ...
    def add_bundle(
        self, bundle: NewBundle, rows: list[RowTuple], sign: Callable[[RecordOutcome], tuple[bytes, int]]
    ) -> RecordOutcome:
        """Bundle row, records and the receipt `sign(outcome)` returns, in the current transaction."""
        ...

    def insert_records(self, bundle: NewBundle, rows: list[RowTuple]) -> RecordOutcome: ...
    def stored_line(self, record_id: str, rev: int) -> tuple[str, str] | None:
        """(kind, body JSON) of a stored record line."""
        ...

    def quarantine_bundle(self, entry: QuarantineEntry, receipt: bytes | None, receipt_seq: int) -> None: ...
    def quarantined_receipt(self, bundle_hash: str) -> tuple[bool, bytes | None]: ...
    def count_quarantined(self, device_id: str) -> tuple[int, int]: ...
    def clock_skew(self, device_id: str) -> tuple[int | None, int]:
        """(the flagged skew of the largest magnitude, in seconds, or None; how many bundles were flagged)."""
        ...

    def outbox_receipts(self, device_id: str, above_seq: int) -> list[bytes]: ...
    def add_reference_item(self, device_id: str, item: dict[str, Any], created_at: str) -> None: ...
    def reference_items(self, device_id: str) -> list[dict[str, Any]]: ...
    def add_outbox_bundle(
        self, device_id: str, ref_seq: int, bundle_id: str, bundle_hash: str, raw: bytes, created_at: str
    ) -> None: ...
    def outbox_bundle(self, device_id: str, ref_seq: int) -> bytes | None: ...
    def audit(self, at: str, action: str, device_id: str, bundle_id: str, detail: str) -> None: ...
    # the wing's users' signing keys, from enrolment (hq.authors)
    def add_user_key(
        self, device_id: str, user_id: str, role: str, public_key: bytes, at: str, source: str
    ) -> None: ...
    def user_keys(self, device_id: str) -> list[tuple[str, str, bytes]]: ...  # (user id, role, key); [] if none
    # the chain of audit heads per device (hq.audit_heads)
    def add_audit_head(self, device_id: str, bundle_seq: int, head: HeadRow) -> None: ...
    def audit_heads_around(self, device_id: str, bundle_seq: int) -> tuple[HeadRow | None, HeadRow | None]: ...
    def last_audit_head(self, device_id: str) -> HeadRow | None: ...
    def last_quarantine(self, device_id: str) -> tuple[int, str] | None: ...
    def record_count(self) -> int: ...
    # HQ recovery (hq.recovery_rows): HQ administrators' keys and the grants issued
    def add_hq_admin(self, admin_id: str, name: str, public_key: bytes, at: str) -> None: ...
    def hq_admin_key(self, admin_id: str) -> tuple[str, bytes] | None: ...
    def hq_admin_named(self, name: str) -> bool: ...
    def recovery_generation(self, device_id: str) -> int: ...
    def add_recovery_grant(self, grant_id: str, device_id: str, generation: int, issued_at: str, expires_at: str,
                           approvals: str) -> None: ...
    def snapshot(self) -> dict[str, Any]: ...
    # an administrator's hard delete on a wing (hq.tombstones, hq.tombstone_sql)
    def add_tombstone(self, device_id: str, record_id: str, kind: str, statement: str, statement_sha256: str,
                      signer_id: str, signature: bytes, bundle_id: str, at: str, items: tuple[str, ...]) -> bool: ...
    def delete_items(self, device_id: str, items: tuple[str, ...]) -> tuple[int, int]: ...
    def stored_versions(self, device_id: str, record_id: str) -> list[tuple[int, str]]: ...
    def has_tombstones(self, device_id: str) -> bool: ...
    def tombstoned_items(self, device_id: str) -> set[str]: ...
    def tombstone_statements(self, device_id: str) -> list[str]: ...
    # research facts derived at ingest (hq.research_ingest, hq.research_sql)
    def keep_research(self, facts: Sequence[tuple[Any, ...]]) -> int: ...
    def delete_research(self, row_keys: Sequence[str]) -> int: ...
    def clear_research(self) -> int: ...
    def research_source(self, device_id: str, kinds: Sequence[str], after: str, limit: int) -> list[RowTuple]: ...
    def research_batches(self, columns: Sequence[str], size: int = 50_000) -> Iterator[list[tuple[Any, ...]]]: ...
    def research_places(self) -> list[tuple[str, str]]: ...
    def research_counts(self, measure: str, group_by: Sequence[str]) -> list[tuple[tuple[str, ...], int]]: ...


class HqStore(Protocol):
    """A backend: hands out transactions (each a repository) and closes its connections."""

    def transaction(self, write: bool = True) -> AbstractContextManager[HqRepository]: ...
    def write(self, fn: Callable[[HqRepository], T]) -> T:
        """Run `fn` in a write transaction, possibly committed together with concurrent ones; return once durable."""
        ...

    def close(self) -> None: ...
