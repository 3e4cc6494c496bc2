"""A new PC from HQ with real wings (issue 22 item 4): HQ seals to the successor exactly the records the dead PC had
acknowledged (same ids, revisions and content hashes as in the dead PC's own database), refuses the retired PC's
next upload, and accepts the successor's first bundle as its own chain (not a fork)."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime

import pytest

from tests.integration.conftest import ACCOUNTS
from tests.integration.sync_helpers import enrol
from tests.integration.test_restore_sync import _hq_file_back, _observe, _send
from wingdesk.crypto.kdf import floor_params
from wingdesk.hq.errors import DeviceRetired
from wingdesk.hq.successors import replace_device
from wingdesk.services.integrity import canonical_sha256
from wingdesk.storage.backend import LocalWing
from wingdesk.sync.successor_package import open_package
from wingdesk.sync.wing_sync import WingSync

SUP_PW = ACCOUNTS["sup"][2]


def _enrolled(folder, hq) -> tuple[LocalWing, str]:
    wing = LocalWing(folder, kdf=floor_params(), sync_factory=WingSync)
    sup = wing.sign_in("sup", SUP_PW)
    try:
        return wing, enrol(sup, hq)
    finally:
        sup.lock()


def _acknowledged(wing: LocalWing) -> set[tuple[str, int, str]]:
    sup = wing.sign_in("sup", SUP_PW)
    try:
        rows = sup.ctx.repo.query("SELECT r.id, r.revision, r.content_sha256 FROM records r JOIN outbox o "
                                  "ON o.record_seq = r.seq WHERE o.acknowledged_at IS NOT NULL")
        return {(str(r[0]), int(r[1]), str(r[2])) for r in rows}
    finally:
        sup.lock()


@pytest.mark.timeout(180)
def test_successor_gets_the_dead_pcs_acknowledged_records_and_the_dead_pc_is_retired(wing_template, hq, tmp_path):
    shutil.copytree(wing_template, tmp_path / "dead")
    shutil.copytree(wing_template, tmp_path / "new")
    dead, dead_id = _enrolled(tmp_path / "dead", hq)
    stick = tmp_path / "stick"
    for text in ("first shift", "second shift"):
        _observe(dead, text)
    assert {r.outcome for r in _send(dead, hq, stick)} == {"accepted"}
    _hq_file_back(dead, hq, stick, dead_id)
    acknowledged = _acknowledged(dead)
    assert len(acknowledged) >= 7  # five admissions and two observations
    _observe(dead, "written after the last bundle: never reached HQ")

    new, new_id = _enrolled(tmp_path / "new", hq)
    data = replace_device(hq.store, hq.keys, dead_id, new_id, datetime.now(UTC))
    sup = new.sign_in("sup", SUP_PW)
    try:
        device = sup.ctx.repo.get_sync_device()
    finally:
        sup.lock()
    with hq.store.transaction(write=False) as repo:
        wing_name = repo.get_device(new_id).wing_name
    package = open_package(data, device.hq_sign_public, device.enc_private, new_id, wing_name, hq.env)
    travelled = {(line["record_id"], line["rev"], canonical_sha256(line["body"]["record"]))
                 for line in package.records if "record" in line["body"]}
    assert travelled == acknowledged  # the same ids, revisions and content hashes, and nothing else
    assert package.predecessor_id == dead_id and package.hcs >= 1

    with pytest.raises(DeviceRetired):  # the dead PC's key can never send again
        _send(dead, hq, stick)
    _observe(new, "first shift on the new PC")
    assert [(r.outcome, r.seq) for r in _send(new, hq, stick)] == [("accepted", 1)]
    with hq.store.transaction(write=False) as repo:
        assert repo.count_quarantined(new_id) == (0, 0)
