"""HQ's reports: per-device sync status (last seq, gaps, quarantine, last contact), as data, text or JSON.

Text names a device by its id and its wing's name (made printable) only: no record text, names or keys.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from wingdesk.domain.shown_text import printable
from wingdesk.hq.ingest import iter_missing
from wingdesk.hq.repository import Device, HqRepository, HqStore
from wingdesk.i18n import _

_SCAN = 100_000
GAPS_SHOWN = 20


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
    audit_head_seq: int | None = None  # the wing's audit chain length in its newest accepted head
    last_quarantine_seq: int | None = None
    last_quarantine_reason: str = ""  # e.g. audit_chain_shortened, countersignature_bad_signature
    clock_skew_s: int | None = None  # the worst flagged clock error (negative: the wing's clock was behind)
    clock_skewed_bundles: int = 0


def device_statuses(store: HqStore) -> list[DeviceStatus]:
    with store.transaction(write=False) as repo:
        return [_status(repo, device) for device in repo.list_devices()]


def device_status(store: HqStore, device_id: str) -> DeviceStatus | None:
    """One device's row (the console's device page), without reading every other device."""
    with store.transaction(write=False) as repo:
        device = repo.get_device(device_id)
        return None if device is None else _status(repo, device)


def _status(repo: HqRepository, device: Device) -> DeviceStatus:
    above = repo.seqs_above(device.device_id, device.hcs, _SCAN)
    bundles, records = repo.count_quarantined(device.device_id)
    head, quarantine = repo.last_audit_head(device.device_id), repo.last_quarantine(device.device_id)
    skew, skewed = repo.clock_skew(device.device_id)
    return DeviceStatus(
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
        head[1] if head else None,
        quarantine[0] if quarantine else None,
        quarantine[1] if quarantine else "",
        skew,
        skewed,
    )


def status_json(rows: list[DeviceStatus]) -> str:
    return json.dumps([asdict(row) for row in rows], indent=2)


def status_lines(rows: list[DeviceStatus]) -> list[str]:
    """One translated line per device; the first GAPS_SHOWN gaps are listed, the rest is an ellipsis."""
    lines = []
    for row in rows:
        gaps = ", ".join(map(str, row.gaps[:GAPS_SHOWN])) + (" …" if len(row.gaps) > GAPS_SHOWN else "") or "-"
        revoked = ("" if row.revoked_after_seq is None
                   else _(" (revoked after {seq})").format(seq=row.revoked_after_seq))
        revoked += _skew_text(row)
        lines.append(
            _(
                "{device}  {wing}: last seq {last}, contiguous {hcs}, gaps {gaps}, "
                "quarantined {qb} bundles / "
                "{qr} records, last contact {contact}{revoked}"
            ).format(
                device=row.device_id,
                wing=printable(row.wing_name),
                last=row.last_seq,
                hcs=row.hcs,
                gaps=gaps,
                qb=row.quarantined_bundles,
                qr=row.quarantined_records,
                contact=row.last_contact or "-",
                revoked=revoked,
            )
        )
        if row.audit_head_seq is not None:
            lines.append(_("  audit chain head at entry {seq}").format(seq=row.audit_head_seq))
        if row.last_quarantine_seq is not None:
            lines.append(_("  last quarantined bundle {seq}: {reason}").format(
                seq=row.last_quarantine_seq, reason=row.last_quarantine_reason))
    return lines


def _skew_text(row: DeviceStatus) -> str:
    """The wing clock's worst flagged error, in whole hours, with how many bundles showed one."""
    if row.clock_skew_s is None:
        return ""
    hours = abs(row.clock_skew_s) // 3600
    if row.clock_skew_s < 0:
        return _("; clock behind by up to {hours} h ({bundles} bundles)").format(
            hours=hours, bundles=row.clock_skewed_bundles)
    return _("; clock ahead by up to {hours} h ({bundles} bundles)").format(
        hours=hours, bundles=row.clock_skewed_bundles)
