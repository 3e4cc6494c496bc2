"""A new PC from HQ (issue 22 item 4): HQ retires the dead device, seals its records to the successor, and refuses
what the retired device sends; the package opens only on the successor of the same wing."""

from __future__ import annotations

import uuid

import pytest

from tests.hq.conftest import Wing, enrol, make_record
from wingdesk.hq.cli.messages import describe_code
from wingdesk.hq.errors import DeviceRetired, DeviceRevoked
from wingdesk.hq.http_app import _status_for
from wingdesk.hq.ingest import ingest
from wingdesk.hq.successors import SuccessorInvalid, replace_device
from wingdesk.sync.errors import SyncError
from wingdesk.sync.payload import record_content_hash
from wingdesk.sync.successor_package import SuccessorRefused, open_package


@pytest.fixture
def dead(ctx, hq_keys):
    """A wing device with two bundles HQ acknowledged (one record revised), and its enrolled replacement."""
    old = enrol(ctx, Wing(hq_keys))
    first = [make_record(i) for i in range(3)]
    ingest(ctx, old.bundle(first))
    ingest(ctx, old.bundle([make_record(9, record_id=first[0]["record_id"], rev=2, text="revised"), make_record(4)]))
    return old, enrol(ctx, Wing(hq_keys))


def _held(ctx, device_id: str) -> set[tuple[str, int, str]]:
    with ctx.store.transaction(write=False) as repo:
        return {(r[0], r[1], r[3]) for r in repo.device_records(device_id)}


def _open(data: bytes, hq_keys, wing: Wing, name: str = "Wing B"):
    return open_package(data, hq_keys.current.sign_public, wing.keys.enc_private, wing.device_id, name, "prod")


def test_package_holds_exactly_the_dead_devices_records(ctx, hq_keys, dead):
    old, new = dead
    other = enrol(ctx, Wing(hq_keys, name="Wing C"))
    ingest(ctx, other.bundle([make_record(7)]))
    package = _open(replace_device(ctx.store, hq_keys, old.device_id, new.device_id, ctx.clock()), hq_keys, new)
    got = {(r["record_id"], r["rev"], r["content_hash"]) for r in package.records}
    assert got == _held(ctx, old.device_id) and len(got) == 5
    assert not got & _held(ctx, other.device_id)  # no record of another wing
    assert (package.predecessor_id, package.hcs, package.hcs_hash) == (old.device_id, 2, old.sealed[2])
    assert {u[0] for u in package.users} == {u for u, _, _ in _keys(ctx, old.device_id)}


def _keys(ctx, device_id):
    with ctx.store.transaction(write=False) as repo:
        return repo.user_keys(device_id)


def test_retired_device_is_refused_with_one_sentence_and_successor_accepted(ctx, hq_keys, dead):
    old, new = dead
    replace_device(ctx.store, hq_keys, old.device_id, new.device_id, ctx.clock())
    with pytest.raises(DeviceRetired) as refused:
        ingest(ctx, old.bundle([make_record(20)]))
    assert isinstance(refused.value, DeviceRevoked) and _status_for(refused.value) == 403
    sentence = describe_code(refused.value.code)
    assert "retired" in sentence and sentence.count(".") == 1
    first = ingest(ctx, new.bundle([make_record(21)]))  # the successor's own chain: not a fork, not quarantined
    assert first.outcome == "accepted"
    with ctx.store.transaction(write=False) as repo:
        assert repo.count_quarantined(new.device_id) == (0, 0)
        assert repo.get_device(old.device_id).revoked_after_seq == 2
        assert repo.successor_of(old.device_id) == new.device_id


def test_package_for_another_device_or_wing_is_refused(ctx, hq_keys, dead):
    old, new = dead
    data = replace_device(ctx.store, hq_keys, old.device_id, new.device_id, ctx.clock())
    bystander = enrol(ctx, Wing(hq_keys))
    with pytest.raises(SyncError):  # sealed to the successor's key: another device cannot even open it
        _open(data, hq_keys, bystander)
    with pytest.raises(SuccessorRefused):  # opened with the right key, but claimed by another device id
        open_package(data, hq_keys.current.sign_public, new.keys.enc_private, bystander.device_id, "Wing B", "prod")
    with pytest.raises(SuccessorRefused):  # the right PC, installed as another wing
        _open(data, hq_keys, new, "Wing C")


def test_replacement_refused_across_wings_or_twice(ctx, hq_keys, dead):
    old, new = dead
    other_wing = enrol(ctx, Wing(hq_keys, name="Wing C"))
    with pytest.raises(SuccessorInvalid):
        replace_device(ctx.store, hq_keys, old.device_id, other_wing.device_id, ctx.clock())
    with pytest.raises(SuccessorInvalid):
        replace_device(ctx.store, hq_keys, old.device_id, old.device_id, ctx.clock())
    with ctx.store.transaction(write=False) as repo:  # the refusals changed nothing
        assert repo.get_device(old.device_id).revoked_after_seq is None
    replace_device(ctx.store, hq_keys, old.device_id, new.device_id, ctx.clock())
    third = enrol(ctx, Wing(hq_keys))
    with pytest.raises(SuccessorInvalid):
        replace_device(ctx.store, hq_keys, old.device_id, third.device_id, ctx.clock())


def test_an_ordinary_hq_bundle_is_not_a_successor_package(ctx, hq_keys, dead):
    from wingdesk.sync.header import GENESIS_HASH
    from wingdesk.sync.reference import seal_hq_bundle

    _, new = dead
    data = seal_hq_bundle(new.device_id, 1, GENESIS_HASH, [], hq_keys.current.sign_private, new.keys.enc_public,
                          "prod", ctx.clock())
    with pytest.raises(SuccessorRefused):
        _open(data, hq_keys, new)


def test_retired_device_upload_over_https_is_403_device_retired(sqlite_ctx, hq_keys):
    from starlette.testclient import TestClient

    from tests.hq.test_http import _put
    from wingdesk.hq.http_app import create_app
    from wingdesk.i18n.sync_messages import SYNC_MESSAGES

    old, new = enrol(sqlite_ctx, Wing(hq_keys)), enrol(sqlite_ctx, Wing(hq_keys))
    client = TestClient(create_app(sqlite_ctx))
    assert _put(client, old.bundle()).status_code == 200
    replace_device(sqlite_ctx.store, hq_keys, old.device_id, new.device_id, sqlite_ctx.clock())
    refused = _put(client, old.bundle())
    assert (refused.status_code, refused.json()) == (403, {"error": "device_retired"})
    assert "retired" in SYNC_MESSAGES["device_retired"]  # what the wing shows for that code
    assert _put(client, new.bundle()).status_code == 200


def _wing_line(prisoner_id: str, number: str, kind: str = "observation", body: dict | None = None) -> dict:
    record = {"id": "r", "kind": kind, "prisoner_id": prisoner_id, "body": body or {"what_seen_heard": "x"}}
    return {"record_id": "r", "rev": 1, "kind": kind, "body": {"record": record, "prisoner_number": number}}


def test_package_names_each_prisoner_with_the_identity_hq_holds():
    """The wing's own admission record wins; HQ's roster fills in a prisoner admitted from it and sets the status;
    a prisoner HQ holds no identity for travels with its number only (the wing decides what it shows)."""
    from wingdesk.hq.successors import successor_prisoners

    admitted = {"number": "A-1", "given_name": "Ana", "family_name": "Admitted", "sex": "F",
                "legal_status": "REMAND"}
    records = [_wing_line("p1", "A-1", "admission", admitted), _wing_line("p1", "A-1"),
               _wing_line("p2", "R-2"), _wing_line("p3", "T-3"), _wing_line("p4", "X-4"),
               {"record_id": "c", "rev": 1, "kind": "comment", "body": {"text": "no record"}}]
    roster_row = {"number": "R-2", "given_name": "Rosa", "family_name": "Roster", "sex": "F", "legal_status": "OTHER"}
    roster = [{"kind": "roster", "body": {"event": "admission", "prisoner": roster_row}},
              {"kind": "roster", "body": {"event": "release", "number": "R-2"}},
              {"kind": "roster", "body": {"event": "admission", "prisoner": {**admitted, "given_name": "Other"}}},
              {"kind": "roster", "body": {"event": "transfer_out", "number": "T-3"}},
              {"kind": "user", "body": {"number": "X-4", "event": "release"}}]
    found = {p["prisoner_id"]: p for p in successor_prisoners(records, roster)}
    assert found == {
        "p1": {"prisoner_id": "p1", "number": "A-1", "identity": admitted, "status": "IN_CUSTODY"},
        "p2": {"prisoner_id": "p2", "number": "R-2", "identity": roster_row, "status": "RELEASED"},
        "p3": {"prisoner_id": "p3", "number": "T-3", "identity": None, "status": "TRANSFERRED"},
        "p4": {"prisoner_id": "p4", "number": "X-4", "identity": None, "status": "IN_CUSTODY"}}


def test_package_carries_the_prisoner_lines_to_the_successor(ctx, hq_keys):
    old, new = enrol(ctx, Wing(hq_keys)), enrol(ctx, Wing(hq_keys))
    line = _wing_line("0190a000-0000-7000-8000-000000000001", "A-1")
    line = {**line, "record_id": str(uuid.uuid4()), "content_hash": record_content_hash(line["body"])}
    ingest(ctx, old.bundle([line]))
    package = _open(replace_device(ctx.store, hq_keys, old.device_id, new.device_id, ctx.clock()), hq_keys, new)
    assert package.prisoners == [{"prisoner_id": "0190a000-0000-7000-8000-000000000001", "number": "A-1",
                                  "identity": None, "status": "IN_CUSTODY"}]
    assert [r["record_id"] for r in package.records] == [line["record_id"]]  # prisoner lines are not records
