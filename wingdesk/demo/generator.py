"""Build the demo wing through the services: accounts, roster, two weeks of logs, observations, plans, notes."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from typing import Any

from wingdesk.config.package_data import read_text
from wingdesk.demo.accounts import DEMO_ACCOUNTS, DEMO_PRISON, DEMO_WING, DemoAccount, account
from wingdesk.demo.clock import DemoClock
from wingdesk.demo.roster import make_people
from wingdesk.domain import codes
from wingdesk.domain.roles import Role

Progress = Callable[[str, int, int], None]
POLARITY = {"POSITIVE_ENGAGEMENT": "POSITIVE", "NEEDS_REQUEST": "NEUTRAL", "STAFF_CONTACT_QUALITY": "POSITIVE",
            "ROUTINE_CHANGE": "NEUTRAL", "WELLBEING_VULNERABILITY": "CONCERN"}
SIZES = {"normal": (40, 14), "large": (2000, 14)}


def _phrases() -> dict[str, Any]:
    phrases: dict[str, Any] = json.loads(read_text("resources", "demo", "phrases.json"))
    return phrases


def _at(day: Any, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute)).astimezone(UTC)


class DemoBuilder:
    def __init__(self, backend: Any, clock: DemoClock, seed: int = 2026, progress: Progress | None = None) -> None:
        self.backend, self.clock = backend, clock
        self.rng = random.Random(seed)
        self.phrases = _phrases()
        self.progress = progress or (lambda step, done, total: None)
        self.sessions: dict[str, Any] = {}

    def _session(self, acc: DemoAccount) -> Any:
        if acc.username not in self.sessions:
            self.sessions[acc.username] = self.backend.sign_in(acc.username, acc.passphrase)
        return self.sessions[acc.username]

    def close(self) -> None:
        for session in self.sessions.values():
            session.lock()
        self.sessions.clear()
        self.clock.set(None)

    def build(self, size: str = "normal") -> None:
        prisoners_count, days = SIZES[size]
        today = datetime.now().date()
        start = today - timedelta(days=days - 1)
        self.clock.set(_at(start - timedelta(days=1), 8))
        admin = account(Role.ADMIN)
        self.progress("accounts", 0, len(DEMO_ACCOUNTS))
        self.backend.create(DEMO_WING, DEMO_PRISON, admin.username, admin.display_name, admin.passphrase)
        adm = self._session(admin)
        for i, acc in enumerate(a for a in DEMO_ACCOUNTS if a.role is not Role.ADMIN):
            adm.users.add_user(acc.username, acc.display_name, acc.role, acc.passphrase, acc.discipline)
            self.progress("accounts", i + 1, len(DEMO_ACCOUNTS))
        try:
            ids = self._roster(prisoners_count, today)
            self._alerts(ids)
            self._treatment(ids[: max(12, len(ids) // 4)], start)
            for n in range(days):
                self._day(start + timedelta(days=n), ids, last=(n == days - 1), index=n)
                self.progress("days", n + 1, days)
            self._urgent_observation(ids, today)
            if size == "large":
                self._bulk_observations(ids, 200_000)
        finally:
            self.close()

    def _roster(self, count: int, today: Any) -> list[str]:
        sup = self._session(account(Role.SUPERVISOR))
        ids = []
        with sup.batch():
            for i, p in enumerate(make_people(count, self.rng, today)):
                ids.append(sup.prisoners.admit(p.number, p.given, p.family, p.sex, p.legal_status,
                                               name_cyrillic=p.cyrillic, date_of_birth=p.dob,
                                               first_time=p.first_time, cell=p.cell, admission_date=p.admission,
                                               expected_release=p.release).id)
                if i % 200 == 0:
                    self.progress("prisoners", i, count)
        return ids

    def _alerts(self, ids: list[str]) -> None:
        sec = self._session(account(Role.SECURITY))
        sup = self._session(account(Role.SUPERVISOR))
        start, today = self.clock.today(), datetime.now().date()
        texts = {"SELF_HARM_RISK": "Self-harm risk: open care plan, checks every hour at night.",
                 "KEEP_APART": "Keep apart from another prisoner on this wing (see security file).",
                 "VULNERABLE": "Vulnerable: first time in custody, check in at each unlock.",
                 "RISK_TO_STAFF": "Threatened staff during a search; two officers at unlock."}
        raised = []
        for i, pid in enumerate(ids[:: max(1, len(ids) // 8)]):
            code = list(texts)[i % len(texts)]
            session = sec if code == "KEEP_APART" else sup
            review = today + timedelta(days=(3, 30, 5, 60)[i % 4])  # some come up for review this week
            raised.append(session.alerts.raise_alert(pid, code, texts[code], start.isoformat(),
                                                     review_date=review.isoformat()))
        sup.alerts.raise_alert(ids[0], "VULNERABLE", texts["VULNERABLE"], start.isoformat(),
                               (start + timedelta(days=4)).isoformat())  # lapsed: its end date has passed
        self.clock.set(_at(start + timedelta(days=7), 10))
        sup.alerts.review_alert(raised[0].id, "Reviewed with healthcare: hourly night checks stay.",
                                (today + timedelta(days=3)).isoformat())
        sec.alerts.end_alert(raised[1].id, "The other prisoner was transferred to another prison.")

    def _treatment(self, ids: list[str], start: Any) -> None:
        psy = self._session(account(Role.TREATMENT))  # holds the clinical key and grants it to colleagues
        sw = self._session(next(a for a in DEMO_ACCOUNTS if a.discipline == "SW"))
        rel = self._session(next(a for a in DEMO_ACCOUNTS if a.discipline == "REL"))
        goals, notes = self.phrases["goals"], self.phrases["progress_notes"]
        contacts = self.phrases["contact_summaries"]
        for i, pid in enumerate(ids):
            areas = self.rng.sample(codes.NEED_AREAS[:9], 3)
            plan = psy.treatment.create_plan(pid, {
                "reason_for_plan": "Sentence plan agreed at admission review.",
                "prisoner_goals_own_words": goals[i % len(goals)],
                "motivation_notes": "Engages in sessions; wants contact with family kept up.",
                "agreement_status": "AGREED" if i % 4 else "DRAFT",
                "status": "ACTIVE" if i % 4 else "DRAFT",
                "first_review_date": (start + timedelta(days=10 + 7 * (i % 12))).isoformat(),
                "needs": [{"area": a, "goal_text": f"Progress on {a.lower().replace('_', ' ')}", "status": "OPEN"}
                          for a in areas],
                "steps": [{"step_type": "EDUCATION", "description": "Literacy class, three mornings a week",
                           "responsible_person": "Education unit", "status": "IN_PROGRESS"},
                          {"step_type": "FAMILY_CONTACT", "description": "Monthly family video call",
                           "responsible_person": "Vesna Kovač", "responsible_role": "Social worker",
                           "status": "PLANNED"}]})
            del plan
            self.clock.set(_at(start + timedelta(days=i % 10), 11))
            psy.treatment.add_note(pid, notes[i % len(notes)], linked_goal=areas[0])
            sw.treatment.add_note(pid, notes[(i + 7) % len(notes)])
            if i % 3 == 0:
                rel.treatment.add_note(pid, "Pastoral session at the prisoner's request; no concerns raised.")
            sw.contacts.log_contact(pid, "FAMILY", "Family member (synthetic)", "VISIT", contacts[i % len(contacts)],
                                    relationship="Parent", vetting_status="NOT_REQUIRED", consent_to_share=True)
            if i % 4 == 1:
                sw.contacts.log_contact(pid, "PROBATION", "Probation officer (synthetic)", "MEETING",
                                        contacts[(i + 3) % len(contacts)], organisation="Probation service",
                                        vetting_status="VETTED")

    def _day(self, day: Any, ids: list[str], last: bool, index: int) -> None:
        early, late = account(Role.OFFICER), next(a for a in DEMO_ACCOUNTS if a.username == "officer2")
        sup = self._session(account(Role.SUPERVISOR))
        roll = len(ids)
        for acc, shift, hour in ((early, "EARLY", 7), (late, "LATE", 14)):
            officer = self._session(acc)
            self.clock.set(_at(day, hour))
            started = officer.logs.start_shift(shift, day.isoformat())
            outgoing = "Night officer" if shift == "EARLY" else early.display_name
            officer.logs.accept_handover(started.id, outgoing, roll, open_issues="None outstanding.")
            self._entries(officer, day, hour, ids, started.id)
            self._observations(officer, day, hour, ids)
        if last:
            return
        self.clock.set(_at(day, 21))
        self._session(late).logs.submit_day(day.isoformat())
        self.clock.set(_at(day + timedelta(days=1), 9))
        if index < 10:
            sup.logs.countersign(day.isoformat())
        elif index == 11:
            entry = sup.logs.day(day.isoformat()).entries[2]
            sup.logs.return_entry(day.isoformat(), entry.id, "Please add the time the count was completed.")

    def _entries(self, officer: Any, day: Any, hour: int, ids: list[str], shift_id: str) -> None:
        rng, texts = self.rng, self.phrases["log_general"]
        roll = len(ids)
        self.clock.set(_at(day, hour, 30))
        counted = roll - (1 if rng.random() < 0.1 else 0)
        officer.logs.add_entry("ROLL_COUNT", {"roll_kind": "FORMAL", "expected": roll, "counted": counted,
                                              "resolution": "Prisoner at healthcare, confirmed by phone."
                                              if counted != roll else ""},
                               day=day.isoformat(), shift_id=shift_id)
        self.clock.set(_at(day, hour + 1))
        pid = rng.choice(ids)
        officer.logs.add_entry("MOVEMENT", {"destination": rng.choice(codes.MOVEMENT_INTERNAL), "direction": "OUT",
                                            "escort": "Two officers"},
                               prisoner_id=pid, day=day.isoformat(), shift_id=shift_id)
        self.clock.set(_at(day, hour + 2))
        officer.logs.add_entry("MOVEMENT", {"destination": "EDUCATION", "direction": "IN"}, prisoner_id=pid,
                               day=day.isoformat(), shift_id=shift_id)
        self.clock.set(_at(day, hour + 3))
        officer.logs.add_entry("GENERAL", {"text": rng.choice(texts)}, day=day.isoformat(), shift_id=shift_id)
        if rng.random() < 0.5:
            self.clock.set(_at(day, hour + 4))
            officer.logs.add_entry("VISIT", {"visit_kind": rng.choice(codes.VISIT_KINDS), "visitor_count": 2,
                                             "conduct": "Visit passed calmly."},
                                   prisoner_id=rng.choice(ids), day=day.isoformat(), shift_id=shift_id)
        if rng.random() < 0.25:
            self.clock.set(_at(day, hour + 5))
            officer.logs.add_entry("SEARCH", {"search_kind": "CELL", "reason": "ROUTINE", "place": "B2 landing",
                                              "authorised_by": "Dragan Petrovski", "finds": "Nothing found."},
                                   day=day.isoformat(), shift_id=shift_id)
        if rng.random() < 0.15:
            self.clock.set(_at(day, hour + 5, 30))
            officer.logs.add_entry("INCIDENT", {"incident_type": "FIGHT",
                                                "description": "Two prisoners pushed each other in the queue for "
                                                               "lunch; separated at once, no injuries.",
                                                "action_taken": "Both spoken to; healthcare check offered."},
                                   prisoner_id=rng.choice(ids), day=day.isoformat(), shift_id=shift_id)

    def _observations(self, officer: Any, day: Any, hour: int, ids: list[str]) -> None:
        facts, assessments = self.phrases["observation_facts"], self.phrases["assessments"]
        for n in range(self.rng.randint(2, 4)):
            category = self.rng.choice(list(facts))
            self.clock.set(_at(day, hour + 1 + n, 15))
            officer.observations.record(self.rng.choice(ids), category, POLARITY.get(category, "CONCERN"),
                                        self.rng.choice(facts[category]),
                                        officer_assessment=self.rng.choice(assessments), where="B wing landing")

    def _urgent_observation(self, ids: list[str], today: Any) -> None:
        """A threat to life this morning: supervisor and security find it in their inbox (scenario for issue 14)."""
        self.clock.set(_at(today, 9, 40))
        self._session(account(Role.OFFICER)).observations.record(
            ids[3 % len(ids)], "CONFLICT_INTIMIDATION", "CONCERN",
            'Told his cellmate at breakfast: "you will not see the morning". Heard at the cell door.',
            where="B2 landing", who_present="Cellmate", urgent=True)

    def _bulk_observations(self, ids: list[str], total: int) -> None:
        officer = self._session(account(Role.OFFICER))
        self.clock.set(None)
        facts = self.phrases["observation_facts"]
        categories = list(facts)
        now = datetime.now(UTC).replace(microsecond=0)
        batch = 5000
        for start in range(0, total, batch):
            with officer.batch():
                for n in range(start, min(total, start + batch)):
                    category = categories[n % len(categories)]
                    officer.observations.record(ids[n % len(ids)], category, POLARITY.get(category, "CONCERN"),
                                                facts[category][n % len(facts[category])],
                                                occurred_at=now - timedelta(minutes=n * 2 + 1))
            self.progress("observations", min(total, start + batch), total)


def build_demo(backend: Any, clock: DemoClock, size: str = "normal", progress: Progress | None = None) -> None:
    DemoBuilder(backend, clock, progress=progress).build(size)
