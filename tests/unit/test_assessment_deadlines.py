"""Admission deadlines of special groups (issue 15 item 3): the dates, the defaults, the settings' limits."""

from __future__ import annotations

from datetime import date

import pytest

from wingdesk.domain.assessment_deadlines import NEEDS, SCREENING, DeadlineSettings, admission_deadlines
from wingdesk.domain.errors import ValidationError
from wingdesk.domain.people import Prisoner

ADMITTED = date(2026, 12, 1)


def _prisoner(admitted: date | None = ADMITTED) -> Prisoner:
    return Prisoner("p1", "A-1", "B", "Ana", "Kovač", "F", "REMAND",
                    admission_date=admitted.isoformat() if admitted else None)


def _due(found) -> dict[str, str]:
    return {d.instrument_id: d.due.isoformat() for d in found}


def test_screening_the_day_after_admission_and_needs_fourteen_days_later_by_default():
    found = admission_deadlines(_prisoner(), ("FEMALE",), set(), date(2026, 12, 1))
    assert _due(found) == {SCREENING: "2026-12-02", NEEDS: "2026-12-15"}
    assert all(d.groups == ("FEMALE",) for d in found)


def test_the_service_sets_its_own_periods():
    settings = DeadlineSettings(screening_hours=48, needs_days=10)
    assert _due(admission_deadlines(_prisoner(), ("YOUNG_ADULT",), set(), ADMITTED, settings)) == {
        SCREENING: "2026-12-03", NEEDS: "2026-12-11"}
    assert _due(admission_deadlines(_prisoner(), ("YOUNG_ADULT",), set(), ADMITTED, DeadlineSettings(25, 14))
                )[SCREENING] == "2026-12-03"  # 25 hours run into the second day


def test_no_deadline_once_done_without_a_group_without_an_admission_date_or_long_after():
    assert _due(admission_deadlines(_prisoner(), ("FIRST_TIME",), {SCREENING}, ADMITTED)) == {NEEDS: "2026-12-15"}
    assert admission_deadlines(_prisoner(), (), set(), ADMITTED) == []
    assert admission_deadlines(_prisoner(None), ("FEMALE",), set(), ADMITTED) == []
    assert admission_deadlines(_prisoner(), ("FEMALE",), set(), date(2027, 6, 1)) == []


@pytest.mark.parametrize(("hours", "days", "field"), [(0, 14, "screening_hours"), (24, 0, "needs_days"),
                                                      (169, 14, "screening_hours"), (24, 91, "needs_days"),
                                                      (True, 14, "screening_hours"), (24, "14", "needs_days")])
def test_a_setting_out_of_range_is_refused_naming_its_field(hours, days, field):
    with pytest.raises(ValidationError) as caught:
        DeadlineSettings(hours, days)
    assert caught.value.code == "out_of_range" and caught.value.params["field"] == field
