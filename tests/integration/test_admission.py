"""Admission at the wing (issue 14 item 1, domain.md scenario 12): identity in both scripts, special groups derived
from the profile with a configurable young-adult age; bad input refused in one sentence with nothing saved."""

from datetime import date, timedelta

import pytest

from wingdesk.domain.errors import AccessDenied, ValidationError
from wingdesk.domain.people import PrisonerFilter
from wingdesk.domain.special_groups import FEMALE, FIRST_TIME, YOUNG_ADULT
from wingdesk.i18n.messages import describe


def _nineteen_today() -> str:
    today = date.today()
    return date(today.year - 19, today.month, min(today.day, 28)).isoformat()


def test_young_first_timer_admitted_with_flags_everywhere(login):
    sup = login("sup")
    admitted = sup.prisoners.admit("A-100", "Jelena", "Marković", "F", "REMAND", name_cyrillic="Јелена Марковић",
                                   date_of_birth=_nineteen_today(), first_time=True, languages="Serbian, English",
                                   interpreter_needed=False, admission_date=date.today().isoformat(), cell="B2-01")
    found = sup.prisoners.get(admitted.id)
    assert found.name_cyrillic == "Јелена Марковић" and found.languages == "Serbian, English"
    assert sup.prisoners.groups(found) == (YOUNG_ADULT, FEMALE, FIRST_TIME)
    listed = {p.id for p in sup.prisoners.page(PrisonerFilter(young=True, female=True, first_time=True))}
    assert admitted.id in listed
    off = login("off1")
    assert off.prisoners.groups(off.prisoners.get(admitted.id)) == (YOUNG_ADULT, FEMALE, FIRST_TIME)
    assert off.movements.roll().on_roll == 6


def test_young_adult_age_is_a_setting(login):
    sup = login("sup")
    admitted = sup.prisoners.admit("A-101", "Ivan", "Ilić", "M", "CONVICTED", date_of_birth=_nineteen_today())
    login("admin").prisoners.set_young_adult_age(18)
    assert YOUNG_ADULT not in sup.prisoners.groups(admitted)
    assert admitted.id not in {p.id for p in sup.prisoners.page(PrisonerFilter(young=True))}
    with pytest.raises(ValidationError):
        login("admin").prisoners.set_young_adult_age(40)
    with pytest.raises(AccessDenied):
        sup.prisoners.set_young_adult_age(25)


def test_only_supervisors_admit(login):
    with pytest.raises(AccessDenied):
        login("off1").prisoners.admit("A-102", "Ana", "Anić", "F", "REMAND")


def test_duplicate_prison_number_refused_nothing_saved(login):
    sup = login("sup")
    before = sup.prisoners.count()
    with pytest.raises(ValidationError) as refused:
        sup.prisoners.admit("T-001", "Other", "Person", "M", "REMAND")
    assert describe(refused.value).endswith("is already in use.") and refused.value.params["field"] == "number"
    assert sup.prisoners.count() == before


@pytest.mark.parametrize("born", [
    (date.today() + timedelta(days=1)).isoformat(),
    date(date.today().year - 121, 1, 1).isoformat(),
])
def test_impossible_date_of_birth_refused_nothing_saved(login, born):
    sup = login("sup")
    before = sup.prisoners.count()
    with pytest.raises(ValidationError) as refused:
        sup.prisoners.admit("A-103", "Ana", "Anić", "F", "REMAND", date_of_birth=born)
    assert refused.value.code == "birth_implausible"
    assert describe(refused.value) == "A date of birth must be in the past and less than 120 years ago."
    assert sup.prisoners.count() == before
    assert all(p.number != "A-103" for p in sup.prisoners.page(PrisonerFilter(text="A-103")))
