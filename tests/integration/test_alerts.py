"""Alerts: raised, reviewed and ended by the roles the policy allows; lapsed alerts stop being active; bad input
is refused with one sentence and nothing is saved."""

from datetime import date, timedelta

import pytest

from tests.integration.conftest import first_prisoner
from wingdesk.domain.errors import AccessDenied, StateError, ValidationError
from wingdesk.domain.people import PrisonerFilter
from wingdesk.i18n.messages import describe

TODAY = date.today()


def _day(offset: int) -> str:
    return (TODAY + timedelta(days=offset)).isoformat()


def _count_alert_records(session) -> int:
    return len(session.alerts.for_prisoner(first_prisoner(session).id))


def test_raise_review_end_keeps_every_version_with_its_reason(login):
    sup, sec = login("sup"), login("sec")
    pid = first_prisoner(sup).id
    alert = sup.alerts.raise_alert(pid, "SELF_HARM_RISK", "Hourly checks at night.", _day(-10),
                                   review_date=_day(20))
    assert [a.id for a in sec.alerts.active(pid)] == [alert.id]
    assert sup.prisoners.get(pid).alert_codes == ("SELF_HARM_RISK",)
    reviewed = sec.alerts.review_alert(alert.id, "Still low mood; checks stay hourly.", _day(30))
    assert (reviewed.revision, reviewed.body["reviewed_on"], reviewed.body["review_date"]) == (2, _day(0), _day(30))
    ended = sup.alerts.end_alert(alert.id, "Care plan closed by healthcare.")
    assert (ended.status, ended.body["active_to"], ended.revision) == ("ENDED", _day(0), 3)
    history = sup.alerts.history(alert.id)
    assert [h.revision for h in history] == [1, 2, 3]
    assert history[0].body["description"] == "Hourly checks at night." and "end_reason" not in history[1].body
    assert history[1].body["review_note"] == "Still low mood; checks stay hourly."
    assert history[2].body["end_reason"] == "Care plan closed by healthcare."
    assert sup.alerts.active(pid) == [] and sup.prisoners.get(pid).alert_codes == ()
    assert [v.state for v in sup.alerts.for_prisoner(pid)] == ["ENDED"]
    with pytest.raises(StateError) as error:
        sec.alerts.end_alert(alert.id, "Again.")
    assert describe(error.value) == "This alert has already ended."


def test_a_lapsed_alert_is_no_longer_active_in_the_list_or_on_the_profile(login):
    sup = login("sup")
    pid = first_prisoner(sup).id
    lapsed = sup.alerts.raise_alert(pid, "VULNERABLE", "First week in custody.", _day(-9), _day(-1))
    later = sup.alerts.raise_alert(pid, "KEEP_APART", "Not on the same landing.", _day(3), review_date=_day(30))
    assert lapsed.status == "ACTIVE"  # nobody ended it: its end date passed
    assert sup.alerts.active(pid) == []
    assert {v.record.id: v.state for v in sup.alerts.for_prisoner(pid)} == {lapsed.id: "LAPSED", later.id: "PLANNED"}
    assert sup.prisoners.get(pid).alert_codes == ()
    assert sup.prisoners.count(PrisonerFilter(with_alerts=True)) == 0
    assert all(not p.alert_codes for p in sup.prisoners.page())
    renewed = sup.alerts.review_alert(lapsed.id, "Still settling in; renewed for a week.", _day(5), _day(7))
    assert sup.alerts.active(pid) == [renewed] and sup.prisoners.get(pid).alert_codes == ("VULNERABLE",)
    assert sup.prisoners.count(PrisonerFilter(with_alerts=True)) == 1


@pytest.mark.parametrize(("call", "code", "sentence"), [
    (lambda s, a: s.alerts.end_alert(a, "Moved wing.", _day(-20)), "alert_end_before_start",
     "An alert cannot end before the day it started."),
    (lambda s, a: s.alerts.end_alert(a, "   "), "required", "Reason for ending is required."),
    (lambda s, a: s.alerts.end_alert(a, "Later.", _day(2)), "in_future", "Active until cannot be in the future."),
    (lambda s, a: s.alerts.review_alert(a, "", _day(9)), "required", "Outcome of the review is required."),
    (lambda s, a: s.alerts.review_alert(a, "Fine.", _day(-1)), "review_in_past",
     "The next review date cannot be in the past."),
])
def test_bad_reviews_and_ends_are_refused_with_one_sentence_and_save_nothing(login, call, code, sentence):
    from wingdesk.gui.labels import error_text

    sup = login("sup")
    alert = sup.alerts.raise_alert(first_prisoner(sup).id, "VULNERABLE", "Check at unlock.", _day(-5),
                                   review_date=_day(10))
    with pytest.raises(ValidationError) as error:
        call(sup, alert.id)
    assert error.value.code == code
    assert error_text(error.value) == sentence
    assert [h.revision for h in sup.alerts.history(alert.id)] == [1]
    assert sup.alerts.active()[0].body == alert.body


def test_raising_needs_a_review_or_end_date_and_dates_in_order(login):
    sup = login("sup")
    pid = first_prisoner(sup).id
    with pytest.raises(ValidationError) as error:
        sup.alerts.raise_alert(pid, "VULNERABLE", "Check at unlock.", _day(0))
    assert error.value.code == "alert_needs_review_or_end"
    with pytest.raises(ValidationError) as error:
        sup.alerts.raise_alert(pid, "VULNERABLE", "Check at unlock.", _day(0), review_date=_day(-1))
    assert (error.value.code, error.value.params["field"]) == ("date_order", "review_date")
    assert _count_alert_records(sup) == 0


@pytest.mark.parametrize(("user", "code"), [("off1", "VULNERABLE"), ("gov", "VULNERABLE"), ("psy", "KEEP_APART"),
                                            ("psy", "RISK_TO_STAFF")])
def test_roles_that_may_not_raise_are_refused_and_nothing_is_saved(login, user, code):
    session = login(user)
    with pytest.raises(AccessDenied) as error:
        session.alerts.raise_alert(first_prisoner(session).id, code, "Text.", _day(0), review_date=_day(9))
    assert describe(error.value) == "Your role does not allow this."
    assert _count_alert_records(login("sup")) == 0


def test_treatment_staff_raise_welfare_alerts_only_and_cannot_end_them(login):
    psy, sup = login("psy"), login("sup")
    alert = psy.alerts.raise_alert(first_prisoner(psy).id, "SELF_HARM_RISK", "Disclosed in session.", _day(0),
                                   review_date=_day(14))
    for user in ("psy", "off1", "gov"):
        with pytest.raises(AccessDenied):
            login(user).alerts.end_alert(alert.id, "Not theirs to end.")
        with pytest.raises(AccessDenied):
            login(user).alerts.review_alert(alert.id, "Not theirs to review.", _day(9))
    assert [a.id for a in sup.alerts.active()] == [alert.id]
