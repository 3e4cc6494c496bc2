"""A restored wing must not re-use bundle numbers HQ has seen: HQ records a restore, not a fork (issue 22 item 2)."""

import json
import shutil

import pytest

from tests.integration.conftest import ACCOUNTS, first_prisoner
from tests.integration.sync_helpers import enrol
from wingdesk.hq.ingest import ingest
from wingdesk.hq.outbox import write_outbox
from wingdesk.services.sync_types import SyncFailed
from wingdesk.sync import usb
from wingdesk.sync.receipts import verify_receipt
from wingdesk.sync.wing_sync import WingSync

SUP_PW = ACCOUNTS["sup"][2]


@pytest.fixture
def sync_wing(wing):
    wing.sync_factory = WingSync
    return wing


def _observe(wing, text):
    off = wing.sign_in("off1", ACCOUNTS["off1"][2])
    try:
        off.observations.record(first_prisoner(off).id, "POSITIVE_ENGAGEMENT", "POSITIVE", text)
    finally:
        off.lock()


def _sup(wing):
    return wing.sign_in("sup", SUP_PW)


def _send(wing, hq, stick):
    """Export as the supervisor and ingest everything on the stick at HQ; returns HQ's results."""
    shutil.rmtree(stick, ignore_errors=True)
    stick.mkdir()
    sup = _sup(wing)
    try:
        sup.sync.export(stick)
    finally:
        sup.lock()
    return [ingest(hq, usb.read_bundle_file(p)) for p in usb.list_bundles(usb.outbox_dir(stick))]


def _hq_file_back(wing, hq, stick, device_id):
    shutil.rmtree(stick, ignore_errors=True)
    stick.mkdir()
    write_outbox(hq, [device_id], stick)
    sup = _sup(wing)
    try:
        return sup.sync.import_files([stick])
    finally:
        sup.lock()


def _hq_rows(hq, sql):
    with hq.store.transaction(write=False) as repo:
        return repo._rows(sql, ())


def _restored_wing_ahead_of_hq(sync_wing, hq, tmp_path):
    """Send bundle 1 and have it acknowledged; back up; write and send bundle 2; restore the older backup."""
    sup = _sup(sync_wing)
    try:
        device_id = enrol(sup, hq)
    finally:
        sup.lock()
    stick = tmp_path / "stick"
    _observe(sync_wing, "before the backup")
    assert [r.outcome for r in _send(sync_wing, hq, stick)] == ["accepted"]
    _hq_file_back(sync_wing, hq, stick, device_id)
    sup = _sup(sync_wing)
    try:
        sup.backup.backup(tmp_path / "backups")
    finally:
        sup.lock()
    _observe(sync_wing, "after the backup, reached HQ")
    assert [(r.outcome, r.seq) for r in _send(sync_wing, hq, stick)] == [("accepted", 2)]
    result = sync_wing.restore(str(tmp_path / "backups"), "sup", SUP_PW)
    assert result.waits_for_hq
    _observe(sync_wing, "after the restore")
    return device_id, stick


def test_restored_wing_learns_hqs_position_and_hq_says_restored(sync_wing, hq, tmp_path):
    device_id, stick = _restored_wing_ahead_of_hq(sync_wing, hq, tmp_path)
    sup = _sup(sync_wing)
    try:
        with pytest.raises(SyncFailed) as caught:  # sealing bundle 2 again would be a fork at HQ
            sup.sync.export(stick)
        assert caught.value.code == "restore_position_unknown"
    finally:
        sup.lock()
    _hq_file_back(sync_wing, hq, stick, device_id)  # the next HQ->wing bundle: HQ's receipts say where it stands
    results = _send(sync_wing, hq, stick)
    assert [(r.outcome, r.seq) for r in results] == [("accepted", 3)]
    receipt = verify_receipt(results[0].receipt, hq.keys.current.sign_public)
    assert receipt.status == "accepted" and receipt.reason == "restored" and receipt.hcs == 3
    assert _hq_rows(hq, "SELECT count(*) FROM quarantined_bundles") == [(0,)]
    restored = _hq_rows(hq, "SELECT detail FROM audit WHERE action = 'device_restored'")
    assert len(restored) == 1
    detail = json.loads(restored[0][0])
    assert detail["after_seq"] == 2 and detail["backup_bundle_seq"] == 1 and detail["bundles_lost"] == 1
    assert detail["audit_entries_lost"] > 0
    _observe(sync_wing, "and on it goes")  # after the declared restore the wing's sync is ordinary again
    assert sorted((r.seq, r.outcome) for r in _send(sync_wing, hq, stick)) == [(3, "duplicate"), (4, "accepted")]
    assert _hq_rows(hq, "SELECT count(*) FROM quarantined_bundles") == [(0,)]


def test_operator_enters_hqs_position(sync_wing, hq, tmp_path):
    device_id, stick = _restored_wing_ahead_of_hq(sync_wing, hq, tmp_path)
    with hq.store.transaction(write=False) as repo:
        device = repo.get_device(device_id)
    sup = _sup(sync_wing)
    try:
        sup.backup.set_hq_position(f"{device.hcs}:{device.hcs_hash}")
    finally:
        sup.lock()
    results = _send(sync_wing, hq, stick)
    assert [(r.outcome, r.seq) for r in results] == [("accepted", 3)]
    assert verify_receipt(results[0].receipt, hq.keys.current.sign_public).reason == "restored"
    assert _hq_rows(hq, "SELECT count(*) FROM quarantined_bundles") == [(0,)]


def test_without_the_restore_note_hq_would_see_a_fork(sync_wing, hq, tmp_path):
    """What the note prevents: the restored wing sealing from its own last bundle re-uses seq 2."""
    device_id, stick = _restored_wing_ahead_of_hq(sync_wing, hq, tmp_path)
    sup = _sup(sync_wing)
    try:
        sup.ctx.repo.execute("UPDATE wing_restores SET declared_in_bundle = 0")  # as if restores were unknown
    finally:
        sup.lock()
    results = _send(sync_wing, hq, stick)
    assert [(r.outcome, r.seq) for r in results] == [("quarantined", 2)]
