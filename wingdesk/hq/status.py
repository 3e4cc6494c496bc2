"""Per-device sync status for the `status` command: last seq, gaps, quarantine, last contact."""

from __future__ import annotations

from dataclasses import dataclass

from wingdesk.hq.ingest import iter_missing
from wingdesk.hq.repository import HqStore

_SCAN = 100_000


@dataclass(frozen=True)
class DeviceStatus:
    device_id: str
    wing_name: str
    last_seq: int
    hcs: int
    gaps: list[int]
    quarantined_bundles: int
    quarantined_records: int
    last_contact: str | None
    revoked_after_seq: int | None
    ref_seq: int


def device_statuses(store: HqStore) -> list[DeviceStatus]:
    result = []
    with store.transaction(write=False) as repo:
        for device in repo.list_devices():
            above = repo.seqs_above(device.device_id, device.hcs, _SCAN)
            bundles, records = repo.count_quarantined(device.device_id)
            result.append(
                DeviceStatus(
                    device.device_id,
                    device.wing_name,
                    device.max_seq,
                    device.hcs,
                    list(iter_missing(device.hcs, above, device.max_seq)),
                    bundles,
                    records,
                    device.last_contact,
                    device.revoked_after_seq,
                    device.ref_seq,
                )
            )
    return result
