"""The one repository test suite, run on SQLite and on PostgreSQL."""

from __future__ import annotations

import threading
import uuid

import pytest

from wingdesk.hq.repository import Device, NewBundle, QuarantineEntry, RecordRow


def _device(device_id: str | None = None) -> Device:
    return Device(
        device_id or str(uuid.uuid4()),
        "Wing Ć",
        uuid.uuid4().bytes * 2,
        b"e" * 32,
        "2025-01-01T00:00:00Z",
        None,
        None,
        0,
        "",
        0,
        None,
        0,
        0,
        "",
    )


def _bundle(device_id: str, seq: int) -> NewBundle:
    return NewBundle(
        str(uuid.uuid4()),
        uuid.uuid4().hex * 2,
        device_id,
        seq,
        "0" * 64,
        "2025-01-01T00:00:00Z",
        1,
        None,
        b"\x00raw\xff",
    )


def test_devices(store):
    device = _device()
    with store.transaction() as repo:
        repo.add_device(device)
    with store.transaction(write=False) as repo:
        assert repo.get_device(device.device_id) == device
        assert repo.get_device(str(uuid.uuid4())) is None
    with store.transaction() as repo:
        repo.update_device_state(
            device.device_id, hcs=3, hcs_hash="a" * 64, max_seq=5, last_contact="now", receipt_seq=7
        )
        repo.revoke_device(device.device_id, 3, "later")
        repo.set_ref_state(device.device_id, 2, "b" * 64)
    with store.transaction(write=False) as repo:
        got = repo.lock_device(device.device_id)
        assert (got.hcs, got.max_seq, got.receipt_seq, got.revoked_after_seq, got.ref_seq) == (3, 5, 7, 3, 2)
        assert [d.device_id for d in repo.list_devices()] == [device.device_id]


def test_bundles_records_and_rollback(store):
    device = _device()
    with store.transaction() as repo:
        repo.add_device(device)
    bundle = _bundle(device.device_id, 1)
    rows = [RecordRow(str(uuid.uuid4()), 1, "k", "c" * 64, '{"a":"ž"}'.encode()) for _ in range(3)]
    with store.transaction() as repo:
        repo.insert_bundle(bundle, b"", 0)
        assert repo.insert_records(bundle, rows).new == 3
        repo.set_receipt(bundle.bundle_id, b"receipt", 1)
    other = _bundle(device.device_id, 2)
    changed = RecordRow(rows[0].record_id, 1, "k", "d" * 64, b"{}")
    with store.transaction() as repo:
        repo.insert_bundle(other, b"r2", 2)
        outcome = repo.insert_records(other, [rows[1], changed])
        assert (outcome.new, outcome.duplicate, outcome.quarantined) == (0, 1, 1)
    with pytest.raises(RuntimeError), store.transaction() as repo:
        repo.insert_bundle(_bundle(device.device_id, 3), b"r3", 3)
        raise RuntimeError("crash before commit")
    with store.transaction(write=False) as repo:
        stored = repo.bundle_by_id(bundle.bundle_id)
        assert stored.receipt == b"receipt" and stored.seq == 1
        assert repo.bundle_at(device.device_id, 2).bundle_id == other.bundle_id
        assert repo.seqs_above(device.device_id, 0, 10) == [1, 2]
        assert repo.record_count() == 3
        assert repo.count_quarantined(device.device_id) == (0, 1)
        assert repo.outbox_receipts(device.device_id, 1) == [b"r2"]


def test_quarantine_and_reference(store):
    device = _device()
    with store.transaction() as repo:
        repo.add_device(device)
        entry = QuarantineEntry("f" * 64, str(uuid.uuid4()), device.device_id, 4, "fork", "now", b"raw")
        repo.quarantine_bundle(entry, b"rq", 9)
        repo.quarantine_bundle(entry, b"other", 10)  # idempotent
        repo.add_reference_item(
            "",
            {"record_id": str(uuid.uuid4()), "rev": 1, "kind": "user", "content_hash": "a" * 64, "body": {"u": "Đ"}},
            "t1",
        )
        repo.add_reference_item(
            device.device_id,
            {
                "record_id": str(uuid.uuid4()),
                "rev": 1,
                "kind": "roster",
                "content_hash": "a" * 64,
                "body": {"event": "release"},
            },
            "t2",
        )
        repo.add_outbox_bundle(device.device_id, 1, str(uuid.uuid4()), "h" * 64, b"bundle", "t3")
        repo.audit("t", "test", device.device_id, "", "")
    with store.transaction(write=False) as repo:
        assert repo.quarantined_receipt("f" * 64) == (True, b"rq")
        assert repo.quarantined_receipt("e" * 64) == (False, None)
        assert [i["kind"] for i in repo.reference_items(device.device_id)] == ["user", "roster"]
        assert [i["kind"] for i in repo.reference_items(str(uuid.uuid4()))] == ["user"]
        assert repo.outbox_bundle(device.device_id, 1) == b"bundle"
        assert repo.outbox_receipts(device.device_id, 0) == [b"rq"]


def test_device_lock_serialises_writers(store):
    device = _device()
    with store.transaction() as repo:
        repo.add_device(device)
    order = []

    def writer(tag: str) -> None:
        with store.transaction() as repo:
            got = repo.lock_device(device.device_id)
            order.append((tag, got.receipt_seq))
            repo.update_device_state(
                device.device_id, hcs=0, hcs_hash="", max_seq=0, last_contact="x", receipt_seq=got.receipt_seq + 1
            )

    threads = [threading.Thread(target=writer, args=(str(i),)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(seq for _, seq in order) == list(range(8))
