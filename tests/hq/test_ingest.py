"""HQ ingest on SQLite and PostgreSQL: duplicates, conflicts, forks, gaps, revocation, crash-retry (sync.md §4)."""

from __future__ import annotations

import json
import uuid

import pytest

from wingdesk.hq.devices import revoke_device
from wingdesk.hq.errors import BundleConflict, DeviceRevoked, UnknownDevice
from wingdesk.hq.ingest import HqContext, ingest
from wingdesk.hq.keystore import HqKeys, rotate_enc_key
from wingdesk.hq.store import open_store
from wingdesk.sync import errors, keys, payload
from wingdesk.sync.bundle import bundle_hash
from wingdesk.sync.receipts import verify_receipt


def _receipt(ctx, result):
    return verify_receipt(result.receipt, ctx.keys.current.sign_public)


def _count(ctx, table):
    with ctx.store.transaction(write=False) as repo:
        return repo._one(f"SELECT COUNT(*) FROM {table}")[0]


def test_accept_and_duplicate_get_the_same_receipt(ctx, wing):
    data = wing.bundle(n=4)
    first = ingest(ctx, data)
    again = ingest(ctx, data)
    assert (first.outcome, again.outcome) == ("accepted", "duplicate")
    assert first.receipt == again.receipt
    receipt = _receipt(ctx, first)
    assert receipt.status == "accepted" and receipt.counts["new"] == 4 and receipt.hcs == 1
    assert receipt.bundle_hash == bundle_hash(data) and receipt.hcs_hash == bundle_hash(data)
    assert _count(ctx, "records") == 4 and _count(ctx, "bundles") == 1


def test_same_bundle_id_other_bytes_is_conflict(ctx, wing):
    bundle_id = str(uuid.uuid4())
    ingest(ctx, wing.bundle(bundle_id=bundle_id))
    wing.seq -= 1
    with pytest.raises(BundleConflict):
        ingest(ctx, wing.bundle(bundle_id=bundle_id))
    assert _count(ctx, "bundles") == 1


def test_fork_is_quarantined_and_original_kept(ctx, wing):
    original = wing.bundle()
    ingest(ctx, original)
    wing.seq, wing.prev = 0, "0" * 64  # restored from an old backup
    fork = wing.bundle()
    result = ingest(ctx, fork)
    assert result.outcome == "quarantined" and result.http_status == 202
    assert _receipt(ctx, result).reason == "fork"
    with ctx.store.transaction(write=False) as repo:
        assert repo.bundle_at(wing.device_id, 1).bundle_hash == bundle_hash(original)
        assert repo.count_quarantined(wing.device_id) == (1, 0)
    assert ingest(ctx, fork).receipt == result.receipt  # re-sent fork: same stored receipt


def test_gaps_then_fill(ctx, wing):
    bundles = [wing.bundle() for _ in range(7)]
    seven = _receipt(ctx, ingest(ctx, bundles[6]))
    assert seven.hcs == 0 and seven.missing == [1, 2, 3, 4, 5, 6]
    for data in bundles[:4]:
        ingest(ctx, data)
    r5 = _receipt(ctx, ingest(ctx, bundles[4]))
    assert r5.hcs == 5 and r5.missing == [6]
    last = _receipt(ctx, ingest(ctx, bundles[5]))
    assert last.hcs == 7 and last.missing == [] and last.hcs_hash == bundle_hash(bundles[6])


def test_huge_seq_gap_is_capped(ctx, wing):
    wing.seq = 10**9
    receipt = _receipt(ctx, ingest(ctx, wing.bundle()))
    assert len(receipt.missing) == 1024 and receipt.missing_truncated


def test_record_revisions_dedup_and_conflict(ctx, wing, record):
    shared = record(1)
    ingest(ctx, wing.bundle([shared, record(2)]))
    same = _receipt(ctx, ingest(ctx, wing.bundle([shared, record(3)])))
    assert same.counts == {"received": 2, "new": 1, "duplicate": 1, "quarantined": 0}
    changed = record(1, record_id=shared["record_id"], text="edited after the fact")
    clash = _receipt(ctx, ingest(ctx, wing.bundle([changed])))
    assert clash.status == "accepted" and clash.counts["quarantined"] == 1 and clash.reason == "record_conflict"
    with ctx.store.transaction(write=False) as repo:
        stored = repo._one("SELECT content_hash FROM records WHERE record_id = ?", (shared["record_id"],))
        assert stored[0] == shared["content_hash"]  # never a silent overwrite
        assert repo.count_quarantined(wing.device_id) == (0, 1)


def test_wrong_content_hash_quarantines_bundle(ctx, wing, record):
    bad = dict(record(1), content_hash="0" * 64)
    result = ingest(ctx, wing.bundle([bad]))
    assert result.outcome == "quarantined" and _receipt(ctx, result).reason == "record_invalid"
    assert _count(ctx, "records") == 0


@pytest.mark.parametrize("value", [2**60, "\ud800"])
def test_body_rfc8785_refuses_is_quarantined_not_a_crash(ctx, wing, record, value, monkeypatch):
    """Strict JSON reads a huge integer or an escaped lone surrogate, but no content hash can be computed."""
    monkeypatch.setattr(payload, "dump_line", lambda r: json.dumps(r).encode())  # ASCII-escaped, as a hostile wing
    bad = dict(record(1), body={"value": value})
    result = ingest(ctx, wing.bundle([bad]))
    assert result.outcome == "quarantined" and _receipt(ctx, result).reason == "record_invalid"
    assert _count(ctx, "records") == 0


def test_unknown_device_and_other_devices_key(ctx, wing, make_wing):
    stranger = make_wing(enrolled=False)
    with pytest.raises(UnknownDevice):
        ingest(ctx, stranger.bundle())
    impostor = make_wing()
    data = impostor.bundle(device_id=wing.device_id)  # enrolled key, someone else's device id
    with pytest.raises(errors.UnknownSigner):
        ingest(ctx, data)
    assert _count(ctx, "bundles") == 0


def test_manifest_mismatch_from_enrolled_device_is_quarantined(ctx, wing, monkeypatch):
    from wingdesk.sync import payload

    real = payload.encode_plaintext
    monkeypatch.setattr(payload, "encode_plaintext", lambda manifest, records: real(dict(manifest, seq=99), records))
    result = ingest(ctx, wing.bundle())
    assert result.outcome == "quarantined" and _receipt(ctx, result).reason == "manifest_mismatch"


def test_revoked_device_refused_but_evidence_kept(ctx, wing):
    ingest(ctx, wing.bundle())
    late_but_legit = wing.bundle()
    assert revoke_device(ctx.store, wing.device_id, ctx.clock()) == 1
    with pytest.raises(DeviceRevoked):
        ingest(ctx, late_but_legit)
    with pytest.raises(DeviceRevoked):
        ingest(ctx, late_but_legit)
    with ctx.store.transaction(write=False) as repo:
        assert repo.count_quarantined(wing.device_id) == (1, 0)
        assert repo.bundle_at(wing.device_id, 2) is None


def test_env_and_recipient_checks(ctx, hq_keys, make_wing):
    wing = make_wing()
    with pytest.raises(errors.EnvironmentMismatch):  # a test-environment bundle sent to production
        ingest(ctx, wing.bundle(env="test"))
    unknown = keys.generate_key_pairs()
    with pytest.raises(errors.WrongRecipient):
        ingest(ctx, wing.bundle(recipient_public=unknown.enc_public))


def test_retired_hq_key_still_opens_late_bundles(ctx, wing):
    late = wing.bundle()
    rotated = rotate_enc_key(ctx.keys)
    new_ctx = HqContext(ctx.store, rotated, clock=ctx.clock)
    assert ingest(new_ctx, late).outcome == "accepted"
    only_new = HqContext(ctx.store, HqKeys("prod", "x", "x", rotated.current), clock=ctx.clock)
    with pytest.raises(errors.WrongRecipient):
        ingest(only_new, wing.bundle())


def test_chain_break_is_quarantined(ctx, wing):
    ingest(ctx, wing.bundle())
    wing.prev = "e" * 64
    result = ingest(ctx, wing.bundle())
    assert result.outcome == "quarantined" and _receipt(ctx, result).reason == "chain_break"


def test_crash_between_commit_and_reply_returns_stored_receipt(tmp_path, backend, hq_keys, make_wing, ctx):
    """The reply is lost after commit; a fresh HQ process (new store object) returns the same receipt."""
    wing = make_wing()
    data = wing.bundle()
    first = ingest(ctx, data)
    ctx.store.close()
    reopened = open_store(tmp_path / "hq", backend)
    try:
        retry = ingest(HqContext(reopened, hq_keys), data)
    finally:
        reopened.close()
    assert retry.outcome == "duplicate" and retry.receipt == first.receipt


def test_failed_transaction_commits_nothing(ctx, wing, monkeypatch):
    from wingdesk.hq import sql_repository

    def boom(self, *args, **kwargs):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(sql_repository.SqlRepository, "audit", boom)  # the last write of the unit
    with pytest.raises(RuntimeError):
        ingest(ctx, wing.bundle())
    assert _count(ctx, "bundles") == 0 and _count(ctx, "records") == 0


def test_clock_skew_is_flagged(ctx, wing):
    data = wing.bundle(manifest_extra={"created_at": "2031-01-01T00:00:00Z"})
    receipt = _receipt(ctx, ingest(ctx, data))
    assert receipt.status == "accepted" and receipt.reason == "clock_skew" and receipt.clock_skew_s > 0


def test_receipt_and_logs_hold_no_record_text(ctx, wing, record, caplog):
    secret = "Canary Surname 12345"
    data = wing.bundle([record(1, text=secret)])
    result = ingest(ctx, data)
    ingest(ctx, data)
    assert secret.encode() not in result.receipt
    assert secret not in caplog.text
    assert secret not in json.dumps(json.loads(result.receipt))
