"""A prisoner's level survives the PC: rebuilt from HQ's successor package on a new PC, the countersigned
assessment's sign-off still checks (each revision's author signature under the keys HQ vouched for), so the level
is the same there; the checked sign-off does not take it away."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime

import pytest

from tests.integration.assessment_helpers import agreed_assessment
from tests.integration.conftest import ACCOUNTS, ADMIN_PW
from tests.integration.test_restore_from_hq import _fresh, _restore, _signed_in_as_from_hq
from tests.integration.test_restore_sync import _hq_file_back, _send
from tests.integration.test_successor_from_hq import _enrolled
from wingdesk.config.package_data import shipped_instruments
from wingdesk.hq.successors import replace_device


@pytest.mark.timeout(300)
def test_the_level_countersigned_on_the_dead_pc_is_the_level_on_the_new_one(wing_template, hq, tmp_path):
    shutil.copytree(wing_template, tmp_path / "dead")
    dead, dead_id = _enrolled(tmp_path / "dead", hq)
    admin = dead.sign_in("admin", ADMIN_PW)
    admin.instruments.install_shipped(shipped_instruments())
    admin.lock()
    psy, sw, gov = (dead.sign_in(n, ACCOUNTS[n][2]) for n in ("psy", "sw", "gov"))
    try:
        prisoner = psy.prisoners.page()[0].id
        assessment = agreed_assessment(psy, sw, prisoner, "HIGH", "HIGH")
        gov.assessments.countersign(assessment)
        before = gov.assessments.current_level(prisoner)
    finally:
        for session in (psy, sw, gov):
            session.lock()
    assert before is not None and before.assessment_id == assessment
    stick = tmp_path / "stick"
    assert {r.outcome for r in _send(dead, hq, stick)} == {"accepted"}
    _hq_file_back(dead, hq, stick, dead_id)
    new, new_id = _fresh(tmp_path / "new", hq)
    _restore(new, replace_device(hq.store, hq.keys, dead_id, new_id, datetime.now(UTC)))
    officer = _signed_in_as_from_hq(dead, new, "off1")
    try:
        assert officer.assessments.current_level(prisoner) == before
        cards = [r for r in officer.prisoners.timeline(prisoner) if r.kind == "assessment"]
        assert [r.body.get("level") for r in cards] == ["HIGH"]
    finally:
        officer.lock()
