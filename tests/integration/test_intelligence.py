"""Intelligence reports (issue 16 item 1): the officer's proposed grade on the observation, a report made from
observations (or written directly) and graded 3×5×2 by security with a reason; nothing computes the grade."""

from __future__ import annotations

import pytest

from tests.integration.conftest import first_prisoner
from wingdesk.domain.errors import AccessDenied, NotFound, StateError, ValidationError
from wingdesk.domain.kinds.intelligence import add_months, grade_text


def _observation(login, **extra):
    officer = login("off1")
    prisoner = first_prisoner(officer)
    record = officer.observations.record(prisoner.id, "CONTRABAND_SECURITY", "CONCERN",
                                         'Said "the parcel comes Friday" at 14:10 in the yard.', **extra)
    officer.lock()
    return prisoner, record


def test_the_officer_proposes_a_grade_on_the_observation(login):
    prisoner, record = _observation(login, proposed_source="SRC_2", proposed_assessment="INT_B")
    assert record.body["proposed_source"] == "SRC_2" and record.body["proposed_assessment"] == "INT_B"
    officer = login("off1")
    with pytest.raises(ValidationError):
        officer.observations.record(prisoner.id, "CONTRABAND_SECURITY", "CONCERN", "Facts.", proposed_source="7")
    plain = officer.observations.record(prisoner.id, "ROUTINE_CHANGE", "NEUTRAL", "Stays in the cell at lunch.")
    assert "proposed_source" not in plain.body  # optional


def test_security_makes_a_report_from_observations_and_grades_it_with_a_reason(login):
    prisoner, observation = _observation(login, proposed_source="SRC_1", proposed_assessment="INT_A")
    sec = login("sec")
    report = sec.intelligence.create(prisoner.id, "CONTRABAND_SECURITY", "Parcel expected on Friday.",
                                     observation_ids=[observation.id])
    # nothing computes a grade: the officer's proposal is not copied into the report
    assert grade_text(report.body) == "" and "source_evaluation" not in report.body
    today = sec.prisoners.today()
    assert report.body["review_date"] == add_months(today, 6).isoformat()  # ungraded: reviewed at 6 months
    assert report.body["observation_ids"] == [observation.id]

    with pytest.raises(ValidationError) as no_reason:
        sec.intelligence.grade(report.id, "SRC_2", "INT_B", "HANDLE_P", "")
    assert no_reason.value.params["field"] == "grading_rationale"
    with pytest.raises(ValidationError) as no_conditions:
        sec.intelligence.grade(report.id, "SRC_2", "INT_B", "HANDLE_C", "Seen by two officers.")
    assert no_conditions.value.params["field"] == "handling_conditions"
    with pytest.raises(ValidationError):
        sec.intelligence.grade(report.id, "SRC_4", "INT_B", "HANDLE_P", "Reason.")

    graded = sec.intelligence.grade(report.id, "SRC_2", "INT_B", "HANDLE_P", "Seen by two officers.")
    assert grade_text(graded.body) == "2/B/P" and graded.revision == 2
    assert "review_date" not in graded.body  # a 2/B grade is not kept under review
    coded = sec.intelligence.grade(report.id, "SRC_1", "INT_C", "HANDLE_C", "Direct.",
                                   conditions="Only for the search team.")
    assert grade_text(coded.body) == "1/C/C" and coded.body["handling_conditions"] == "Only for the search team."
    assert [r.revision for r in sec.ctx.repo.record_revisions(report.id)] == [1, 2, 3]


def test_security_writes_a_report_directly_and_bad_links_are_refused(login):
    sec = login("sec")
    prisoner = first_prisoner(sec)
    direct = sec.intelligence.create(prisoner.id, "PRESSURE_ON_OTHERS", "Debt collection on the landing.")
    assert not direct.body.get("observation_ids")
    with pytest.raises(NotFound):
        sec.intelligence.create(prisoner.id, "PRESSURE_ON_OTHERS", "Text.", observation_ids=["no-such-record"])
    with pytest.raises(NotFound):
        sec.intelligence.create(prisoner.id, "PRESSURE_ON_OTHERS", "Text.", linked_prisoners=["nobody"])
    with pytest.raises(ValidationError):
        sec.intelligence.create(prisoner.id, "POSITIVE_ENGAGEMENT", "Not a security subject.")
    with pytest.raises(StateError):
        sec.intelligence.release(direct.id, "HQ asked for it.")  # ungraded: nothing to release


@pytest.mark.parametrize("name", ["off1", "sup", "psy", "gov"])
def test_only_security_writes_or_grades_reports(login, name):
    sec = login("sec")
    report = sec.intelligence.create(first_prisoner(sec).id, "CONTRABAND_SECURITY", "Text.")
    other = login(name)
    with pytest.raises(AccessDenied):
        other.intelligence.create(first_prisoner(other).id, "CONTRABAND_SECURITY", "Text.")
    with pytest.raises(AccessDenied):
        other.intelligence.grade(report.id, "SRC_2", "INT_B", "HANDLE_P", "Reason.")
    with pytest.raises(AccessDenied):
        other.intelligence.release(report.id, "Reason.")
