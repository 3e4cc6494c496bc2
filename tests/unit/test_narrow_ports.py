"""A service part that takes one aggregate's port works over a small fake of just that port."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime

from wingdesk.domain.audit import AuditEntry, verify
from wingdesk.services.audit_trail import AuditTrail


class ListAuditStore:
    """services.repository_ports.AuditStore over a list (`mypy tests/unit/test_narrow_ports.py` checks the match)."""

    def __init__(self) -> None:
        self.entries: list[AuditEntry] = []

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        yield

    def append_audit(self, entry: AuditEntry, signature: bytes | None, signer: str | None = None) -> None:
        self.entries.append(entry)

    def last_audit(self) -> AuditEntry | None:
        return self.entries[-1] if self.entries else None

    def iter_audit(self, batch: int = 5000) -> Iterator[AuditEntry]:
        return iter(list(self.entries))

    def audit_page(self, offset: int, limit: int, newest_first: bool = True) -> list[AuditEntry]:
        ordered = list(reversed(self.entries)) if newest_first else self.entries
        return ordered[offset:offset + limit]

    def audit_count(self) -> int:
        return len(self.entries)


class FixedClock:
    def now(self) -> datetime:
        return datetime(2026, 12, 7, 8, 0, tzinfo=UTC)

    def today(self) -> date:
        return date(2026, 12, 7)


def test_audit_trail_chains_entries_over_an_audit_store_alone() -> None:
    store = ListAuditStore()
    trail = AuditTrail(store, None, FixedClock())
    trail.append("u1", "login", "session")
    trail.append("u1", "record_create", "record:r1", "ab" * 32)
    report = verify(store.iter_audit())
    assert report.intact and report.count == 2
    assert store.entries[1].prev_hash == store.entries[0].entry_hash


def test_a_changed_entry_in_the_fake_store_breaks_the_chain() -> None:
    store = ListAuditStore()
    trail = AuditTrail(store, None, FixedClock())
    for n in range(3):
        trail.append("u1", "login", f"session:{n}")
    store.entries[1] = replace(store.entries[1], actor="u2")
    report = verify(store.iter_audit())
    assert not report.intact and report.first_bad_seq == 2
