"""A wing PC clock set back mid-shift: records keep the order they were written in (the HLC each gets when it is
written), the officer is told, the audit log says so once, and HQ's status shows the skew per device even when
the bundle is exported after the clock was put right."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.integration.conftest import ACCOUNTS, ADMIN_PW
from tests.integration.sync_helpers import enrol
from wingdesk.crypto.kdf import floor_params
from wingdesk.hq.ingest import HqContext, ingest
from wingdesk.hq.keystore import HqKeys
from wingdesk.hq.reports import device_statuses, status_lines
from wingdesk.hq.store import open_store
from wingdesk.storage.backend import LocalWing
from wingdesk.sync import keys, usb
from wingdesk.sync.wing_sync import WingSync

# after the test wing was made (its admissions are signed records stamped with the real clock when it is built)
MORNING = datetime.combine(datetime.now(UTC).date() + timedelta(days=3), datetime.min.time(), UTC) + timedelta(hours=8)
TWO_DAYS = timedelta(days=2)


class MovableClock:
    """The PC's clock, which someone can set to any date."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def now(self) -> datetime:
        return self.at

    def today(self):
        return self.at.date()

    def advance(self, minutes: int) -> None:
        self.at += timedelta(minutes=minutes)


@pytest.fixture
def clock():
    return MovableClock(MORNING)


@pytest.fixture
def pc(wing, clock):
    """The test wing's folder opened with a clock the test moves."""
    opened = LocalWing(wing.directory, kdf=floor_params(), clock=clock)
    opened.sync_factory = WingSync
    return opened


def _sign_in(pc, name):
    return pc.sign_in(name, ADMIN_PW if name == "admin" else ACCOUNTS[name][2])


def _write_shift(pc, clock):
    """Two entries, the clock set back two days, two more: the day of the shift is given, as the log page does."""
    off = _sign_in(pc, "off1")
    prisoner = off.prisoners.page()[0]
    day = MORNING.date().isoformat()
    written = []
    for text in ("first", "second"):
        written.append(off.logs.add_entry("GENERAL", {"text": text}, prisoner_id=prisoner.id, day=day).id)
        clock.advance(5)
    clock.at -= TWO_DAYS
    for text in ("third", "fourth"):
        written.append(off.logs.add_entry("GENERAL", {"text": text}, prisoner_id=prisoner.id, day=day).id)
        clock.advance(5)
    return off, prisoner, day, written


def test_entries_written_after_the_clock_went_back_come_after_the_earlier_ones(pc, clock):
    off, prisoner, day, written = _write_shift(pc, clock)
    assert [r.id for r in off.logs.day(day).entries] == written
    assert [r.id for r in off.prisoners.timeline(prisoner.id) if r.id in written] == written[::-1]
    off.lock()


def test_the_officer_is_told_and_the_audit_log_records_it_once(pc, clock):
    off, _prisoner, _day, _written = _write_shift(pc, clock)
    behind = off.clock.check()
    assert behind is not None and TWO_DAYS.total_seconds() - 3600 < behind.behind_s <= TWO_DAYS.total_seconds()
    assert behind.latest_seen.startswith(MORNING.strftime("%Y-%m-%dT08:"))
    off.lock()
    admin = _sign_in(pc, "admin")
    assert [e.object.split(":")[0] for e in admin.audit.page(0, 200) if e.action == "clock_backwards"] == ["clock"]
    clock.at += TWO_DAYS + timedelta(minutes=30)  # an administrator puts the date right
    assert admin.clock.check() is None
    admin.lock()


def test_hq_status_shows_the_skew_of_records_exported_after_the_clock_was_fixed(pc, clock, tmp_path):
    store = open_store(tmp_path / "hq")
    hq = HqContext(store, HqKeys("prod", "HQ test", "2025-01-01T00:00:00Z", keys.generate_key_pairs()),
                   clock=lambda: MORNING + timedelta(hours=2))
    try:
        sup = _sign_in(pc, "sup")
        enrol(sup, hq)
        _off, _prisoner, _day, _written = _write_shift(pc, clock)
        clock.at = MORNING + timedelta(hours=2)  # the clock is right again before the export
        stick = tmp_path / "stick"
        stick.mkdir()
        sup.sync.export(stick)
        for path in usb.list_bundles(usb.outbox_dir(stick)):
            ingest(hq, usb.read_bundle_file(path))
        (status,) = device_statuses(store)
        assert status.clock_skew_s is not None and status.clock_skew_s <= -TWO_DAYS.total_seconds() + 3600
        assert "clock" in status_lines([status])[0]
        sup.lock()
    finally:
        store.close()
