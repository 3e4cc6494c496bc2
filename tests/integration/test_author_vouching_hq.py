"""HQ checks authors' signatures where it reads a bundle (worker processes) and decides under the device lock:
a reader that claims a forged line holds, or signatures checked in parts by several workers, change nothing."""

import tracemalloc
from dataclasses import replace

import pytest

from tests.integration.test_forged_authors import export_all, forge, governor_record, insider, stored_records  # noqa: F401
from wingdesk.hq import authors as authors_module
from wingdesk.hq import contents as contents_module
from wingdesk.hq.contents import read_contents, vouch_lines
from wingdesk.hq.ingest import _signer_lookup
from wingdesk.hq.reports import device_statuses
from wingdesk.hq.server import reading_in_workers
from wingdesk.sync import payload
from wingdesk.sync.bundle import seal_bundle, verify_bundle
from wingdesk.sync.header import GENESIS_HASH, KIND_WING_TO_HQ
from wingdesk.sync.wing_records import record_line


def test_a_reader_that_vouches_for_a_forged_line_with_a_key_hq_does_not_hold_is_overruled(insider, hq):  # noqa: F811
    insider_key = insider.ctx.keyring.public_key()
    governor = insider.ctx.repo.find_user("gov").id

    def lying(verified, identities, env, held, research):
        read = read_contents(verified, identities, env, held, research)
        return replace(read, vouched=frozenset({(governor, insider_key)}))

    device_id = insider.ctx.repo.get_sync_device().device_id
    record = governor_record(insider, insider)
    result, _ = forge(insider, replace(hq, read_contents=lying), [record_line(record, "T-000", device_id, "0001")])
    assert result.outcome == "quarantined"
    assert device_statuses(hq.store)[0].last_quarantine_reason == "author_bad_signature"
    assert stored_records(hq) == 0


@pytest.fixture
def fanned_out(hq, monkeypatch):
    """HQ reading in two worker processes, every bundle's signatures checked in parts by both (the reader checks
    the first half of the lines, the other worker the rest)."""
    monkeypatch.setattr(contents_module, "FAN_OUT_BYTES", 0)
    monkeypatch.setattr(contents_module, "READ_WEIGHT", 0.0)
    with reading_in_workers(hq, workers=2) as pooled:
        yield pooled


def test_signatures_checked_in_parts_accept_the_wing_s_own_records(insider, login, fanned_out, tmp_path,  # noqa: F811
                                                                   monkeypatch):
    def judged_again(*_args):
        raise AssertionError("the workers' checks should have vouched for every line")

    monkeypatch.setattr(authors_module, "author_failure", judged_again)  # the server process's own, slow check
    for text in ("one", "two", "three"):
        insider.observations.record(insider.prisoners.page()[0].id, "NEEDS_REQUEST", "CONCERN", text)
    assert set(export_all(login("sup"), fanned_out, tmp_path / "stick").values()) == {"accepted"}
    assert stored_records(fanned_out) > 0


@pytest.mark.parametrize("forged_at", [0, 1, 2, 3])
def test_signatures_checked_in_parts_still_refuse_a_forged_author(insider, fanned_out, forged_at):  # noqa: F811
    """Wherever the forged line is (the reader's half or the other worker's), and with a genuine line sent twice
    (one row, two lines: the halves are of lines, not rows)."""
    device_id = insider.ctx.repo.get_sync_device().device_id
    own = insider.observations.record(insider.prisoners.page()[0].id, "NEEDS_REQUEST", "CONCERN", "Genuine")
    other = insider.observations.record(insider.prisoners.page()[0].id, "NEEDS_REQUEST", "CONCERN", "Also")
    lines = [record_line(own, "T-000", device_id, "0001"), record_line(own, "T-000", device_id, "0001"),
             record_line(other, "T-000", device_id, "0002")]
    lines.insert(forged_at, record_line(governor_record(insider, insider), "T-000", device_id, "0003"))
    result, _ = forge(insider, fanned_out, lines)
    assert result.outcome == "quarantined"
    assert device_statuses(fanned_out.store)[0].last_quarantine_reason == "author_bad_signature"
    assert stored_records(fanned_out) == 0


def test_a_line_only_the_reader_refuses_in_the_other_workers_part_is_quarantined(insider, fanned_out,  # noqa: F811
                                                                                 monkeypatch):
    """A line whose kind is a JSON array, in the part the second worker checks: that worker leaves the judging to
    ingest (it used to raise, failing the upload with nothing kept), and the bundle is quarantined as evidence."""
    device_id = insider.ctx.repo.get_sync_device().device_id
    own = insider.observations.record(insider.prisoners.page()[0].id, "NEEDS_REQUEST", "CONCERN", "Genuine")
    good = record_line(own, "T-000", device_id, "0001")
    bad = dict(good, kind=["observation"], record_id="6f1b5f0e-3a8e-4d5e-9a34-6b6a3f1e2d10")
    with monkeypatch.context() as sealing:
        sealing.setattr(payload, "check_record", lambda record: record)  # the insider's sealing skips the check
        result, _ = forge(insider, fanned_out, [good, bad])
    assert result.outcome == "quarantined"
    assert device_statuses(fanned_out.store)[0].last_quarantine_reason == "record_invalid"


def test_the_second_worker_holds_no_more_than_the_reader_for_a_hostile_bundle(insider, hq, monkeypatch):  # noqa: F811
    """Lines of deep empty arrays compress to almost nothing: the second worker parses one line at a time and stops
    at the first that is no record line, as the reader does (it used to parse its whole part first: 5x the
    reader's peak memory)."""
    device = insider.ctx.repo.get_sync_device()
    lines = [{"body": {"a": [[]] * 100_000}}] * 40  # ~12 MiB of plaintext
    with monkeypatch.context() as sealing:
        sealing.setattr(payload, "check_record", lambda record: record)
        data = seal_bundle(KIND_WING_TO_HQ, device.device_id, 1, GENESIS_HASH, lines, device.sign_private,
                           device.hq_enc_public, device.env)
    verified, identities, held = verify_bundle(data, _signer_lookup(hq, [])), hq.keys.identities(), {"x": [b"1" * 32]}
    contents, reader = _peak(lambda: read_contents(verified, identities, hq.env, held, vouch_share=0.5))
    found, worker = _peak(lambda: vouch_lines(verified, identities, hq.env, held, 0.5, 1.0))
    assert contents.failure == "record_invalid" and found is None
    assert worker <= 1.2 * reader


def _peak(work):
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        result = work()
        return result, tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
