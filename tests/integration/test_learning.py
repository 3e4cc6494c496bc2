"""The Learning page's use cases: required and optional modules per role, the knowledge check (a completion is a
record signed by the user only when passed), refresher dates, the inbox reminder, the supervisor's team view, and
completions travelling to HQ like every record (issue 18 item 2)."""

from __future__ import annotations

import json

import pytest

from tests.integration.sync_helpers import enrol
from tests.module_packages import package
from wingdesk.domain.canonical import canonical_bytes
from wingdesk.domain.errors import AccessDenied, ValidationError
from wingdesk.domain.modules.status import DONE, NOT_STARTED, add_months
from wingdesk.hq.ingest import ingest
from wingdesk.sync import usb
from wingdesk.sync.wing_sync import WingSync

RIGHT, WRONG = [0, 0], [0, 1]


@pytest.fixture
def installed(login):
    admin = login("admin")
    admin.modules.install_shipped([
        canonical_bytes(package(module_id="wd.test_module", required_for=("officer", "supervisor"))),
        canonical_bytes(package(module_id="wd.optional_module", required_for=(), refresher_months=0))])
    return admin


def test_required_modules_come_first_and_optional_ones_follow(installed, login):
    off1 = login("off1")
    items = off1.learning.my_modules("mk")
    assert [(i.module_id, i.status.required, i.status.state) for i in items] == [
        ("wd.test_module", True, NOT_STARTED), ("wd.optional_module", False, NOT_STARTED)]
    assert items[0].title == "Title mk"
    assert not login("psy").learning.my_modules("en")[0].status.required  # not required for treatment staff


def test_a_failed_check_records_nothing_and_a_passed_one_is_signed_by_the_user(installed, login):
    off1 = login("off1")
    failed = off1.learning.check("wd.test_module", 1, "en", WRONG)
    assert not failed.passed and failed.record_id is None and failed.right == (True, False)
    assert failed.feedback[1] == "No: this is why not."
    passed = off1.learning.check("wd.test_module", 1, "en", RIGHT)
    assert passed.passed and passed.record_id
    record = off1.ctx.repo.get_record(passed.record_id)
    assert record.kind == "training_completion" and record.author_id == off1.user.id and record.author_sig
    assert record.prisoner_id is None and record.body["correct"] == 2 and record.body["language"] == "en"
    status = off1.learning.my_modules("en")[0].status
    today = off1.ctx.clock.today()
    assert (status.state, status.completed_on, status.due_on) == (DONE, today, add_months(today, 12))
    with pytest.raises(ValidationError):
        off1.learning.check("wd.test_module", 1, "en", [0])  # every question must be answered


def test_the_inbox_reminds_of_required_training_until_it_is_done(installed, login):
    off1 = login("off1")
    [item] = [i for i in off1.inbox.items() if i.source == "training_due"]
    assert item.params["module"] == "wd.test_module" and item.params["title.mk"] == "Title mk"
    off1.learning.check("wd.test_module", 1, "en", RIGHT)
    assert not [i for i in off1.inbox.items() if i.source == "training_due"]
    assert not [i for i in login("psy").inbox.items() if i.source == "training_due"]  # nothing required


def test_supervisors_see_their_teams_status_and_officers_do_not(installed, login):
    login("off1").learning.check("wd.test_module", 1, "en", RIGHT)
    team = {s.name: s for s in login("sup").learning.team()}
    assert team["Omar Officer"].outstanding == 0 and team["Olga Officer"].outstanding == 1
    assert team["Pia Psychologist"].statuses == ()  # nothing required for treatment staff
    assert "Sara Supervisor" not in team
    assert login("gov").learning.team()
    with pytest.raises(AccessDenied):
        login("off2").learning.team()


def test_completions_travel_to_hq_signed_by_their_authors(installed, wing, login, hq, tmp_path):
    wing.sync_factory = WingSync
    sup = login("sup")
    enrol(sup, hq)
    done = login("off1").learning.check("wd.test_module", 1, "sq", RIGHT)
    stick = tmp_path / "stick"
    stick.mkdir()
    sup.sync.export(stick)
    outcomes = [ingest(hq, usb.read_bundle_file(p)) for p in usb.list_bundles(usb.outbox_dir(stick))]
    assert [o.outcome for o in outcomes] == ["accepted"]
    with hq.store.transaction(write=False) as repo:
        lines = [(kind, json.loads(body)) for kind, body in repo._rows("SELECT kind, body FROM records")]
    held = {b["record"]["id"]: (k, b["record"]) for k, b in lines if "record" in b}
    kind, record = held[done.record_id]
    assert kind == "training_completion" and record["body"]["module_id"] == "wd.test_module"
    assert record["author_id"] == login("off1").user.id
