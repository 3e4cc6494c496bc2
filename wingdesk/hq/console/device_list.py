"""The devices list in a fixed number of queries, whatever the number of devices.

`hq.reports.device_statuses` (behind `wingdesk-hq status`) asks six questions per device: on PostgreSQL a round
trip each, 200 ms for 50 devices. The list asks each question once for all devices, grouped by device, and builds
the same rows (a test holds the two equal); the last quarantine reason, which the list does not show, is left
out.
"""

from __future__ import annotations

from collections import defaultdict

from wingdesk.hq.ingest import iter_missing
from wingdesk.hq.reports import DeviceStatus
from wingdesk.hq.store import SqlStore

_SCAN = 100_000  # as hq.reports: bundles above the contiguous sequence read per device, at most


def device_rows(store: SqlStore) -> list[DeviceStatus]:
    with store.transaction(write=False) as repo:
        devices = repo.list_devices()
        above: dict[str, list[int]] = defaultdict(list)
        for device_id, seq in repo._rows("SELECT b.device_id, b.seq FROM bundles b JOIN devices d "
                                         "ON d.device_id = b.device_id WHERE b.seq > d.hcs "
                                         "ORDER BY b.device_id, b.seq"):
            if len(above[device_id]) < _SCAN:
                above[device_id].append(int(seq))
        q_bundles = _counts(repo._rows("SELECT device_id, COUNT(*) FROM quarantined_bundles GROUP BY device_id"))
        q_records = _counts(repo._rows("SELECT device_id, COUNT(*) FROM quarantined_records GROUP BY device_id"))
        heads = {str(r[0]): int(r[1]) for r in repo._rows(
            "SELECT h.device_id, h.audit_seq FROM audit_heads h JOIN (SELECT device_id, MAX(bundle_seq) AS top "
            "FROM audit_heads GROUP BY device_id) t ON t.device_id = h.device_id AND t.top = h.bundle_seq")}
        skews = {str(r[0]): (int(r[1]), int(r[2]), int(r[3])) for r in repo._rows(
            "SELECT device_id, MIN(clock_skew_s), MAX(clock_skew_s), COUNT(*) FROM bundles "
            "WHERE clock_skew_s IS NOT NULL GROUP BY device_id")}
    rows = []
    for device in devices:
        low, high, skewed = skews.get(device.device_id, (0, 0, 0))
        rows.append(DeviceStatus(
            device.device_id, device.wing_name, device.max_seq, device.hcs,
            list(iter_missing(device.hcs, above.get(device.device_id, []), device.max_seq)),
            q_bundles.get(device.device_id, 0), q_records.get(device.device_id, 0), device.last_contact,
            device.revoked_after_seq, device.ref_seq, heads.get(device.device_id),
            clock_skew_s=(max(low, high, key=abs) if skewed else None), clock_skewed_bundles=skewed))
    return rows


def _counts(rows: list[tuple[object, ...]]) -> dict[str, int]:
    return {str(row[0]): int(str(row[1])) for row in rows}
