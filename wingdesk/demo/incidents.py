"""The demo wing's incidents and uses of force (issue 14 item 5): yesterday's fight, reviewed and closed; today's
cell search that found a phone (a draft sent for review); a use of force with both officers' statements completed
by the supervisor, and one still waiting for the second officer's statement; an urgent observation today."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

from wingdesk.demo.accounts import DEMO_ACCOUNTS, account
from wingdesk.domain.roles import Role


def _at(day: Any, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute)).astimezone(UTC)


def _today_at(start: datetime, end: datetime) -> Any:
    """Moments spread over today up to a few minutes ago (the demo clock never runs ahead of the real one)."""
    return lambda share: (start + (end - start) * share).replace(microsecond=0)


def todays_moments(today: Any, now: datetime) -> Any:
    """share (0-1) -> a moment of today, rising with the share, up to five minutes ago; in the first minutes of the
    day, between midnight and now (a window that ran backwards put later events before earlier ones, and one of
    them after the demo clock: "in_future")."""
    now, midnight = now.replace(microsecond=0), _at(today, 0)
    real = max(now - timedelta(minutes=5), min(now, midnight + timedelta(minutes=1)))
    return _today_at(max(midnight, real - timedelta(hours=6)), real)


def add_incidents(builder: Any, ids: list[str]) -> None:
    """Written through the services as the demo's officers and supervisor; `builder` is the DemoBuilder."""
    clock = builder.clock
    today = datetime.now().date()
    at = todays_moments(today, datetime.now(UTC))
    off1 = builder._session(account(Role.OFFICER))  # noqa: SLF001 - the demo builder's own session cache
    off2 = builder._session(next(a for a in DEMO_ACCOUNTS if a.username == "officer2"))  # noqa: SLF001
    sup = builder._session(account(Role.SUPERVISOR))  # noqa: SLF001
    t = builder.phrases["incidents"]  # texts in the demo's language
    men = builder.men  # the texts say "he"
    both = [{"user_id": off1.user.id, "role": "ACTIVELY_INVOLVED"},
            {"user_id": off2.user.id, "role": "ACTIVELY_INVOLVED"}]

    yesterday = today - timedelta(days=1)
    clock.set(_at(yesterday, 13, 10))
    fight = off1.incidents.create({
        "incident_type": "FIGHT", "place": t["fight_place"],
        "description": t["fight_description"],
        "injuries": t["fight_injuries"], "actions_taken": t["fight_actions"],
        "referrals": t["healthcare"], "prisoners": [{"prisoner_id": ids[1], "role": "FIGHTER"},
                                                 {"prisoner_id": ids[2], "role": "FIGHTER"}],
        "staff": [{"user_id": off1.user.id, "role": "FIRST_ON_SCENE"}]}, occurred_at=_at(yesterday, 12, 40))
    off1.incidents.send_for_review(fight.id)
    clock.set(_at(yesterday, 16))
    sup.incidents.close(fight.id, t["fight_review"])

    clock.set(at(0.1))
    entry = off1.logs.add_entry("SEARCH", {
        "search_kind": "CELL", "reason": "INTELLIGENCE_LED", "place": "B1-04", "authorised_by": "Dragan Petrovski",
        "finds": t["search_finds"], "find_type": "MOBILE_PHONE"},
        prisoner_id=ids[3], day=today.isoformat())
    draft = off1.incidents.from_search(entry.id)
    if draft is not None:
        off1.incidents.update(draft.id, {"injuries": t["none"], "actions_taken": t["phone_actions"],
                                         "referrals": t["security"]})
        off1.incidents.send_for_review(draft.id)

    clock.set(at(0.4))
    report = off1.use_of_force.report({
        "primary_reason": "REFUSAL_TO_RELOCATE", "reasons": ["REFUSAL_TO_RELOCATE", "ASSAULT_ON_STAFF"],
        "place": t["uof_place"],
        "description": t["uof_description"],
        "positive_communication": True, "techniques": ["ESCORTING_HOLD", "RESTRAINT_STANDING"],
        "restraints": ["HANDCUFFS"], "duration_minutes": 7, "camera_ids": "BWC-114, CCTV-B1-3",
        "prisoner_injuries": t["uof_prisoner_injuries"], "staff_injuries": t["none"],
        "healthcare_seen": True, "healthcare_seen_at": at(0.35).isoformat(),
        "healthcare_seen_by": t["nurse"], "prisoners": [{"prisoner_id": men[0], "role": "PERPETRATOR"}],
        "staff": both}, occurred_at=at(0.3))
    off1.use_of_force.add_statement(report.id, "ACTIVELY_INVOLVED", t["uof_statement_1"], ["ESCORTING_HOLD"])
    clock.set(at(0.45))
    off2.use_of_force.add_statement(report.id, "ACTIVELY_INVOLVED", t["uof_statement_2"], ["RESTRAINT_STANDING"],
                                    t["none"])
    clock.set(at(0.5))
    sup.use_of_force.complete(report.id, t["uof_conclusion"])

    clock.set(at(0.8))
    second = off2.use_of_force.report({
        "primary_reason": "SELF_HARM_PREVENTION", "place": t["uof2_place"],
        "description": t["uof2_description"],
        "positive_communication": True, "techniques": ["GUIDING_HOLD"], "duration_minutes": 3,
        "prisoner_injuries": t["none"], "staff_injuries": t["none"], "healthcare_seen": True,
        "healthcare_seen_at": at(0.75).isoformat(), "healthcare_seen_by": t["doctor"],
        "prisoners": [{"prisoner_id": men[1], "role": "SUSPECTED_INVOLVED"}], "staff": both},
        occurred_at=at(0.7))
    off2.use_of_force.add_statement(second.id, "ACTIVELY_INVOLVED", t["uof2_statement"], ["GUIDING_HOLD"])
    clock.set(at(0.9))
    off1.observations.record(men[2], "CONFLICT_INTIMIDATION", "CONCERN", t["urgent_fact"],
                             officer_assessment=t["urgent_assessment"], where=t["urgent_where"],
                             source_type="DIRECT", urgent=True)
