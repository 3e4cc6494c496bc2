"""Incidents and use of force at a year's volume (issue 14 item 5): how long the governor's daily summary, a report
with its statements, an officer's "statements I still owe" and "the incident this search raised" take to read,
against reading one day of the wing log (the day page) on the same wing, in the same run.

    python benchmarks/incidents.py [--days 365] [--repeats 7]

Each day gets one incident (sent for review), one use-of-force report naming both officers with both statements,
completed by the supervisor on even days, a search with a find (raising a draft), and a roll count and two movements.
Medians in ms.

Measured 2026-12-07 on the shared 2-vCPU VM (other engineers' jobs running), 365 days: 730 incidents (365 raised by
searches), 365 use-of-force reports, 548 statements, ~5,300 record versions; built in 50 s:
  wing log day (baseline) 0.5 ms; daily summary 6.6 ms (x13); report with statements 0.3 ms (x0.5);
  statements I still owe 26.8 ms (x53: reads the last 1,000 reports); incident of a search 0.2 ms (x0.3).
Before the reads were narrowed by index (same run length): summary 43 ms, report 78 ms, owed 97 ms, search 125 ms —
each had scanned every statement or incident of the year.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

from wingdesk.crypto.kdf import floor_params
from wingdesk.demo.clock import DemoClock
from wingdesk.domain.roles import Role
from wingdesk.storage.backend import LocalWing

PASSWORDS = {"off1": "officer one benchmark pass", "off2": "officer two benchmark pass",
             "sup": "supervisor benchmark pass", "gov": "governor benchmark pass"}


def timed(fn: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, clock_time(hour)).astimezone(UTC)


def build(folder: Path, days: int) -> tuple[LocalWing, date]:
    clock = DemoClock()
    wing = LocalWing(folder, kdf=floor_params(), clock=clock)
    wing.create("B-Wing", "Benchmark Prison", "admin", "Ada Admin", "admin benchmark passphrase")
    admin = wing.sign_in("admin", "admin benchmark passphrase")
    roles = {"off1": Role.OFFICER, "off2": Role.OFFICER, "sup": Role.SUPERVISOR, "gov": Role.GOVERNOR}
    for name, role in roles.items():
        admin.users.add_user(name, f"{name.title()} Person", role, PASSWORDS[name])
    admin.lock()
    s = {name: wing.sign_in(name, PASSWORDS[name]) for name in ("off1", "off2", "sup")}
    ids = [s["sup"].prisoners.admit(f"B-{i:03d}", f"Given{i}", f"Family{i}", "M", "CONVICTED").id for i in range(40)]
    start = date.today() - timedelta(days=days)
    both = [{"user_id": s["off1"].user.id, "role": "ACTIVELY_INVOLVED"},
            {"user_id": s["off2"].user.id, "role": "ACTIVELY_INVOLVED"}]
    for n in range(days):
        day = start + timedelta(days=n)
        clock.set(_at(day, 9))
        pid = ids[n % len(ids)]
        off1, off2, sup = s["off1"], s["off2"], s["sup"]
        off1.logs.add_entry("ROLL_COUNT", {"roll_kind": "FORMAL", "expected": 40, "counted": 40 - n % 2},
                            day=day.isoformat())
        for direction in ("OUT", "IN"):
            off1.logs.add_entry("MOVEMENT", {"destination": "COURT", "direction": direction}, prisoner_id=pid,
                                day=day.isoformat())
        off1.logs.add_entry("SEARCH", {"search_kind": "CELL", "reason": "ROUTINE", "authorised_by": "SO",
                                       "finds": f"Phone number {n}", "find_type": "MOBILE_PHONE"},
                            prisoner_id=pid, day=day.isoformat())
        incident = off1.incidents.create({"incident_type": "FIGHT", "description": f"Fight {n}", "place": "Yard",
                                          "injuries": "None", "actions_taken": "Separated",
                                          "staff": both[:1]})
        off1.incidents.send_for_review(incident.id)
        clock.set(_at(day, 11))
        report = off1.use_of_force.report({
            "primary_reason": "FIGHT_BETWEEN_PRISONERS", "place": "Yard", "description": f"Separated {n}",
            "duration_minutes": 3, "techniques": ["GUIDING_HOLD"], "restraints": ["HANDCUFFS"],
            "prisoners": [{"prisoner_id": pid, "role": "FIGHTER"}], "staff": both})
        off1.use_of_force.add_statement(report.id, "ACTIVELY_INVOLVED", f"I held him ({n}).")
        if n % 2 == 0:
            off2.use_of_force.add_statement(report.id, "ACTIVELY_INVOLVED", f"I cuffed him ({n}).")
            clock.set(_at(day, 12))
            sup.use_of_force.complete(report.id, "Proportionate.")
    for session in s.values():
        session.lock()
    clock.set(None)
    return LocalWing(folder, kdf=floor_params()), start + timedelta(days=days // 2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        wing, day = build(Path(tmp) / "wing", args.days)
        print(f"built {args.days} days in {time.perf_counter() - started:.0f} s")
        gov, off2 = wing.sign_in("gov", PASSWORDS["gov"]), wing.sign_in("off2", PASSWORDS["off2"])
        report = gov.use_of_force.recent(limit=1)[0]
        search = next(e for e in gov.logs.day(day.isoformat()).entries if e.body["entry_type"] == "SEARCH")
        summary = gov.daily_summary.summary(day.isoformat())
        assert summary.uses_of_force and summary.incidents and len(summary.roll_discrepancies) <= 1  # noqa: S101
        base = timed(lambda: gov.logs.day(day.isoformat()), args.repeats)
        rows = [("wing log day (baseline)", base),
                ("daily summary", timed(lambda: gov.daily_summary.summary(day.isoformat()), args.repeats)),
                ("report with statements", timed(lambda: gov.use_of_force.view(report.id), args.repeats)),
                ("statements I still owe", timed(off2.use_of_force.awaiting_my_statement, args.repeats)),
                ("incident of a search", timed(lambda: gov.incidents.from_search(search.id), args.repeats))]
        for name, ms in rows:
            print(f"{name:26} {ms:8.1f} ms   x{ms / base:5.1f} of the baseline")
        gov.lock()
        off2.lock()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
