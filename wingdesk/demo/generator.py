"""Build the demo wing through the services: accounts, roster, two weeks of logs, observations, plans, notes."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from typing import Any

from wingdesk.config.package_data import shipped_instruments, shipped_modules
from wingdesk.demo.accounts import DEMO_ACCOUNTS, DEMO_PRISON, DEMO_WING, DemoAccount, account
from wingdesk.demo.agencies import add_agencies
from wingdesk.demo.assessments import add_assessments
from wingdesk.demo.clock import DemoClock
from wingdesk.demo.incidents import add_incidents
from wingdesk.demo.intelligence import add_intelligence
from wingdesk.demo.phrases import load_phrases
from wingdesk.demo.retention import add_former_prisoners
from wingdesk.demo.roster import make_people
from wingdesk.demo.story import POLARITY, Story, choose_cast
from wingdesk.demo.transfers import add_transfer_peers
from wingdesk.demo.vetted_people import add_vetted_people
from wingdesk.domain import codes
from wingdesk.domain.roles import Role
from wingdesk.i18n import current_language

Progress = Callable[[str, int, int], None]
SIZES = {"normal": (40, 14), "large": (2000, 14)}

# the demo phrase files list their contact summaries in the same order in every language: the family visits are
# the first and the sixth, the probation meeting the second
_FAMILY_SUMMARIES = (0, 5)
_PROBATION_SUMMARY = 1


def _at(day: Any, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute)).astimezone(UTC)


class DemoBuilder:
    def __init__(self, backend: Any, clock: DemoClock, seed: int = 2026, progress: Progress | None = None,
                 language: str = "en") -> None:
        self.backend, self.clock = backend, clock
        self.rng = random.Random(seed)
        self.phrases = load_phrases(language)
        self.men: list[str] = []  # prisoner ids the texts written with "he" may be about
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
        adm.instruments.install_shipped(shipped_instruments())  # the open assessment instruments (issue 15)
        adm.modules.install_shipped(shipped_modules())  # the training modules written for WingDesk (issue 18)
        for i, acc in enumerate(a for a in DEMO_ACCOUNTS if a.role is not Role.ADMIN):
            adm.users.add_user(acc.username, acc.display_name, acc.role, acc.passphrase, acc.discipline)
            self.progress("accounts", i + 1, len(DEMO_ACCOUNTS))
        try:
            ids = self._roster(prisoners_count, today)
            cast = choose_cast(self.men)
            self._alerts([i for i in ids if i not in cast.all()])
            self._treatment([*self.men[: max(12, len(ids) // 4)], cast.low_mood], start)
            add_assessments(self, [i for i in ids if i not in cast.all()])  # issue 15: assessed over time
            for name in ("officer", "supervisor", "security", "psychologist"):
                self._session(next(a for a in DEMO_ACCOUNTS if a.username == name))
            story = Story(self.phrases, cast, self.sessions, self.clock, _at)
            for n in range(days):
                self._day(start + timedelta(days=n), ids, last=(n == days - 1), index=n, story=story)
                self.progress("days", n + 1, days)
            self._out_of_wing(today, ids)
            add_incidents(self, ids)  # incidents and uses of force (issue 14 item 5)
            add_intelligence(self, ids)  # graded, weak and held intelligence (issue 16)
            add_agencies(self)  # handover agencies HQ would send (issue 19 item 2)
            add_vetted_people(self, today)  # vetted counsellors, volunteers, NGO workers HQ would send (issue 17)
            add_transfer_peers(self)  # other prisons' PCs HQ would list (issue 19 item 1)
            add_former_prisoners(self, today)  # released and transferred long ago: the retention queue (issue 19)
            if size == "large":
                self._bulk_observations(ids, 200_000)
        finally:
            self.close()

    def _roster(self, count: int, today: Any) -> list[str]:
        sup = self._session(account(Role.SUPERVISOR))
        ids = []
        with sup.batch():
            for i, p in enumerate(make_people(count, self.rng, today)):
                ids.append(pid := sup.prisoners.admit(p.number, p.given, p.family, p.sex, p.legal_status,
                                               name_cyrillic=p.cyrillic, date_of_birth=p.dob,
                                               first_time=p.first_time, cell=p.cell, admission_date=p.admission,
                                               expected_release=p.release).id)
                if p.sex == "M":
                    self.men.append(pid)
                if i % 200 == 0:
                    self.progress("prisoners", i, count)
        return ids

    def _alerts(self, ids: list[str]) -> None:
        sec = self._session(account(Role.SECURITY))
        sup = self._session(account(Role.SUPERVISOR))
        start, today = self.clock.today(), datetime.now().date()
        texts, steps = self.phrases["alerts"], self.phrases["alert_steps"]
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
        sup.alerts.review_alert(raised[0].id, steps["review"], (today + timedelta(days=3)).isoformat())
        sec.alerts.end_alert(raised[1].id, steps["end"])

    def _treatment(self, ids: list[str], start: Any) -> None:
        psy = self._session(account(Role.TREATMENT))  # holds the clinical key and grants it to colleagues
        gov = self._session(account(Role.GOVERNOR))
        sw = self._session(next(a for a in DEMO_ACCOUNTS if a.discipline == "SW"))
        rel = self._session(next(a for a in DEMO_ACCOUNTS if a.discipline == "REL"))
        goals, notes = self.phrases["goals"], self.phrases["progress_notes"]
        contacts, plan_text, words = self.phrases["contact_summaries"], self.phrases["plan"], self.phrases["treatment"]
        for i, pid in enumerate(ids):
            areas = self.rng.sample(codes.NEED_AREAS[:9], 3)
            plan = psy.treatment.create_plan(pid, {
                "reason_for_plan": plan_text["reason"],
                "prisoner_goals_own_words": goals[i % len(goals)],
                "motivation_notes": plan_text["motivation"],
                "agreement_status": "AGREED" if i % 4 else "DRAFT",
                "first_review_date": (start + timedelta(days=10 + 7 * (i % 12))).isoformat(),
                "needs": [{"area": a, "goal_text": plan_text["need_goals"][a], "status": "OPEN"}
                          for a in areas],
                "steps": [{"step_type": "EDUCATION", "description": plan_text["step_education"],
                           "responsible_person": plan_text["education_unit"], "status": "IN_PROGRESS"},
                          {"step_type": "FAMILY_CONTACT", "description": plan_text["step_family"],
                           "responsible_person": "Vesna Kovač", "responsible_role": plan_text["social_worker"],
                           "status": "PLANNED"}]})
            if i % 4:  # plans start as drafts; someone who did not write it agrees it (separation of duties)
                gov.treatment.agree_plan(plan.id)
            self.clock.set(_at(start + timedelta(days=i % 10), 11))
            psy.treatment.add_note(pid, notes[i % len(notes)], linked_goal=areas[0])
            sw.treatment.add_note(pid, notes[(i + 7) % len(notes)])
            if i % 3 == 0:
                rel.treatment.add_note(pid, words["pastoral_note"])
            family_visit = contacts[_FAMILY_SUMMARIES[i % len(_FAMILY_SUMMARIES)]]  # a family contact says so
            sw.contacts.log_contact(pid, "FAMILY", words["family_member"], "VISIT", family_visit,
                                    relationship=words["parent"], vetting_status="NOT_REQUIRED", consent_to_share=True)
            if i % 4 == 1:
                sw.contacts.log_contact(pid, "PROBATION", words["probation_officer"], "MEETING",
                                        contacts[_PROBATION_SUMMARY], organisation=words["probation_service"],
                                        vetting_status="VETTED")

    def _day(self, day: Any, ids: list[str], last: bool, index: int, story: Story) -> None:
        early, late = account(Role.OFFICER), next(a for a in DEMO_ACCOUNTS if a.username == "officer2")
        sup = self._session(account(Role.SUPERVISOR))
        roll, words = len(ids), self.phrases["log"]
        for acc, shift, hour in ((early, "EARLY", 7), (late, "LATE", 14)):
            officer = self._session(acc)
            self.clock.set(_at(day, hour))
            started = officer.logs.start_shift(shift, day.isoformat())
            outgoing = words["night_officer"] if shift == "EARLY" else early.display_name
            officer.logs.accept_handover(started.id, outgoing, roll, open_issues=words["no_open_issues"])
            self._entries(officer, day, hour, ids, started.id)
            self._observations(officer, day, hour, [i for i in ids if i not in story.cast.all()])
            if shift == "EARLY":
                story.play(index, day)
        if last:
            return
        self.clock.set(_at(day, 21))
        self._session(late).logs.submit_day(day.isoformat())
        self.clock.set(_at(day + timedelta(days=1), 9))
        if index < 10:
            sup.logs.countersign(day.isoformat())
        elif index == 11:
            entry = sup.logs.day(day.isoformat()).entries[2]
            sup.logs.return_entry(day.isoformat(), entry.id, self.phrases["log"]["return_reason"])

    def _entries(self, officer: Any, day: Any, hour: int, ids: list[str], shift_id: str) -> None:
        rng, texts, words = self.rng, self.phrases["log_general"], self.phrases["log"]
        roll = len(ids)
        self.clock.set(_at(day, hour, 30))
        counted = roll - (1 if rng.random() < 0.1 else 0)
        officer.logs.add_entry("ROLL_COUNT", {"roll_kind": "FORMAL", "expected": roll, "counted": counted,
                                              "resolution": words["roll_resolution"]
                                              if counted != roll else ""},
                               day=day.isoformat(), shift_id=shift_id)
        self.clock.set(_at(day, hour + 1))
        pid, place = rng.choice(ids), rng.choice(codes.MOVEMENT_INTERNAL)
        officer.logs.add_entry("MOVEMENT", {"destination": place, "direction": "OUT", "escort": words["escort"]},
                               prisoner_id=pid, day=day.isoformat(), shift_id=shift_id)
        self.clock.set(_at(day, hour + 2))
        officer.logs.add_entry("MOVEMENT", {"destination": place, "direction": "IN"}, prisoner_id=pid,
                               day=day.isoformat(), shift_id=shift_id)
        self.clock.set(_at(day, hour + 3))
        officer.logs.add_entry("GENERAL", {"text": rng.choice(texts)}, day=day.isoformat(), shift_id=shift_id)
        if rng.random() < 0.5:
            self.clock.set(_at(day, hour + 4))
            officer.logs.add_entry("VISIT", {"visit_kind": rng.choice(codes.VISIT_KINDS), "visitor_count": 2,
                                             "conduct": words["visit_conduct"]},
                                   prisoner_id=rng.choice(ids), day=day.isoformat(), shift_id=shift_id)
        if rng.random() < 0.25:
            self.clock.set(_at(day, hour + 5))
            officer.logs.add_entry("SEARCH", {"search_kind": "CELL", "reason": "ROUTINE",
                                              "place": words["search_place"], "authorised_by": "Dragan Petrovski",
                                              "finds": words["search_finds"]},
                                   day=day.isoformat(), shift_id=shift_id)
        if rng.random() < 0.15:
            self.clock.set(_at(day, hour + 5, 30))
            officer.logs.add_entry("INCIDENT", {"incident_type": "FIGHT",
                                                "description": words["fight"],
                                                "action_taken": words["fight_action"]},
                                   prisoner_id=rng.choice(ids), day=day.isoformat(), shift_id=shift_id)

    def _out_of_wing(self, today: Any, ids: list[str]) -> None:
        """Today: one prisoner overdue back from court, one at hospital, and a roll count still short by one."""
        officer = self._session(account(Role.OFFICER))
        now = datetime.now(UTC).replace(microsecond=0)
        for pid, place, out, back in ((ids[3], "COURT", 4, -1), (ids[5], "HOSPITAL", 2, 3)):
            self.clock.set(now - timedelta(hours=out))
            officer.logs.add_entry("MOVEMENT", {"destination": place, "direction": "OUT",
                                                "escort": self.phrases["log"]["escort"],
                                                "expected_back": (now + timedelta(hours=back)).isoformat()},
                                   prisoner_id=pid, day=today.isoformat())
        self.clock.set(now - timedelta(minutes=20))
        figures = officer.movements.roll()
        officer.logs.add_entry("ROLL_COUNT", {"roll_kind": "INFORMAL", "counted": figures.expected - 1},
                               day=today.isoformat())

    def _observations(self, officer: Any, day: Any, hour: int, ids: list[str]) -> None:
        facts, men = self.phrases["observation_facts"], set(self.men)
        for n in range(self.rng.randint(2, 4)):
            category = self.rng.choice(list(facts))
            item = self.rng.choice(facts[category])
            about = [i for i in ids if i in men] if item.get("sex") == "M" else ids
            self.clock.set(_at(day, hour + 1 + n, 15))
            officer.observations.record(self.rng.choice(about), category, POLARITY.get(category, "CONCERN"),
                                        item["fact"], officer_assessment=item["assessment"],
                                        where=self.phrases["log"]["where"])

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
                                                facts[category][n % len(facts[category])]["fact"],
                                                occurred_at=now - timedelta(minutes=n * 2 + 1))
            self.progress("observations", min(total, start + batch), total)


def build_demo(backend: Any, clock: DemoClock, size: str = "normal", progress: Progress | None = None,
               language: str | None = None) -> None:
    """The demo wing's texts are in `language` (default: the language the program speaks now)."""
    DemoBuilder(backend, clock, progress=progress, language=language or current_language()).build(size)
