"""Search returns only what the caller may read; denials are audited; observations amend, never edit."""

import pytest

from tests.integration.conftest import first_prisoner
from wingdesk.domain.errors import AccessDenied


def test_officer_search_sees_own_observations_only(login):
    off1, off2 = login("off1"), login("off2")
    prisoner = first_prisoner(off1)
    off1.observations.record(prisoner.id, "POSITIVE_ENGAGEMENT", "POSITIVE", "Painted the gymnasium walls")
    off2.observations.record(prisoner.id, "CONFLICT_INTIMIDATION", "CONCERN", "Argued loudly near the gymnasium")
    assert len(off1.search.search("gymnasium")) == 1
    assert len(off2.search.search("gymnasium")) == 1
    assert len(login("sup").search.search("gymnasium")) == 2
    assert login("psy").search.search("gymnasium") == []  # treatment staff: no raw observations


def test_denials_are_audited(login):
    off = login("off1")
    prisoner = first_prisoner(off)
    with pytest.raises(AccessDenied):
        off.treatment.notes(prisoner.id)
    with pytest.raises(AccessDenied):
        off.audit.verify_chain()
    admin = login("admin")
    denied = [e for e in admin.audit.page(0, 100) if e.action == "access_denied"]
    assert {e.object for e in denied} >= {"read:progress_note", "read:audit"}


def test_officer_cannot_read_or_amend_someone_elses_observation(login):
    off1, off2 = login("off1"), login("off2")
    obs = off1.observations.record(first_prisoner(off1).id, "ROUTINE_CHANGE", "NEUTRAL", "Skipped breakfast twice")
    with pytest.raises(AccessDenied):
        off2.observations.get(obs.id)
    with pytest.raises(AccessDenied):
        off2.observations.amend(obs.id, "Correction")
    amendment = off1.observations.amend(obs.id, "It was three times, not twice")
    shown = off1.observations.get(obs.id)
    assert shown.body["what_seen_heard"] == "Skipped breakfast twice" and shown.amendments[0].id == amendment.id


def test_governor_reads_observations_restricted(login):
    off = login("off1")
    off.observations.record(first_prisoner(off).id, "NEEDS_REQUEST", "NEUTRAL", "Asked for a dictionary")
    seen = login("gov").observations.recent()
    assert seen and "what_seen_heard" not in seen[0].body and seen[0].body["category"] == "NEEDS_REQUEST"


def test_officer_sees_plan_wing_actions_only(login):
    psy = login("psy")
    prisoner = first_prisoner(psy)
    psy.treatment.create_plan(prisoner.id, {
        "reason_for_plan": "Admission", "prisoner_goals_own_words": "I want to see my daughter",
        "agreement_status": "AGREED",
        "steps": [{"step_type": "EDUCATION", "description": "Literacy class", "responsible_person": "Teacher",
                   "status": "PLANNED"}]})
    plan = login("off1").treatment.current_plan(prisoner.id)
    assert "prisoner_goals_own_words" not in plan.body and plan.body["steps"][0]["description"] == "Literacy class"


def test_prisoner_list_filters(login):
    sup = login("sup")
    from wingdesk.domain.people import PrisonerFilter

    assert sup.prisoners.count() == 5
    assert sup.prisoners.count(PrisonerFilter(female=True)) == 2
    assert sup.prisoners.count(PrisonerFilter(young=True)) == 1
    assert sup.prisoners.count(PrisonerFilter(first_time=True)) == 2
    assert [p.number for p in sup.prisoners.page(PrisonerFilter(sort="number", descending=True))][0] == "T-004"
    sup.alerts.raise_alert(first_prisoner(sup).id, "SELF_HARM_RISK", "Hourly checks", "2026-01-01",
                           review_date="2099-01-01")
    assert sup.prisoners.count(PrisonerFilter(with_alerts=True)) == 1
    assert sup.prisoners.count(PrisonerFilter(text="Family3")) == 1


def test_roster_sorts_by_the_users_alphabet(login):
    from wingdesk.domain.people import PrisonerFilter

    sup = login("sup")
    for number, given, family, cyrillic in [("C-1", "Ana", "Čolić", None), ("C-2", "Ivo", "Cvijić", None),
                                            ("C-3", "Marko", "Djurić", "Марко Ђурић"),
                                            ("C-4", "Lana", "Lukić", "Лана Лукић"), ("C-5", "Lea", "Ljubić", None)]:
        sup.prisoners.admit(number, given, family, "F", "REMAND", name_cyrillic=cyrillic)

    def order(language):
        found = sup.prisoners.page(PrisonerFilter(text="", language=language), limit=50)
        return [p.family_name for p in found if p.number.startswith("C-")]

    assert order("hr") == ["Cvijić", "Čolić", "Djurić", "Lukić", "Ljubić"]
    assert order("en") == ["Čolić", "Cvijić", "Djurić", "Ljubić", "Lukić"]
    assert order("sr")[:2] == ["Djurić", "Lukić"]  # Ђурић, Лукић in Cyrillic first; Latin-only names after


def test_restricted_timeline_entries_carry_no_amendment_text(login):
    off = login("off1")
    prisoner = first_prisoner(off)
    entry = off.logs.add_entry("MOVEMENT", {"destination": "HEALTH", "direction": "OUT"}, prisoner_id=prisoner.id)
    off.logs.submit_day()
    login("sup").logs.return_entry(entry.day, entry.id, "Supervisor remark about escort")
    seen = [r for r in login("psy").prisoners.timeline(prisoner.id) if r.id == entry.id]
    assert seen and seen[0].amendments == () and "Supervisor remark" not in repr(seen)
    assert [a.text for r in login("sup").prisoners.timeline(prisoner.id) if r.id == entry.id
            for a in r.amendments] == ["Supervisor remark about escort"]


def test_week_at_a_glance_counts_by_category_incidents_and_discrepancies(login):
    off = login("off1")
    prisoner = first_prisoner(off)
    for category, polarity in (("NEEDS_REQUEST", "NEUTRAL"), ("NEEDS_REQUEST", "NEUTRAL"),
                               ("POSITIVE_ENGAGEMENT", "POSITIVE")):
        off.observations.record(prisoner.id, category, polarity, "Seen on the landing")
    off.logs.add_entry("ROLL_COUNT", {"roll_kind": "FORMAL", "expected": 5, "counted": 4})
    off.logs.add_entry("INCIDENT", {"incident_type": "FIGHT", "description": "Pushing in the queue"})
    today = login("sup").reports.week_at_a_glance()[-1]
    assert today.observations == {"POSITIVE_ENGAGEMENT": 1, "NEEDS_REQUEST": 2}
    assert (today.incidents, today.roll_discrepancies, today.entries) == (1, 1, 2)


def test_the_officer_cannot_resubmit_before_answering(login):
    """An audit resubmitted a returned day without answering, and the supervisor could then countersign it with
    the returned entry still unanswered."""
    from wingdesk.domain.errors import StateError

    off, sup = login("off1"), login("sup")
    entry = off.logs.add_entry("GENERAL", {"text": "Landing quiet"})
    off.logs.submit_day()
    sup.logs.return_entry(entry.day, entry.id, "Which landing?")
    with pytest.raises(StateError) as refused:
        off.logs.resubmit_day(entry.day)
    assert refused.value.code == "returned_unanswered"
    assert sup.logs.day(entry.day).day.state == "RETURNED"
    off.logs.annotate_entry(entry.id, "B2")
    off.logs.resubmit_day(entry.day)
    sup.logs.countersign(entry.day)
    assert sup.logs.day(entry.day).day.state == "COUNTERSIGNED"


def test_several_entries_go_back_in_one_round(login):
    from wingdesk.domain.errors import StateError

    off, sup = login("off1"), login("sup")
    first = off.logs.add_entry("GENERAL", {"text": "Landing quiet"})
    second = off.logs.add_entry("GENERAL", {"text": "Yard closed early"})
    off.logs.submit_day()
    sup.logs.return_entry(first.day, first.id, "Which landing?")
    sup.logs.return_entry(first.day, second.id, "Why closed?")
    off.logs.annotate_entry(first.id, "B2")
    with pytest.raises(StateError):
        off.logs.resubmit_day(first.day)  # the second one is not answered yet
    off.logs.annotate_entry(second.id, "Rain")
    off.logs.resubmit_day(first.day)
    assert sup.logs.day(first.day).day.state == "ANNOTATED"


def test_an_officer_is_shown_only_the_returned_entries_they_can_answer(login):
    off1, off2, sup = login("off1"), login("off2"), login("sup")
    mine = off1.logs.add_entry("GENERAL", {"text": "Landing quiet"})
    theirs = off2.logs.add_entry("GENERAL", {"text": "Yard closed early"})
    off1.logs.submit_day()
    sup.logs.return_entry(mine.day, mine.id, "Which landing?")
    sup.logs.return_entry(mine.day, theirs.id, "Why closed?")
    assert [e.id for _d, e in off1.logs.returned_entries()] == [mine.id]
    assert [e.id for _d, e in off2.logs.returned_entries()] == [theirs.id]
