"""Where prisoners are (issue 14 item 2, domain.md scenario 2): OUT/IN pairs, overdue returns, the roll's expected
figure, leaving the wing; and bad input refused with nothing saved."""

import shutil
from datetime import UTC, datetime, timedelta

import pytest

from tests.integration.conftest import ACCOUNTS
from wingdesk.crypto.kdf import floor_params
from wingdesk.demo.clock import DemoClock
from wingdesk.domain.errors import StateError, ValidationError
from wingdesk.domain.people import PrisonerFilter
from wingdesk.domain.records import iso
from wingdesk.storage.backend import LocalWing


@pytest.fixture
def timed(wing_template, tmp_path):
    """A copy of the test wing whose clock the test sets (back in time: DemoClock never runs ahead)."""
    folder = tmp_path / "wing"
    shutil.copytree(wing_template, folder)
    clock = DemoClock()
    wing = LocalWing(folder, kdf=floor_params(), clock=clock)
    opened = []

    def sign_in(name):
        opened.append(wing.sign_in(name, ACCOUNTS[name][2]))
        return opened[-1]

    yield clock, sign_in
    for session in opened:
        session.lock()


def _entries(session, entry_type):
    return [e for e in session.logs.day().entries if e.body["entry_type"] == entry_type]


def test_court_out_and_back_keeps_location_and_roll_consistent(login):
    off = login("off1")
    prisoner = off.prisoners.page()[0]
    assert off.movements.roll().expected == 5
    back = iso(datetime.now(UTC) + timedelta(hours=6))
    off.logs.add_entry("MOVEMENT", {"destination": "COURT", "direction": "OUT", "escort": "Two officers",
                                    "expected_back": back}, prisoner_id=prisoner.id)
    roll = off.movements.roll()
    assert (roll.on_roll, roll.out, roll.expected) == (5, {"COURT": 1}, 4)
    assert off.movements.where(prisoner.id).destination == "COURT"
    [out] = off.movements.out_now()
    assert out.prisoner.id == prisoner.id and not out.overdue and out.movement.expected_back == back
    assert off.prisoners.get(prisoner.id).location == "COURT"
    # the roll count's expected figure is worked out from who is in when the officer leaves it out
    count = off.logs.add_entry("ROLL_COUNT", {"roll_kind": "FORMAL", "counted": 4})
    assert count.body["expected"] == 4
    off.logs.add_entry("MOVEMENT", {"destination": "COURT", "direction": "IN"}, prisoner_id=prisoner.id)
    assert off.movements.where(prisoner.id) is None and off.movements.out_now() == []
    assert off.movements.roll().expected == 5 and off.prisoners.get(prisoner.id).location is None


def test_overdue_return_is_flagged(timed):
    clock, sign_in = timed
    now = datetime.now(UTC).replace(microsecond=0)
    clock.set(now - timedelta(hours=3))
    off = sign_in("off1")
    prisoner = off.prisoners.page()[0]
    off.logs.add_entry("MOVEMENT", {"destination": "HOSPITAL", "direction": "OUT",
                                    "expected_back": iso(now - timedelta(hours=1))}, prisoner_id=prisoner.id)
    assert not off.movements.out_now()[0].overdue  # not yet: three hours ago it was still two hours away
    clock.set(None)
    [late] = off.movements.out_now()
    assert late.overdue and late.movement.destination == "HOSPITAL"


def test_in_without_out_is_refused_and_nothing_saved(login):
    off = login("off1")
    prisoner = off.prisoners.page()[0]
    before = len(off.logs.day().entries)
    with pytest.raises(StateError) as refused:
        off.logs.add_entry("MOVEMENT", {"destination": "COURT", "direction": "IN"}, prisoner_id=prisoner.id)
    assert refused.value.code == "not_out"
    assert len(off.logs.day().entries) == before and off.movements.out_now() == []


def test_in_from_another_place_and_second_out_are_refused(login):
    off = login("off1")
    prisoner = off.prisoners.page()[0]
    off.logs.add_entry("MOVEMENT", {"destination": "HEALTH", "direction": "OUT"}, prisoner_id=prisoner.id)
    with pytest.raises(StateError) as elsewhere:
        off.logs.add_entry("MOVEMENT", {"destination": "EDUCATION", "direction": "IN"}, prisoner_id=prisoner.id)
    with pytest.raises(StateError) as twice:
        off.logs.add_entry("MOVEMENT", {"destination": "WORK", "direction": "OUT"}, prisoner_id=prisoner.id)
    assert (elsewhere.value.code, twice.value.code) == ("out_elsewhere", "already_out")
    assert len(_entries(off, "MOVEMENT")) == 1 and off.movements.where(prisoner.id).destination == "HEALTH"


def test_expected_back_before_leaving_and_movement_without_prisoner_are_refused(login):
    off = login("off1")
    prisoner = off.prisoners.page()[0]
    with pytest.raises(ValidationError) as early:
        off.logs.add_entry("MOVEMENT", {"destination": "COURT", "direction": "OUT",
                                        "expected_back": iso(datetime.now(UTC) - timedelta(hours=1))},
                           prisoner_id=prisoner.id)
    with pytest.raises(ValidationError) as nobody:
        off.logs.add_entry("MOVEMENT", {"destination": "COURT", "direction": "OUT"})
    assert (early.value.code, nobody.value.params["field"]) == ("date_order", "prisoner")
    assert _entries(off, "MOVEMENT") == [] and off.movements.out_now() == []


def test_transfer_out_and_release_end_presence_but_keep_the_record(login):
    off = login("off1")
    first, second = off.prisoners.page()[:2]
    off.logs.add_entry("MOVEMENT", {"destination": "TRANSFER", "direction": "OUT"}, prisoner_id=first.id)
    off.logs.add_entry("MOVEMENT", {"destination": "RELEASE", "direction": "OUT"}, prisoner_id=second.id)
    listed = {p.id for p in off.prisoners.page()}
    assert first.id not in listed and second.id not in listed and off.prisoners.count() == 3
    assert off.prisoners.get(first.id).status == "TRANSFERRED" and off.prisoners.get(second.id).status == "RELEASED"
    assert off.prisoners.timeline(first.id)  # the record stays
    assert off.movements.roll().on_roll == 3
    with pytest.raises(StateError) as gone:
        off.logs.add_entry("MOVEMENT", {"destination": "COURT", "direction": "OUT"}, prisoner_id=second.id)
    assert gone.value.code == "not_on_wing"
    off.logs.add_entry("MOVEMENT", {"destination": "TRANSFER", "direction": "IN"}, prisoner_id=first.id)
    assert off.prisoners.get(first.id).status == "IN_CUSTODY" and off.movements.roll().on_roll == 4


def test_roll_discrepancy_stays_open_until_resolved(timed):
    """Scenario 1: handover, formal count 47/48 style, open until resolved (prisoner at healthcare) with time."""
    clock, sign_in = timed
    now = datetime.now(UTC).replace(microsecond=0)
    clock.set(now - timedelta(minutes=40))
    off = sign_in("off1")
    shift = off.logs.start_shift("EARLY")
    off.logs.accept_handover(shift.id, "Night Officer", 5)
    roll = off.logs.add_entry("ROLL_COUNT", {"roll_kind": "FORMAL", "counted": 4}, shift_id=shift.id)
    assert roll.body["expected"] == 5
    assert [r.id for r in off.movements.open_discrepancies()] == [roll.id]
    with pytest.raises(ValidationError) as early:
        off.movements.resolve_discrepancy(roll.id, now - timedelta(hours=2), "Healthcare", "Omar Officer")
    assert early.value.code == "date_order" and off.movements.open_discrepancies()
    clock.set(None)
    resolved_at = now - timedelta(minutes=10)
    entry = off.movements.resolve_discrepancy(roll.id, resolved_at, "Healthcare", "Omar Officer, by phone")
    assert entry.body["whereabouts"] == "Healthcare" and entry.occurred_at == iso(resolved_at)
    assert off.movements.open_discrepancies() == []
    with pytest.raises(StateError) as again:
        off.movements.resolve_discrepancy(roll.id, now, "Cell", "Someone")
    assert again.value.code == "roll_resolved" and len(_entries(off, "ROLL_RESOLUTION")) == 1


def test_a_roll_without_discrepancy_cannot_be_resolved(login):
    off = login("off1")
    roll = off.logs.add_entry("ROLL_COUNT", {"roll_kind": "FORMAL", "counted": 5})
    with pytest.raises(StateError) as refused:
        off.movements.resolve_discrepancy(roll.id, datetime.now(UTC).replace(microsecond=0), "Wing", "Omar Officer")
    assert refused.value.code == "no_discrepancy" and off.movements.open_discrepancies() == []


def test_roster_filter_counts_only_those_on_the_wing(login):
    off = login("off1")
    assert off.prisoners.count(PrisonerFilter()) == 5


def test_the_list_of_those_out_carries_their_alerts_in_force(login):
    """Merged with alerts that lapse (issue 14 item 3): the one-query list of those out reads the alerts in force
    today (its SQL takes the day twice) — a prisoner out to hospital keeps their self-harm alert on the home page."""
    sup, off = login("sup"), login("off1")
    prisoner = off.prisoners.page()[0]
    today = sup.prisoners.today()
    sup.alerts.raise_alert(prisoner.id, "SELF_HARM_RISK", "Hourly checks at night.", today.isoformat(),
                           review_date=(today + timedelta(days=7)).isoformat())
    off.logs.add_entry("MOVEMENT", {"destination": "HOSPITAL", "direction": "OUT", "escort": "Two officers"},
                       prisoner_id=prisoner.id)
    [out] = off.movements.out_now()
    assert out.prisoner.id == prisoner.id and out.prisoner.alert_codes == ("SELF_HARM_RISK",)
