"""Scenario 12 (domain.md §5), extremism status: a radicalisation concern needs a review date, lapses past it, and
stays in force only when a countersigned assessment renews it; who may set and read it (issue 15 item 3)."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta

import pytest

from tests.integration.assessment_helpers import agreed_assessment
from tests.integration.conftest import ACCOUNTS, ADMIN_PW
from wingdesk.config.package_data import shipped_instruments
from wingdesk.crypto.kdf import floor_params
from wingdesk.demo.clock import DemoClock
from wingdesk.domain.errors import AccessDenied, ValidationError
from wingdesk.domain.kinds.veo_status import CONCERN
from wingdesk.storage.backend import LocalWing


@pytest.fixture
def timed(wing_template, tmp_path):
    """A copy of the test wing whose clock the test sets back in time (DemoClock never runs ahead)."""
    folder = tmp_path / "wing"
    shutil.copytree(wing_template, folder)
    clock = DemoClock()
    wing = LocalWing(folder, kdf=floor_params(), clock=clock)
    opened = []

    def sign_in(name):
        opened.append(wing.sign_in(name, ADMIN_PW if name == "admin" else ACCOUNTS[name][2]))
        return opened[-1]

    sign_in("admin").instruments.install_shipped(shipped_instruments())
    yield clock, sign_in
    for session in opened:
        session.lock()


def _days_ago(days: int) -> datetime:
    return datetime.now(UTC) - timedelta(days=days)


def test_a_concern_lapses_unless_a_countersigned_assessment_renews_it(timed):
    clock, sign_in = timed
    sec, psy, sw, gov = sign_in("sec"), sign_in("psy"), sign_in("sw"), sign_in("gov")
    lapsing, renewed = [p.id for p in sec.prisoners.page()[:2]]
    clock.set(_days_ago(30))
    with pytest.raises(ValidationError) as caught:
        sec.veo.set(lapsing, CONCERN, "Recruiting talk reported twice in a week.")
    assert caught.value.params["field"] == "review_date"
    review = (_days_ago(30) + timedelta(days=10)).date().isoformat()
    for prisoner in (lapsing, renewed):
        sec.veo.set(prisoner, CONCERN, "Recruiting talk reported twice in a week.", review)
    assert sec.veo.in_force(lapsing).status == CONCERN  # within its review date

    clock.set(_days_ago(25))
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).date().isoformat()
    gov.assessments.countersign(agreed_assessment(psy, sw, renewed, "MODERATE", "MODERATE", review=tomorrow))
    agreed_assessment(psy, sw, lapsing, "MODERATE", "MODERATE", review=tomorrow)  # agreed, never countersigned

    clock.set(None)
    gone = gov.veo.in_force(lapsing)
    assert (gone.status, gone.set_status, gone.lapsed, gone.until) == ("NONE", CONCERN, True, review)
    kept = psy.veo.in_force(renewed)
    assert (kept.status, kept.until, kept.lapsed) == (CONCERN, tomorrow, False)

    with pytest.raises(ValidationError) as past:
        sec.veo.set(lapsing, CONCERN, "Raised again after the lapse.", _days_ago(1).date().isoformat())
    assert past.value.code == "review_in_past"
    sec.veo.set(lapsing, CONCERN, "Raised again after the lapse.", tomorrow)
    assert sec.veo.in_force(lapsing).status == CONCERN  # people decided again, with a new review date


def test_who_may_set_and_read_the_status(timed):
    _clock, sign_in = timed
    psy, off = sign_in("psy"), sign_in("off1")
    prisoner = psy.prisoners.page()[0].id
    with pytest.raises(AccessDenied):
        psy.veo.set(prisoner, "NONE", "Reviewed.")
    with pytest.raises(AccessDenied):
        off.veo.in_force(prisoner)
    assert psy.veo.in_force(prisoner).status == "NONE"
