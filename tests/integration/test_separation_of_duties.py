"""Separation of duties, enforced by the services whatever the GUI shows (issue 14 item 7).

Each test is the attack: a supervisor who answers a returned entry and then countersigns the day, a plan's author
who agrees it, a plan created (or revised) straight into ACTIVE. Each must be refused, and nothing half-saved.
"""

from __future__ import annotations

import pytest

from tests.integration.conftest import first_prisoner
from wingdesk.domain.daily_log import DayState
from wingdesk.domain.errors import StateError, ValidationError
from wingdesk.i18n.messages import describe

PLAN = {"reason_for_plan": "Admission review", "prisoner_goals_own_words": "Finish school."}


def _returned_day(login) -> tuple[object, object, str, str]:
    """off1 writes a day and submits it; sup returns one entry. (off1, sup, day, entry id)."""
    off1, sup = login("off1"), login("sup")
    day = off1.logs.start_shift("EARLY").day
    entry = off1.logs.add_entry("GENERAL", {"text": "Unlock completed without incident."}, day=day)
    off1.logs.submit_day(day)
    sup.logs.return_entry(day, entry.id, "Which officers unlocked?")
    return off1, sup, day, entry.id


def test_a_supervisor_who_answered_a_returned_entry_cannot_countersign_that_day(login):
    _off1, sup, day, entry_id = _returned_day(login)
    sup.logs.annotate_entry(entry_id, "Two officers unlocked together.")  # the supervisor answers it instead
    sup.logs.resubmit_day(day)
    with pytest.raises(StateError) as refused:
        sup.logs.countersign(day)
    assert refused.value.code == "countersign_own_answers"
    assert describe(refused.value) == ("You answered a returned entry of this day yourself, so another supervisor "
                                       "must countersign it.")
    assert sup.logs.day(day).day.state is DayState.ANNOTATED  # nothing signed
    assert not sup.logs.day(day).countersignatures


def test_another_supervisor_may_countersign_once_the_officer_answered(login):
    off1, sup, day, entry_id = _returned_day(login)
    off1.logs.annotate_entry(entry_id, "Two officers unlocked together.")
    off1.logs.resubmit_day(day)
    assert sup.logs.countersign(day).signer_id == sup.user.id
    assert sup.logs.day(day).day.state is DayState.COUNTERSIGNED


def test_the_author_of_a_plan_cannot_agree_it(login):
    psy = login("psy")
    plan = psy.treatment.create_plan(first_prisoner(psy).id, PLAN)
    with pytest.raises(StateError) as refused:
        psy.treatment.agree_plan(plan.id)
    assert refused.value.code == "agree_own_plan"
    assert describe(refused.value) == "You wrote this plan, so someone else must agree it."
    assert psy.treatment.current_plan(plan.prisoner_id).body["status"] == "DRAFT"


def test_whoever_revised_a_plan_cannot_agree_it_either(login):
    psy, sw = login("psy"), login("sw")
    plan = psy.treatment.create_plan(first_prisoner(psy).id, PLAN)
    sw.treatment.update_plan(plan.id, {"motivation_notes": "Keen on the literacy class."})
    with pytest.raises(StateError):
        sw.treatment.agree_plan(plan.id)
    assert login("gov").treatment.agree_plan(plan.id).body["status"] == "ACTIVE"  # someone who wrote none of it


@pytest.mark.parametrize("status", ["ACTIVE", "AWAITING_COUNTERSIGN", "UNDER_REVIEW", "CLOSED"])
def test_a_plan_starts_as_a_draft(login, status):
    psy = login("psy")
    prisoner = first_prisoner(psy)
    with pytest.raises(ValidationError) as refused:
        psy.treatment.create_plan(prisoner.id, PLAN | {"status": status})
    assert refused.value.code == "plan_starts_draft"
    assert psy.treatment.current_plan(prisoner.id) is None


def test_a_revision_cannot_make_a_plan_active_by_itself(login):
    psy = login("psy")
    plan = psy.treatment.create_plan(first_prisoner(psy).id, PLAN)
    with pytest.raises(ValidationError) as refused:
        psy.treatment.update_plan(plan.id, {"status": "ACTIVE", "agreement_status": "AGREED"})
    assert refused.value.code == "plan_status_by_agreement"
    assert psy.treatment.current_plan(plan.prisoner_id).revision == 1
    # a draft may be put forward for countersigning by its author
    assert psy.treatment.update_plan(plan.id, {"status": "AWAITING_COUNTERSIGN"}).body["status"] == \
        "AWAITING_COUNTERSIGN"
