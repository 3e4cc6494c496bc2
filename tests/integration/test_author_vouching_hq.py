"""HQ checks authors' signatures where it reads a bundle (worker processes) and decides under the device lock:
a reader that claims a forged line holds, or signatures checked in parts by several workers, change nothing."""

from dataclasses import replace

import pytest

from tests.integration.test_forged_authors import export_all, forge, governor_record, insider, stored_records  # noqa: F401
from wingdesk.hq import authors as authors_module
from wingdesk.hq import contents as contents_module
from wingdesk.hq.contents import read_contents
from wingdesk.hq.reports import device_statuses
from wingdesk.hq.server import reading_in_workers
from wingdesk.sync.wing_records import record_line


def test_a_reader_that_vouches_for_a_forged_line_with_a_key_hq_does_not_hold_is_overruled(insider, hq):  # noqa: F811
    insider_key = insider.ctx.keyring.public_key()
    governor = insider.ctx.repo.find_user("gov").id

    def lying(verified, identities, env, held):
        return replace(read_contents(verified, identities, env, held), vouched=frozenset({(governor, insider_key)}))

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
