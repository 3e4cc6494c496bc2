"""Each user's inbox: urgent observations reach supervisor and security at once, returned entries their author,
overdue plan reviews the plan's author and the governor, lapsing alerts those who review them; acknowledged with
one call, kept and audited."""

from datetime import date, timedelta

import pytest

from tests.integration.conftest import first_prisoner
from wingdesk.domain.errors import NotFound
from wingdesk.services.inbox_sources import all_sources

TODAY = date.today()


def _day(offset: int) -> str:
    return (TODAY + timedelta(days=offset)).isoformat()


def _sources(session) -> list[str]:
    return [i.source for i in session.inbox.items()]


def _audited(session, action: str) -> list[str]:
    return [e.object for e in session.ctx.repo.audit_page(0, 50) if e.action == action]


def test_an_urgent_observation_reaches_supervisor_and_security_until_each_acknowledges(login):
    off = login("off1")
    pid = first_prisoner(off).id
    off.observations.record(pid, "CONFLICT_INTIMIDATION", "CONCERN", 'Said "you will not leave this cell alive".',
                            urgent=True)
    off.observations.record(pid, "NEEDS_REQUEST", "NEUTRAL", "Asked for a phone card.")
    sup, sec = login("sup"), login("sec")
    for session in (sup, sec):
        items = session.inbox.items()
        assert [(i.source, i.urgent, i.prisoner_id) for i in items] == [("urgent_observation", True, pid)]
        assert items[0].params == {"category": "CONFLICT_INTIMIDATION", "author": "Omar Officer"}
    for user in ("off1", "off2", "psy", "gov"):
        assert "urgent_observation" not in _sources(login(user))
    key = sup.inbox.items()[0].key
    sup.inbox.acknowledge(key)
    assert sup.inbox.items() == [] and len(sec.inbox.items()) == 1
    assert _audited(sup, "inbox_ack") == [f"inbox:{key}"]
    sup.inbox.acknowledge(key)  # a second click changes nothing and is not audited twice
    assert _audited(sup, "inbox_ack") == [f"inbox:{key}"]


def test_an_item_not_in_the_users_inbox_cannot_be_acknowledged(login):
    off = login("off1")
    off.observations.record(first_prisoner(off).id, "CONFLICT_INTIMIDATION", "CONCERN", "Threat heard.", urgent=True)
    key = login("sup").inbox.items()[0].key
    psy = login("psy")
    for bogus in (key, "urgent_observation:nothing", ""):
        with pytest.raises(NotFound):
            psy.inbox.acknowledge(bogus)
    assert _audited(psy, "inbox_ack") == []
    assert psy.ctx.repo.inbox_acked(psy.user.id, [key]) == set()


def test_a_returned_entry_reaches_its_author_and_leaves_once_answered(login):
    off, other = login("off1"), login("off2")
    day = _day(0)
    shift = off.logs.start_shift("EARLY", day)
    entry = off.logs.add_entry("GENERAL", {"text": "Landing quiet."}, shift_id=shift.id, day=day)
    off.logs.submit_day(day)
    sup = login("sup")
    sup.logs.return_entry(day, entry.id, "Which landing?")
    items = off.inbox.items()
    assert [(i.source, i.params) for i in items] == [("returned_entry", {"day": day, "entry_type": "GENERAL"})]
    assert other.inbox.items() == [] and "returned_entry" not in _sources(sup)
    off.logs.annotate_entry(entry.id, "B2 landing.")
    assert off.inbox.items() == []


def test_an_overdue_plan_review_reaches_its_author_and_the_governor(login):
    psy = login("psy")
    pid = first_prisoner(psy).id
    plan = psy.treatment.create_plan(pid, {"reason_for_plan": "Admission review.",
                                           "prisoner_goals_own_words": "Finish school.",
                                           "first_review_date": _day(-3)})
    for user in ("psy", "gov"):
        items = login(user).inbox.items()
        assert [(i.source, i.key, i.params) for i in items] == [
            ("plan_review_overdue", f"plan_review:{plan.id}:{_day(-3)}", {"due": _day(-3)})]
    for user in ("sw", "sup", "off1"):
        assert "plan_review_overdue" not in _sources(login(user))
    login("gov").treatment.agree_plan(plan.id)  # the governor's agreement is the plan's newest revision
    assert [i.key for i in psy.inbox.items()] == [f"plan_review:{plan.id}:{_day(-3)}"]  # still its author's
    psy.treatment.update_plan(plan.id, {"first_review_date": _day(30)})
    assert psy.inbox.items() == []


def test_alerts_near_their_review_or_end_reach_those_who_review_them(login):
    sup = login("sup")
    pid = first_prisoner(sup).id
    soon = sup.alerts.raise_alert(pid, "VULNERABLE", "Check at unlock.", _day(-30), review_date=_day(3))
    overdue = sup.alerts.raise_alert(pid, "RISK_TO_STAFF", "Two officers.", _day(-30), review_date=_day(-2))
    ending = sup.alerts.raise_alert(pid, "ESCAPE_RISK", "Escorted moves.", _day(-30), _day(6))
    sup.alerts.raise_alert(pid, "KEEP_APART", "Other landing.", _day(-30), review_date=_day(60))
    sup.alerts.raise_alert(pid, "SELF_HARM_RISK", "Lapsed already.", _day(-30), _day(-1))
    for user in ("sup", "sec"):
        found = {(i.source, i.key.split(":")[1], i.params["due"]) for i in login(user).inbox.items()}
        assert found == {("alert_review", soon.id, _day(3)), ("alert_review", overdue.id, _day(-2)),
                         ("alert_end", ending.id, _day(6))}
    for user in ("off1", "psy", "gov"):
        assert not any(s.startswith("alert_") for s in _sources(login(user)))
    reviewed = login("sec").alerts.review_alert(soon.id, "Settled; monthly now.", _day(30))
    assert reviewed.id not in {i.key.split(":")[1] for i in sup.inbox.items()}
    with sup.ctx.repo.transaction():
        sup.ctx.repo.set_setting("alert_lapsing_days", "60")  # the wing's own window (7 days unless set)
    assert {i.key.split(":")[1] for i in sup.inbox.items()} >= {soon.id, overdue.id, ending.id}
    assert len(sup.inbox.items()) == 4  # the one 60 days out too; never the lapsed one


def test_urgent_observations_are_read_through_their_own_index(login, monkeypatch):
    """Asked every half minute: the query names the partial index (SQLite refuses it if the index cannot serve)."""
    sup = login("sup")
    seen = []
    real = type(sup.ctx.repo).query
    monkeypatch.setattr(type(sup.ctx.repo), "query", lambda self, sql, params=(): seen.append(sql) or real(
        self, sql, params))
    sup.ctx.repo.urgent_observations("2026-01-01")
    plan = real(sup.ctx.repo, "EXPLAIN QUERY PLAN " + seen[0], ("2026-01-01", 10))
    assert any("records_urgent_observations" in str(row[-1]) for row in plan)


def test_every_source_is_registered_once_and_serves_someone():
    from wingdesk.domain.roles import Role

    names = [s.name for s in all_sources()]
    assert sorted(names) == sorted(["admission_deadline", "alert_lapsing", "assessment_review_overdue",
                                    "plan_review_overdue", "returned_entry", "training_due", "urgent_observation",
                                    "wing_recovered", "intel_ack", "intel_review", "security_task",
                                    "security_task_done", "allocation_proposed", "assessment_to_countersign",
                                    "transfers", "allocation_review_overdue"])
    assert all(any(s.serves(role) for role in Role) for s in all_sources())
    assert not any(s.serves(Role.ADMIN) for s in all_sources())
