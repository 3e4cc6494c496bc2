"""Scenario 12 (domain.md §5), deadlines part: a 19-year-old first-timer's admission sets a screening and a needs
deadline that reach the inbox of those who assess, turn urgent when overdue, follow the service's settings and
leave once an assessment with the instrument has been rated (issue 15 item 3)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.integration.assessment_helpers import install
from wingdesk.domain.assessment_deadlines import NEEDS, SCREENING
from wingdesk.domain.errors import AccessDenied, ValidationError
from wingdesk.services.inbox_sources.admission_deadlines import ADMISSION_DEADLINES


def _nineteen(today: date) -> str:
    return date(today.year - 19, today.month, min(today.day, 28)).isoformat()


def _mine(session, prisoner_id: str, today: date) -> dict[str, tuple[str, bool, str]]:
    return {i.params["instrument"]: (i.params["due"], i.urgent, i.params["groups"])
            for i in ADMISSION_DEADLINES.collect(session.ctx, today) if i.prisoner_id == prisoner_id}


def _rate_in_full(session, assessment_id: str) -> None:
    instrument = session.assessments.instrument_of(assessment_id)
    ratings = {code: {"rating": part.scale.codes[-1], "rationale": "Asked at reception."}
               for code, part in instrument.rated_parts().items()}
    session.assessments.rate(assessment_id, ratings)


def test_a_young_first_timer_sets_deadlines_that_reach_the_inbox_until_done(login):
    install(login)
    today = date.today()
    sup, psy, admin = login("sup"), login("psy"), login("admin")
    admitted = sup.prisoners.admit("A-512", "Marko", "Petrović", "M", "REMAND", date_of_birth=_nineteen(today),
                                   first_time=True, admission_date=today.isoformat())
    groups = "YOUNG_ADULT,FIRST_TIME"
    tomorrow, fortnight = (today + timedelta(days=1)).isoformat(), (today + timedelta(days=14)).isoformat()
    assert _mine(psy, admitted.id, today) == {SCREENING: (tomorrow, False, groups), NEEDS: (fortnight, False, groups)}
    assert _mine(psy, admitted.id, today + timedelta(days=2))[SCREENING] == (tomorrow, True, groups)  # overdue

    admin.assessments.set_deadline_settings(48, 10)
    assert admin.assessments.deadline_settings().needs_days == 10
    later = _mine(psy, admitted.id, today)
    assert (later[SCREENING][0], later[NEEDS][0]) == ((today + timedelta(days=2)).isoformat(),
                                                      (today + timedelta(days=10)).isoformat())
    with pytest.raises(ValidationError) as caught:
        admin.assessments.set_deadline_settings(0, 10)
    assert caught.value.params["field"] == "screening_hours"
    assert admin.assessments.deadline_settings().screening_hours == 48  # the refused value changed nothing
    with pytest.raises(AccessDenied):
        psy.assessments.set_deadline_settings(24, 14)

    started = psy.assessments.start(admitted.id, "SCREENING_AT_ADMISSION", SCREENING)
    assert SCREENING in _mine(psy, admitted.id, today)  # a draft is not a screening yet
    _rate_in_full(psy, started.id)
    assert set(_mine(psy, admitted.id, today)) == {NEEDS}

    old = sup.prisoners.admit("A-513", "Ilir", "Hoxha", "M", "CONVICTED", date_of_birth="1980-01-01",
                              admission_date=today.isoformat())
    assert _mine(psy, old.id, today) == {}  # in no special group: no deadline


def test_the_deadlines_reach_those_who_assess_and_the_governor_only(login):
    served = {name: ADMISSION_DEADLINES.serves(login(name).user.role) for name in ("psy", "gov", "sec", "off1")}
    assert served == {"psy": True, "gov": True, "sec": False, "off1": False}
