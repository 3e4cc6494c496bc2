"""A prisoner's trajectory and the print of one assessment (issue 15 item 6): only signed-off assessments count,
oldest first, with the level and each domain's agreed rating; a summary reader gets the level only; the print
shows both assessors' own ratings with their names and the prisoner's comment."""

from __future__ import annotations

import pytest

from tests.integration.assessment_helpers import SPJ, agreed_assessment, install
from tests.integration.conftest import first_prisoner


@pytest.fixture
def people(login):
    install(login)
    return login("psy"), login("sw"), login("gov")


def test_only_signed_off_assessments_in_date_order(people, login):
    psy, sw, gov = people
    prisoner = first_prisoner(psy).id
    signed = []
    for level in ("HIGH", "MODERATE"):
        signed.append(agreed_assessment(psy, sw, prisoner, level, level))
        gov.assessments.countersign(signed[-1])
    agreed_assessment(psy, sw, prisoner, "LOW", "LOW")  # agreed, never countersigned: not on the trajectory
    points = psy.assessments.trajectory(prisoner, SPJ)
    assert [(p.assessment_id, p.level) for p in points] == [(signed[0], "HIGH"), (signed[1], "MODERATE")]
    assert points[1].ratings["CONTEXT_INTENT"] == "MODERATE" and points[1].ratings["PROTECTIVE_FACTORS"] == "SOME"
    assert psy.assessments.trajectory(prisoner, "wd.needs_assessment") == []
    officer = login("off1").assessments.trajectory(prisoner, SPJ)
    assert [p.level for p in officer] == ["HIGH", "MODERATE"] and all(p.ratings == {} for p in officer)


def test_the_print_has_both_assessors_and_the_prisoners_comment(people, qapp):
    from wingdesk.gui.assessment_print import assessment_html, load_print

    psy, sw, gov = people
    prisoner = first_prisoner(psy).id
    assessment = agreed_assessment(psy, sw, prisoner, "HIGH", "HIGH")
    gov.assessments.countersign(assessment)
    psy.assessments.record_informed(assessment, psy.prisoners.today().isoformat(), "IN_PERSON", participated=True)
    psy.assessments.add_prisoner_comment(assessment, "CONTEXT_INTENT", "I only argued with the imam <once>.")
    html = assessment_html(gov, load_print(gov, assessment))
    assert psy.user.display_name in html and sw.user.display_name in html
    assert "Own reading of the file." in html and "Seen in interviews and reports." in html  # both rationales
    assert "I only argued with the imam &lt;once&gt;." in html  # the prisoner's words, escaped
    assert "Prisoner's comment" in html or "Prisoner&#x27;s comment" in html


def test_a_signed_off_needs_assessment_seeds_the_plans_needs(people, login):
    psy, sw, gov = people
    prisoner = first_prisoner(psy).id
    assert psy.assessments.assessed_needs(prisoner) is None
    started = psy.assessments.start(prisoner, "INITIAL", "wd.needs_assessment")
    instrument = psy.assessments.instrument_of(started.id)
    parts = instrument.rated_parts()
    ratings = {code: {"rating": part.scale.codes[0], "rationale": ""} for code, part in parts.items()}
    ratings["FINANCE"] = {"rating": "SIGNIFICANT_NEED", "rationale": "Debts to a moneylender."}
    ratings["FAMILY_RELATIONSHIPS"] = {"rating": "SOME_NEED", "rationale": "Mother visits rarely."}
    ratings = {c: v if v["rationale"] else v["rating"] for c, v in ratings.items()}
    psy.assessments.rate(started.id, ratings)
    sw.assessments.rate_independently(started.id, ratings)
    judgement = {"level": "MODERATE", "next_review_date": "2027-06-01"}
    psy.assessments.agree(started.id, ratings, judgement)
    assert psy.assessments.assessed_needs(prisoner) is None  # not signed off yet
    sw.assessments.agree(started.id, ratings, judgement)
    gov.assessments.countersign(started.id)
    on, needs = psy.assessments.assessed_needs(prisoner)
    assert [(n["area"], n["goal_text"]) for n in needs] == [("FINANCE", "Debts to a moneylender."),
                                                           ("FAMILY_RELATIONSHIPS", "Mother visits rarely.")]
    plan = psy.treatment.create_plan(prisoner, {"reason_for_plan": "Needs found at assessment.",
                                                "prisoner_goals_own_words": "Pay my debts.", "needs": needs})
    assert [n["area"] for n in plan.body["needs"]] == ["FINANCE", "FAMILY_RELATIONSHIPS"]


def test_the_next_reassessment_is_the_earliest_due_of_each_instruments_latest_sign_off(people, login):
    """Issue 15 item 5: the plan's review follows it. Only signed-off assessments count, each instrument's latest."""
    psy, sw, gov = people
    prisoner = first_prisoner(psy).id
    assert psy.assessments.next_reassessment(prisoner) is None
    older = agreed_assessment(psy, sw, prisoner, "HIGH", "HIGH", review="2027-06-01")
    gov.assessments.countersign(older)
    assert psy.assessments.next_reassessment(prisoner) == "2027-06-01"
    newer = agreed_assessment(psy, sw, prisoner, "MODERATE", "MODERATE", kind="PERIODIC", review="2028-01-01")
    gov.assessments.countersign(newer)
    assert psy.assessments.next_reassessment(prisoner) == "2028-01-01"  # the older SPJ's date is superseded
    agreed_assessment(psy, sw, prisoner, "LOW", "LOW", kind="PERIODIC", review="2027-02-01")  # not countersigned
    assert psy.assessments.next_reassessment(prisoner) == "2028-01-01"
    assert [e for e in psy.ctx.repo.iter_audit() if e.action == "read_sensitive"
            and e.object == f"prisoner:{prisoner}:next_review"]


def test_the_sources_used_are_shown_to_those_who_may_read_them_and_counted_for_others(people, login, qapp):
    from wingdesk.gui.assessment_print import assessment_html, load_print

    psy, sw, gov = people
    prisoner = first_prisoner(psy).id
    note = psy.treatment.add_note(prisoner, "Talked about his brother's letter (marker SRC-4471).")
    assessment = agreed_assessment(psy, sw, prisoner, "HIGH", "HIGH", sources=[note.id])
    assert [r.id for r in psy.assessments.sources(assessment)[0]] == [note.id]
    assert sw.assessments.sources(assessment) == ([], 1)  # a psychologist's note: another discipline may not see it
    assert login("off1").assessments.sources(assessment) == ([], 0)  # officers: level and instructions only
    html = assessment_html(psy, load_print(psy, assessment))
    assert "Sources used" in html and "Progress note" in html and "SRC-4471" not in html  # named, never quoted
    assert "1 record you may not see" in assessment_html(sw, load_print(sw, assessment))
