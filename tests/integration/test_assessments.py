"""The assessment workflow at service level (issue 15 item 2, domain.md §5 scenario 11): two assessors rate the
SPJ independently with rationale, agree, the level goes high → moderate, the prisoner is informed and disputes a
domain in their own words, and the profile's level changes only when a lead countersigns."""

from __future__ import annotations

import copy
import json

import pytest

from tests.integration.assessment_helpers import SPJ, agreed_assessment, install, judgement, spj_ratings
from tests.integration.conftest import first_prisoner
from wingdesk.config.package_data import shipped_instruments
from wingdesk.domain.errors import AccessDenied, StateError, ValidationError
from wingdesk.domain.instruments.model import InstrumentError
from wingdesk.i18n.messages import describe
from wingdesk.services.reading import readable_kinds, visible


@pytest.fixture
def people(login):
    install(login)
    return login("psy"), login("sw"), login("gov")


def test_scenario_11_level_changes_only_after_countersign(people, login):
    psy, sw, gov = people
    prisoner = first_prisoner(psy).id
    first = agreed_assessment(psy, sw, prisoner, "HIGH", "HIGH")
    assert gov.assessments.current_level(prisoner) is None  # agreed, not countersigned: no level yet
    gov.assessments.countersign(first)
    assert gov.assessments.current_level(prisoner).level == "HIGH"

    note = psy.treatment.add_note(prisoner, "Interview: talks about returning to his family business.")
    review = agreed_assessment(psy, sw, prisoner, "MODERATE", "MODERATE", kind="PERIODIC", sources=[note.id])
    psy.assessments.record_informed(review, "2026-12-01", "WITH_INTERPRETER", participated=True)
    psy.assessments.add_prisoner_comment(review, "CONTEXT_INTENT", "I never meant anyone harm; ask my brother.")
    assert psy.assessments.current_level(prisoner).level == "HIGH"  # still the countersigned one

    gov.assessments.countersign(review)
    level = psy.assessments.current_level(prisoner)
    assert (level.level, level.assessment_id) == ("MODERATE", review)

    shown = sw.assessments.view(review)
    body = shown.record.body
    assert body["status"] == "COUNTERSIGNED" and body["countersigned_by"] == gov.user.id
    assert body["sources_used"] == [{"record_id": note.id}]
    assert (body["informed_how"], body["informed_by"], body["participated"]) == ("WITH_INTERPRETER",
                                                                                  psy.user.id, True)
    [comment] = body["prisoner_comments"]
    assert comment["part"] == "CONTEXT_INTENT" and comment["comment"].startswith("I never meant")
    agreed = {r["part"]: r["rating"] for r in body["agreed"]}
    assert agreed["CONTEXT_INTENT"] == "MODERATE"  # the dispute sits beside the rating, never replaces it
    assert set(shown.ratings) == {"FIRST", "SECOND"}  # both assessors' ratings are kept
    assert shown.ratings["SECOND"][0]["rationale"].startswith("Own reading")
    for session in (psy, sw, gov):
        session.lock()


def test_the_second_assessor_cannot_see_the_first_ratings_before_their_own(people, login):
    psy, sw, _gov = people
    prisoner = first_prisoner(psy).id
    started = psy.assessments.start(prisoner, "INITIAL", SPJ)
    psy.assessments.rate(started.id, spj_ratings("HIGH"))
    assert psy.assessments.view(started.id).ratings.keys() == {"FIRST"}
    assert sw.assessments.view(started.id).ratings == {}  # through the service
    scopes = readable_kinds(sw.ctx)  # through every generic reader (timeline, search, reports)
    from wingdesk.domain.queries import RecordQuery
    stored = sw.ctx.repo.list_records(RecordQuery(kinds=("assessment_rating",), prisoner_id=prisoner))
    assert stored and all(visible(sw.ctx, r, scopes) is None for r in stored)
    sw.assessments.rate_independently(started.id, spj_ratings("MODERATE"))
    assert sw.assessments.view(started.id).ratings.keys() == {"FIRST", "SECOND"}


def test_access_per_the_matrix_and_every_read_audited(people, login):
    psy, sw, gov = people
    prisoner = first_prisoner(psy).id
    assessment = agreed_assessment(psy, sw, prisoner, "HIGH", "HIGH")
    officer = login("off1")
    before = officer.assessments.view(assessment).record.body
    assert "level" not in before and "agreed" not in before  # no level before countersign
    gov.assessments.countersign(assessment)
    seen = officer.assessments.view(assessment)
    assert seen.ratings == {} and set(seen.record.body) == {"assessment_kind", "status", "next_review_date",
                                                             "level", "management_instructions"}
    assert officer.assessments.current_level(prisoner).level == "HIGH"
    security = login("sec")
    assert security.assessments.view(assessment).ratings.keys() == {"FIRST", "SECOND"}
    for refused in (lambda: officer.assessments.start(prisoner, "INITIAL", SPJ),
                    lambda: security.assessments.start(prisoner, "INITIAL", SPJ),
                    lambda: security.assessments.countersign(assessment),
                    lambda: login("sup").assessments.agree(assessment, {}, {}),
                    lambda: login("admin").assessments.view(assessment)):
        with pytest.raises(AccessDenied):
            refused()
    reads = [e for e in gov.audit.page(0, 5000) if e.action == "read_sensitive"]
    readers = {e.actor for e in reads if e.object == f"assessment:{assessment}"}
    assert {officer.user.id, security.user.id} <= readers


def test_bad_input_is_refused_with_one_sentence_and_nothing_changes(people):
    psy, sw, gov = people
    prisoner = first_prisoner(psy).id
    started = psy.assessments.start(prisoner, "INITIAL", SPJ)

    def refusal(call, kind=ValidationError):
        with pytest.raises(kind) as caught:
            call()
        sentence = describe(caught.value)
        assert sentence.endswith(".") and "\n" not in sentence and "(" + caught.value.code + ")" not in sentence
        return caught.value, sentence

    bad = spj_ratings("HIGH")
    bad["CONTEXT_INTENT"] = {"rating": "EXTREME", "rationale": "x"}
    error, sentence = refusal(lambda: psy.assessments.rate(started.id, bad))
    assert error.code == "assessment_bad_rating" and "CONTEXT_INTENT" in sentence and "MODERATE" in sentence
    bare = spj_ratings("HIGH")
    bare["HISTORY_CAPABILITY"] = {"rating": "HIGH", "rationale": "   "}
    assert refusal(lambda: psy.assessments.rate(started.id, bare))[0].code == "assessment_rationale_required"
    partial = spj_ratings("HIGH")
    del partial["PROTECTIVE_FACTORS"]
    assert refusal(lambda: psy.assessments.rate(started.id, partial))[0].code == "assessment_part_unrated"
    assert psy.assessments.view(started.id).status == "DRAFT"  # nothing was stored by the refusals

    psy.assessments.rate(started.id, spj_ratings("HIGH"))
    assert refusal(lambda: psy.assessments.rate_independently(started.id, spj_ratings("HIGH")),
                   StateError)[0].code == "assessment_same_assessor"
    sw.assessments.rate_independently(started.id, spj_ratings("HIGH"))
    psy.assessments.agree(started.id, spj_ratings("HIGH"), judgement("HIGH"))
    psy.assessments.agree(started.id, spj_ratings("HIGH"), judgement("HIGH"))  # agreeing with oneself: no
    assert refusal(lambda: gov.assessments.countersign(started.id), StateError)[0].code == "assessment_not_agreed"
    extreme = {**judgement("HIGH"), "level": "EXTREME"}
    assert refusal(lambda: sw.assessments.agree(started.id, spj_ratings("HIGH"), extreme))[0].code == "bad_choice"
    assert refusal(lambda: sw.assessments.agree(started.id, spj_ratings("HIGH"), {"level": "HIGH"}))[0].code \
        == "required"  # no next review date
    assert refusal(lambda: psy.assessments.start(prisoner, "INITIAL", SPJ, version=7),
                   InstrumentError)[0].code == "instrument_not_installed"
    assert refusal(lambda: psy.assessments.start(prisoner, "ANNUAL", SPJ))[0].code == "bad_choice"


def test_an_assessment_keeps_the_instrument_version_it_was_made_with(people, login):
    psy, sw, gov = people
    prisoner = first_prisoner(psy).id
    started = psy.assessments.start(prisoner, "INITIAL", SPJ)
    raw = copy.deepcopy(json.loads(shipped_instruments()[2]))
    raw["version"] = 2
    raw["scales"]["CONCERN"]["options"] = [o for o in raw["scales"]["CONCERN"]["options"] if o["code"] != "LOW"]
    for domain in raw["domains"][:4]:
        domain["judgement"]["rationale_required"] = ["MODERATE", "HIGH", "NOT_KNOWN"]
    admin = login("admin")
    admin.instruments.install_shipped([json.dumps(raw).encode()])
    assert psy.instruments.in_force(SPJ).version == 2
    assert psy.assessments.instrument_of(started.id).version == 1
    psy.assessments.rate(started.id, spj_ratings("LOW"))  # LOW is on version 1's scale, not on version 2's
    newer = psy.assessments.start(prisoner, "PERIODIC", SPJ)
    assert newer.body["instrument_version"] == 2
    with pytest.raises(ValidationError):
        psy.assessments.rate(newer.id, spj_ratings("LOW"))


def test_an_overdue_reassessment_reaches_the_assessors_and_the_governor(people, login):
    from datetime import date, timedelta

    from wingdesk.services.inbox_sources.assessment_reviews import ASSESSMENT_REVIEWS

    psy, sw, gov = people
    prisoner = first_prisoner(psy).id
    review_on = (date.today() + timedelta(days=1)).isoformat()
    with pytest.raises(ValidationError):  # a review date already past is refused when agreeing
        agreed_assessment(psy, sw, prisoner, "HIGH", "HIGH", review=(date.today() - timedelta(days=1)).isoformat())
    assessment = agreed_assessment(psy, sw, prisoner, "HIGH", "HIGH", review=review_on)
    later = date.today() + timedelta(days=3)
    assert ASSESSMENT_REVIEWS.collect(gov.ctx, later) == []  # not countersigned: no level, no review cycle yet
    gov.assessments.countersign(assessment)
    assert ASSESSMENT_REVIEWS.collect(gov.ctx, date.today()) == []
    [item] = ASSESSMENT_REVIEWS.collect(gov.ctx, later)
    assert (item.source, item.prisoner_id, item.params) == ("assessment_review_overdue", prisoner,
                                                            {"due": review_on, "kind": "INITIAL"})
    served = {name: ASSESSMENT_REVIEWS.serves(login(name).user.role) for name in ("psy", "gov", "sec", "off1")}
    assert served == {"psy": True, "gov": True, "sec": False, "off1": False}
