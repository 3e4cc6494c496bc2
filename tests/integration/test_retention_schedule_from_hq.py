"""HQ replaces the shipped retention schedule through its signed reference data (issue 19 item 5): a
`retention_schedule` item in an HQ→wing bundle puts HQ's schedule in force on the wing; a schedule without a legal
source for a period is refused at HQ before it is queued; the same item is applied once."""

import copy
import json

import pytest

from tests.integration.sync_helpers import enrol
from tests.integration.test_retention import release
from wingdesk.config.package_data import read_text
from wingdesk.hq.outbox import add_reference, build_outbox_bundle
from wingdesk.services.retention_schedule import SHIPPED
from wingdesk.sync.errors import RecordInvalid
from wingdesk.sync.wing_sync import WingSync


def _national():
    data = copy.deepcopy(json.loads(read_text(*SHIPPED)))
    data["version"] = "national-2027-01"
    for rule in data["rules"]:
        if rule["id"] == "wing_log":
            rule.update(years=20, source="National Act on the Execution of Sanctions, Art. 99 (test text)")
    return data


def test_hqs_schedule_reaches_the_wing_and_is_in_force(wing, login, hq, tmp_path):
    wing.sync_factory = WingSync
    device = enrol(login("admin"), hq)
    off = login("off1")
    gone = off.prisoners.page()[0]
    off.logs.add_entry("GENERAL", {"text": "Quiet on the landing"}, prisoner_id=gone.id)
    release(off, gone.id)
    gov = login("gov")
    assert gov.retention.schedule().version.startswith("wingdesk-default")
    assert "log_entry" in gov.retention.queue()[0].by_kind  # two years after a 2015 release: due
    add_reference(hq, "retention_schedule", {"schedule": _national()}, device)
    sup = login("sup")
    (tmp_path / "1.wdb").write_bytes(build_outbox_bundle(hq, device))
    assert sup.sync.import_files([tmp_path / "1.wdb"]).files[0].outcome == "applied"
    schedule = gov.retention.schedule()
    assert schedule.version == "national-2027-01" and schedule.rule("wing_log").years == 20
    assert "log_entry" not in gov.retention.queue()[0].by_kind  # twenty years now: not due until 2035
    assert ("retention_schedule_installed", "schedule:national-2027-01") in [
        (e.action, e.object) for e in sup.ctx.repo.iter_audit()]
    (tmp_path / "2.wdb").write_bytes(build_outbox_bundle(hq, device))
    sup.sync.import_files([tmp_path / "2.wdb"])  # the cumulative snapshot again: applied once
    assert [e.action for e in sup.ctx.repo.iter_audit()].count("retention_schedule_installed") == 1


@pytest.mark.parametrize("damage", ["source", "years", "trigger"])
def test_a_schedule_without_its_legal_basis_is_refused_at_hq(wing, login, hq, damage):
    wing.sync_factory = WingSync
    device = enrol(login("admin"), hq)
    data = _national()
    data["rules"][0][damage] = {"source": "", "years": 0, "trigger": "whenever"}[damage]
    with pytest.raises(RecordInvalid):
        add_reference(hq, "retention_schedule", {"schedule": data}, device)
