"""Allocation decisions (issue 15 item 4, domain.md §3 rule 9): resting on a signed-off assessment, with reasons,
less restrictive options considered and a review date; approved by a governor who did not propose it; the prisoner
told; officers see what the approved decision asks of the wing and never its reasons."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.integration.assessment_helpers import AheadClock, agreed_assessment, install
from tests.integration.conftest import ACCOUNTS, first_prisoner
from wingdesk.crypto.kdf import floor_params
from wingdesk.domain.errors import AccessDenied, StateError, ValidationError
from wingdesk.i18n.messages import describe
from wingdesk.storage.backend import LocalWing


def _decision(assessment_id: str, **more) -> dict:
    return {"decision_type": "PLACEMENT", "assessment_id": assessment_id, "placement": "B-Wing, cell B2-04",
            "cell_sharing": "SINGLE_CELL", "keep_apart": "The two prisoners named in the security report.",
            "reasons": "Recruiting talk in the shared cell, twice this month.",
            "less_restrictive_options": [{"option": "Stay in the shared cell with more supervision.",
                                          "why_not": "The talk continued under closer supervision."}],
            "review_date": "2027-03-01", **more}


def test_a_decision_rests_on_a_signed_off_assessment_and_the_governor_approves_it(login):
    install(login)
    psy, sw, gov, sec, off = login("psy"), login("sw"), login("gov"), login("sec"), login("off1")
    prisoner = first_prisoner(psy).id
    unsigned = agreed_assessment(psy, sw, prisoner, "HIGH", "HIGH")
    with pytest.raises(ValidationError) as caught:
        sec.allocations.propose(prisoner, _decision(unsigned))
    assert caught.value.code == "allocation_needs_assessment" and describe(caught.value).endswith("prisoner.")
    gov.assessments.countersign(unsigned)
    for missing, field in (({"less_restrictive_options": []}, "less_restrictive_options"),
                           ({"reasons": ""}, "reasons"), ({"review_date": None}, "review_date"),
                           ({"review_date": "2020-01-01"}, "review_date")):
        with pytest.raises(ValidationError) as refused:
            sec.allocations.propose(prisoner, _decision(unsigned, **missing))
        assert refused.value.params["field"] == field
    other = psy.prisoners.page()[1].id
    with pytest.raises(ValidationError):  # another prisoner's assessment is no basis
        sec.allocations.propose(other, _decision(unsigned))

    proposed = sec.allocations.propose(prisoner, _decision(unsigned))
    assert gov.allocations.in_force(prisoner) == []  # proposed is not in force
    with pytest.raises(AccessDenied):
        sec.allocations.approve(proposed.id)
    with pytest.raises(StateError):
        sec.allocations.record_told(proposed.id, "2026-12-01", "IN_PERSON")  # nothing decided yet
    approved = gov.allocations.approve(proposed.id)
    assert (approved.body["status"], approved.body["decided_by"]) == ("APPROVED", gov.user.id)
    with pytest.raises(StateError):
        gov.allocations.refuse(proposed.id, "Changed my mind.")
    sec.allocations.record_told(proposed.id, gov.prisoners.today().isoformat(), "WITH_INTERPRETER")

    [wing_view] = off.allocations.in_force(prisoner)
    assert wing_view.body["cell_sharing"] == "SINGLE_CELL" and "keep_apart" in wing_view.body
    assert "reasons" not in wing_view.body and "less_restrictive_options" not in wing_view.body
    [full] = psy.allocations.in_force(prisoner)
    assert full.body["less_restrictive_options"][0]["why_not"].startswith("The talk continued")
    assert full.body["told_how"] == "WITH_INTERPRETER"


def test_the_governor_never_approves_their_own_proposal(login):
    from wingdesk.services.policy import Action, Resource, scope_for

    install(login)
    gov = login("gov")
    assert scope_for(gov.user.role, Action.CREATE, Resource.ALLOCATION) is None  # cannot propose at all


def test_a_decision_past_its_review_date_reaches_proposers_and_the_governor_until_replaced(wing, login):
    install(login)
    psy, sw, gov, sec = login("psy"), login("sw"), login("gov"), login("sec")
    prisoner = first_prisoner(psy).id
    basis = agreed_assessment(psy, sw, prisoner, "HIGH", "HIGH")
    gov.assessments.countersign(basis)
    review = (date.today() + timedelta(days=30)).isoformat()
    decision = sec.allocations.propose(prisoner, _decision(basis, review_date=review))
    gov.allocations.approve(decision.id)
    sec.allocations.propose(prisoner, _decision(basis, decision_type="REGIME", review_date=review))  # not approved
    assert "allocation_review_overdue" not in {i.source for i in gov.inbox.items()}  # not yet due

    later = LocalWing(wing.directory, kdf=floor_params(), clock=AheadClock(40))
    opened = []

    def on_day_40(name):
        opened.append(later.sign_in(name, ACCOUNTS[name][2]))
        return opened[-1]

    try:
        for name in ("sec", "psy", "gov"):
            items = [i for i in on_day_40(name).inbox.items() if i.source == "allocation_review_overdue"]
            assert [(i.key, i.params) for i in items] == [
                (f"allocation_review:{decision.id}:{review}", {"due": review, "decision": "PLACEMENT"})], name
        for name in ("off1", "sup"):
            assert "allocation_review_overdue" not in {i.source for i in on_day_40(name).inbox.items()}, name
        newer_review = (date.today() + timedelta(days=130)).isoformat()
        newer = on_day_40("sec").allocations.propose(prisoner, _decision(basis, review_date=newer_review))
        on_day_40("gov").allocations.approve(newer.id)
        assert "allocation_review_overdue" not in {i.source for i in on_day_40("gov").inbox.items()}  # replaced
    finally:
        for session in opened:
            session.lock()
