"""Attack: no prisoner's level is ever set without two different assessors' ratings and a countersignature by
someone who rated nothing (domain.md §3 rule 9). Every service path is tried, then the repository itself: records
written straight into it (each signed by its real author, as a user with the database open could) must not make
a level either."""

from __future__ import annotations

import pytest

from tests.integration.assessment_helpers import (
    SPJ,
    agreed_assessment,
    forged_with_sql,
    install,
    judgement,
    spj_ratings,
)
from tests.integration.conftest import first_prisoner
from wingdesk.domain.errors import AccessDenied, StateError
from wingdesk.domain.kinds.assessment import ASSESSMENT, ASSESSMENT_RATING
from wingdesk.domain.records import new_id
from wingdesk.services.record_writer import RecordWriter


@pytest.fixture
def people(login):
    install(login)
    return login("psy"), login("sw"), login("gov")


def _raw_write(session, kind, body, prisoner_id):
    writer = RecordWriter(session.ctx, session.audit_trail)
    spec = ASSESSMENT if kind == "assessment" else ASSESSMENT_RATING
    return writer.save(writer.new_record(kind, spec.clean(body), prisoner_id=prisoner_id))


def _raw_revise(session, record, change):
    return RecordWriter(session.ctx, session.audit_trail).revise(record, ASSESSMENT.clean({**record.body,
                                                                                           **change}))


def test_every_service_path_short_of_a_full_sign_off_sets_no_level(people, login):
    psy, sw, gov = people
    prisoner = first_prisoner(psy).id
    started = psy.assessments.start(prisoner, "INITIAL", SPJ)
    psy.assessments.rate(started.id, spj_ratings("HIGH"))
    with pytest.raises(StateError):  # one assessor cannot be both
        psy.assessments.rate_independently(started.id, spj_ratings("HIGH"))
    with pytest.raises(StateError):  # nor agree alone before a second rating
        psy.assessments.agree(started.id, spj_ratings("HIGH"), judgement("LOW"))
    with pytest.raises(StateError):
        gov.assessments.countersign(started.id)
    sw.assessments.rate_independently(started.id, spj_ratings("HIGH"))
    psy.assessments.agree(started.id, spj_ratings("HIGH"), judgement("LOW"))
    psy.assessments.agree(started.id, spj_ratings("HIGH"), judgement("LOW"))  # agreeing with oneself again
    with pytest.raises(StateError):
        gov.assessments.countersign(started.id)
    for session in (psy, sw):
        with pytest.raises(AccessDenied):  # an assessor may never countersign
            session.assessments.countersign(started.id)
    with pytest.raises(AccessDenied):
        login("sup").assessments.countersign(started.id)
    assert gov.assessments.current_level(prisoner) is None
    sw.assessments.agree(started.id, spj_ratings("HIGH"), judgement("MODERATE"))  # a counter-proposal
    assert gov.assessments.view(started.id).status == "SECOND_RATED"
    assert gov.assessments.current_level(prisoner) is None


def test_a_countersigned_record_written_straight_into_the_repository_sets_no_level(people):
    psy, sw, _gov = people
    prisoner = first_prisoner(psy).id
    body = {"assessment_kind": "INITIAL", "instrument_id": SPJ, "instrument_version": 1, "status": "COUNTERSIGNED",
            "assessor_a": psy.user.id, "assessor_b": sw.user.id, "countersigned_by": _gov.user.id,
            "countersigned_on": "2026-12-01", **judgement("LOW")}
    forged = _raw_write(psy, "assessment", body, prisoner)
    _raw_write(psy, "assessment_rating", {"assessment_id": forged.id, "position": "FIRST", "ratings": []}, prisoner)
    _raw_write(psy, "assessment_rating", {"assessment_id": forged.id, "position": "SECOND", "ratings": []},
               prisoner)
    assert psy.assessments.current_level(prisoner) is None


def test_an_assessor_countersigning_through_the_repository_sets_no_level(people):
    psy, sw, gov = people
    prisoner = first_prisoner(psy).id
    assessment = agreed_assessment(psy, sw, prisoner, "LOW", "LOW")
    agreed = psy.ctx.repo.get_record(assessment)
    _raw_revise(psy, agreed, {"status": "COUNTERSIGNED", "countersigned_by": gov.user.id,
                              "countersigned_on": "2026-12-01"})
    assert gov.assessments.current_level(prisoner) is None


def test_a_level_changed_after_countersign_is_not_the_level(people):
    psy, sw, gov = people
    prisoner = first_prisoner(psy).id
    assessment = agreed_assessment(psy, sw, prisoner, "HIGH", "HIGH")
    gov.assessments.countersign(assessment)
    assert gov.assessments.current_level(prisoner).level == "HIGH"
    _raw_revise(psy, psy.ctx.repo.get_record(assessment), {"level": "LOW"})
    assert gov.assessments.current_level(prisoner) is None


def test_a_sign_off_skipping_the_second_assessor_through_the_repository_sets_no_level(people):
    psy, sw, gov = people
    prisoner = first_prisoner(psy).id
    started = psy.assessments.start(prisoner, "INITIAL", SPJ)
    psy.assessments.rate(started.id, spj_ratings("LOW"))
    rated = psy.ctx.repo.get_record(started.id)
    # the first assessor writes the "second" rating and both agreement steps in the second assessor's name
    _raw_write(psy, "assessment_rating", {"assessment_id": started.id, "position": "SECOND", "ratings": []},
               prisoner)
    second = _raw_revise(psy, rated, {"status": "SECOND_RATED", "assessor_b": sw.user.id})
    proposal = _raw_revise(psy, second, {**judgement("LOW"), "agreed_by": psy.user.id})
    confirmed = _raw_revise(psy, proposal, {"status": "AGREED"})
    assert confirmed.body["status"] == "AGREED"
    with pytest.raises(StateError) as refused:  # the service checks the history, not only the status
        gov.assessments.countersign(started.id)
    assert refused.value.code == "assessment_history_broken"
    _raw_revise(gov, confirmed, {"status": "COUNTERSIGNED", "countersigned_by": gov.user.id,
                                 "countersigned_on": "2026-12-01"})  # and countersigned through the repository
    assert gov.assessments.current_level(prisoner) is None


def test_agreeing_where_the_assessors_differed_needs_a_reason(people):
    """Both ratings are kept, and where they differ the agreed rating is a decision with its reason recorded, on
    every path, not only on screen (the needs instrument asks no rationale for 'No need', so the rule must)."""
    import json

    from wingdesk.config.package_data import read_text
    from wingdesk.domain.errors import ValidationError

    psy, sw, _gov = people
    definition = json.loads(read_text("resources", "instruments", "needs_assessment.json"))
    scales = {i["code"]: i["scale"] for d in definition["domains"] for i in d.get("items", [])}
    items = [code for code, scale in scales.items() if scale == "NEED"]
    first = {code: "NO_NEED" if scale == "NEED" else "NOT_REQUESTED" for code, scale in scales.items()}
    second = {**first, items[0]: {"rating": "SOME_NEED", "rationale": "Never held a job; wants a trade."}}
    started = psy.assessments.start(first_prisoner(psy).id, "INITIAL", "wd.needs_assessment")
    psy.assessments.rate(started.id, first)
    sw.assessments.rate_independently(started.id, second)
    with pytest.raises(ValidationError) as refused:
        psy.assessments.agree(started.id, first, judgement("MODERATE"))
    assert refused.value.code == "assessment_difference_unexplained"
    explained = {**first, items[0]: {"rating": "NO_NEED", "rationale": "Has a job offer on release; agreed."}}
    assert psy.assessments.agree(started.id, explained, judgement("MODERATE")).body["agreed_by"] == psy.user.id


def _levels_on_cards(session, prisoner_id):
    return [r.body.get("level") for r in session.prisoners.timeline(prisoner_id) if r.kind == "assessment"]


def test_a_countersigned_looking_row_forged_with_raw_sql_shows_its_level_nowhere(people, login):
    """An insider with file access writes one assessment row whose status says COUNTERSIGNED: the officer's
    timeline card, the assessment's own view and list, and the profile all show no level (nor the instructions)."""
    psy, sw, gov = people
    prisoner = first_prisoner(psy).id
    body = {"assessment_kind": "INITIAL", "instrument_id": SPJ, "instrument_version": 1, "status": "COUNTERSIGNED",
            "assessor_a": psy.user.id, "assessor_b": sw.user.id, "agreed_by": psy.user.id,
            "countersigned_by": gov.user.id, "countersigned_on": "2026-12-01",
            **judgement("HIGH", management_instructions="Forged: keep him alone (marker FRG-1)")}
    forged = forged_with_sql(psy, "assessment", body, gov, prisoner)
    for name in ("off1", "sup", "psy", "gov"):
        session = login(name)
        assert _levels_on_cards(session, prisoner) == [None], name
        shown = session.assessments.view(forged.id).record.body
        assert shown.get("level") is None and "FRG-1" not in str(shown), name
        assert [r.body.get("level") for r in session.assessments.for_prisoner(prisoner)] == [None], name
        assert session.assessments.current_level(prisoner) is None, name


def test_a_whole_sign_off_history_forged_with_raw_sql_in_the_real_peoples_names_sets_no_level(people, login):
    """Every step an insider can write in the right people's names (ratings by each assessor, agreement by both, a
    countersignature by the governor), each signed with the insider's own key: the authors' signatures do not hold,
    so no level anywhere, while the same steps through the services do make one."""
    psy, sw, gov = people
    prisoner = first_prisoner(psy).id
    aid = new_id()
    base = {"assessment_kind": "INITIAL", "instrument_id": SPJ, "instrument_version": 1}
    steps = [(psy, {"status": "DRAFT"}), (psy, {"status": "RATED", "assessor_a": psy.user.id}),
             (sw, {"status": "SECOND_RATED", "assessor_b": sw.user.id}),
             (psy, {**judgement("HIGH"), "agreed": [], "agreed_by": psy.user.id}), (sw, {"status": "AGREED"}),
             (gov, {"status": "COUNTERSIGNED", "countersigned_by": gov.user.id, "countersigned_on": "2026-12-01"})]
    body = dict(base)
    for revision, (author, change) in enumerate(steps, start=1):
        body = {**body, **change}
        forged_with_sql(psy, "assessment", body, author, prisoner, aid, revision)
    forged_with_sql(psy, "assessment_rating", {"assessment_id": aid, "position": "FIRST", "ratings": []}, psy, prisoner)
    forged_with_sql(psy, "assessment_rating", {"assessment_id": aid, "position": "SECOND", "ratings": []}, sw, prisoner)
    for name in ("off1", "psy", "gov"):
        session = login(name)
        assert session.assessments.current_level(prisoner) is None, name
        assert _levels_on_cards(session, prisoner) == [None], name
        assert session.assessments.trajectory(prisoner, SPJ) == [], name
        assert session.assessments.next_reassessment(prisoner) is None, name
    real = agreed_assessment(psy, sw, prisoner, "LOW", "LOW")
    gov.assessments.countersign(real)
    assert gov.assessments.current_level(prisoner).assessment_id == real
    assert sorted(map(str, _levels_on_cards(login("off1"), prisoner))) == ["LOW", "None"]


def test_a_forged_countersigned_row_neither_starts_nor_hides_an_overdue_reassessment(people):
    """The inbox's overdue reassessments follow the checked sign-off too: a forged newer 'countersigned' row with a
    later review date does not hide the real overdue one, and a forged one alone raises none."""
    from datetime import date, timedelta

    from wingdesk.services.inbox_sources.assessment_reviews import ASSESSMENT_REVIEWS

    psy, sw, gov = people
    prisoner = first_prisoner(psy).id
    later = date.today() + timedelta(days=30)
    body = {"assessment_kind": "PERIODIC", "instrument_id": SPJ, "instrument_version": 1, "status": "COUNTERSIGNED",
            "countersigned_by": gov.user.id, "countersigned_on": date.today().isoformat(),
            **judgement("LOW", next_review_date=(date.today() + timedelta(days=5)).isoformat())}
    forged_with_sql(psy, "assessment", body, gov, prisoner)
    assert ASSESSMENT_REVIEWS.collect(gov.ctx, later) == []
    review_on = (date.today() + timedelta(days=1)).isoformat()
    real = agreed_assessment(psy, sw, prisoner, "HIGH", "HIGH", review=review_on)
    gov.assessments.countersign(real)
    newer = {**body, "countersigned_on": (date.today() + timedelta(days=2)).isoformat(),
             "next_review_date": (date.today() + timedelta(days=90)).isoformat()}
    forged_with_sql(psy, "assessment", newer, gov, prisoner)
    [item] = ASSESSMENT_REVIEWS.collect(gov.ctx, later)
    assert item.key.startswith(f"assessment_review:{real}:")
