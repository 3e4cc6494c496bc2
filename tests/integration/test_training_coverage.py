"""Training coverage per prison at HQ (issue 18 item 2): completions recorded and signed on the wing travel to HQ in
its bundle, and HQ counts, per prison and module, the staff whose role requires it and how many have it current;
refreshers falling overdue stop counting; a revoked PC's staff are not counted; the console page shows it to the
hq_admin only."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from starlette.testclient import TestClient

from tests.hq.console_fixtures import ADMIN, ANALYST, PASSPHRASE, IdleClock
from tests.hq.test_console_web import sign_in
from tests.integration.sync_helpers import enrol
from wingdesk.config.package_data import shipped_modules
from wingdesk.domain.modules.parse import loads, parse_package
from wingdesk.domain.modules.status import add_months
from wingdesk.hq.console.app import build_app
from wingdesk.hq.console.staff import add_staff, ensure_table
from wingdesk.hq.ingest import ingest
from wingdesk.hq.training_coverage import coverage
from wingdesk.sync import usb
from wingdesk.sync.wing_sync import WingSync

OBJECTIVE = "wd.objective_observations"  # required for officer, supervisor, security: off1, off2, sup, sec here


def _right_answers(module_id: str) -> list[int]:
    module = next(m for m in map(parse_package, map(loads, shipped_modules())) if m.module_id == module_id)
    return [q.correct for q in module.content["en"].questions]


@pytest.fixture
def sent(wing, login, hq, tmp_path):
    """The wing enrolled at HQ with the shipped modules; off1 passed 'Writing objective observations' and off2
    failed it; the bundle ingested. Returns the wing's today."""
    wing.sync_factory = WingSync
    login("admin").modules.install_shipped(shipped_modules())
    sup = login("sup")
    enrol(sup, hq)
    off1 = login("off1")
    assert off1.learning.check(OBJECTIVE, 2, "mk", _right_answers(OBJECTIVE)).passed
    assert not login("off2").learning.check(OBJECTIVE, 2, "en", [0] * 6).passed  # always the first: fails
    stick = tmp_path / "stick"
    stick.mkdir()
    sup.sync.export(stick)
    assert [ingest(hq, usb.read_bundle_file(p)).outcome for p in usb.list_bundles(usb.outbox_dir(stick))] \
        == ["accepted"]
    return off1.prisoners.today()


def _cell(found, module_id: str):
    (prison,) = found.prisons
    return prison, prison.cells[[m.module_id for m in found.modules].index(module_id)]


def test_a_completion_counts_for_the_prison_where_its_author_works(sent, hq):
    found = coverage(hq.store, sent)
    assert {m.module_id for m in found.modules} >= {OBJECTIVE, "wd.dynamic_security", "wd.radicalisation_awareness"}
    prison, cell = _cell(found, OBJECTIVE)
    assert prison.staff == 8  # every account the wing enrolled with, the administrator too
    assert (cell.required, cell.current, cell.overdue, cell.percent) == (4, 1, 0, 25)
    _prison, radicalisation = _cell(found, "wd.radicalisation_awareness")  # 7 roles need it, nobody did it yet
    assert (radicalisation.required, radicalisation.current) == (7, 0)


def test_an_overdue_refresher_no_longer_counts_as_covered(sent, hq):
    later = add_months(sent, 24) + (date(2000, 1, 2) - date(2000, 1, 1))
    _prison, cell = _cell(coverage(hq.store, later), OBJECTIVE)
    assert (cell.required, cell.current, cell.overdue) == (4, 0, 1)


def test_a_revoked_pcs_staff_are_not_counted(sent, hq):
    with hq.store.transaction() as repo:
        (device,) = repo.list_devices()
        repo.revoke_device(device.device_id, device.max_seq, "2025-03-02T00:00:00Z")
    assert coverage(hq.store, sent).prisons == ()


def test_the_console_page_shows_coverage_to_the_hq_admin_only(sent, hq):
    ensure_table(hq.store)
    for name, role in ((ADMIN, "hq_admin"), (ANALYST, "analyst")):
        add_staff(hq.store, name, role, PASSPHRASE, datetime(2025, 3, 1, tzinfo=UTC))
    app = build_app(hq, hq.store, clock=IdleClock())
    admin = TestClient(app, base_url="https://testserver", follow_redirects=False)
    sign_in(admin)
    page = admin.get("/training")
    assert page.status_code == 200
    assert "Writing objective observations" in page.text and "1 of 4 (25%)" in page.text
    assert 'href="/training"' in page.text
    with hq.store.transaction(write=False) as repo:
        viewed = repo._rows("SELECT detail FROM audit WHERE action = ?", ("console_viewed",))
    assert (f"staff={ADMIN} training",) in [tuple(row) for row in viewed]  # each view audited
    analyst = TestClient(app, base_url="https://testserver", follow_redirects=False)
    sign_in(analyst, ANALYST)
    assert analyst.get("/training").status_code == 403
