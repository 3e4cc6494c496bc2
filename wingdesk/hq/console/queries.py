"""What the operations pages read about one device, beyond hq.reports' status row: its newest bundles, the
chain of its audit heads (with whether each continues the one before), its quarantined bundles and records."""

from __future__ import annotations

from dataclasses import dataclass

from wingdesk.hq.reports import DeviceStatus, device_status
from wingdesk.hq.store import SqlStore

SHOWN = 100  # rows per table; the page says when there are more


@dataclass(frozen=True)
class BundleRow:
    seq: int
    bundle_id: str
    received_at: str
    record_count: int
    clock_skew_s: int | None


@dataclass(frozen=True)
class HeadRow:
    bundle_seq: int
    audit_seq: int
    entry_hash: str
    continuity: str  # "first", "continues", "not_adjacent" (bundles between not held) or "break"


@dataclass(frozen=True)
class QuarantineRow:
    seq: int
    bundle_id: str
    reason: str
    received_at: str


@dataclass(frozen=True)
class DeviceDetail:
    status: DeviceStatus
    enrolled_at: str
    bundles: list[BundleRow]
    bundle_total: int
    heads: list[HeadRow]
    quarantined: list[QuarantineRow]
    quarantined_records: list[tuple[str, int]]  # (reason, count)


def _continuity(rows: list[tuple[int, int, str, str]]) -> list[HeadRow]:
    """rows: (bundle seq, audit seq, entry hash, hash at the previous head), oldest first."""
    result: list[HeadRow] = []
    for index, (bundle_seq, audit_seq, entry_hash, at_previous) in enumerate(rows):
        if index == 0:
            state = "first"
        else:
            before_seq, before_audit, before_hash, _ = rows[index - 1]
            if audit_seq < before_audit:
                state = "break"
            elif bundle_seq == before_seq + 1:
                state = "continues" if at_previous == before_hash else "break"
            else:
                state = "not_adjacent"
        result.append(HeadRow(bundle_seq, audit_seq, entry_hash, state))
    return result


def device_detail(store: SqlStore, device_id: str) -> DeviceDetail | None:
    status = device_status(store, device_id)
    if status is None:
        return None
    with store.transaction(write=False) as repo:
        device = repo.get_device(device_id)
        bundles = [BundleRow(*row) for row in repo._rows(
            "SELECT seq, bundle_id, received_at, record_count, clock_skew_s FROM bundles WHERE device_id = ? "
            "ORDER BY seq DESC LIMIT ?", (device_id, SHOWN))]
        total = repo._one("SELECT COUNT(*) FROM bundles WHERE device_id = ?", (device_id,))
        heads = repo._rows("SELECT bundle_seq, audit_seq, entry_hash, at_previous FROM audit_heads "
                           "WHERE device_id = ? ORDER BY bundle_seq DESC LIMIT ?", (device_id, SHOWN + 1))
        quarantined = [QuarantineRow(*row) for row in repo._rows(
            "SELECT seq, bundle_id, reason, received_at FROM quarantined_bundles WHERE device_id = ? "
            "ORDER BY received_at DESC, seq DESC LIMIT ?", (device_id, SHOWN))]
        records = repo._rows("SELECT reason, COUNT(*) FROM quarantined_records WHERE device_id = ? "
                             "GROUP BY reason ORDER BY reason", (device_id,))
    chain = _continuity([(int(r[0]), int(r[1]), str(r[2]), str(r[3])) for r in reversed(heads)])
    if len(heads) > SHOWN:
        chain = chain[1:]  # the extra, older head only served to judge the first one shown
    return DeviceDetail(status, device.enrolled_at if device else "", bundles, int(total[0]) if total else 0,
                        list(reversed(chain)), quarantined, [(str(r[0]), int(r[1])) for r in records])
