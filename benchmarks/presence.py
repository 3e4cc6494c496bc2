"""Where prisoners are: what the roster and the home page pay for it, measured against a baseline in the same run.

Builds a wing of 2,000 prisoners (admitted through the service), sends 300 of them out (MOVEMENT OUT entries, half
of them overdue) and records 60 roll counts with a discrepancy, then times, alternating with the baseline:

- a roster page of 200 with each prisoner's whereabouts (two subqueries on the open-movement index) against the
  same page without them (the query before migration 0013);
- the home page's roll figures, list of those out and open discrepancies;
- saving a MOVEMENT entry (with its checks and the movement row) against saving a GENERAL entry.

    python benchmarks/presence.py [--prisoners 2000] [--out 300] [--repeats 50]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from wingdesk.crypto.kdf import floor_params
from wingdesk.demo.clock import DemoClock
from wingdesk.domain.people import PrisonerFilter
from wingdesk.domain.records import iso
from wingdesk.domain.roles import Role
from wingdesk.storage import prisoners_repo
from wingdesk.storage.backend import LocalWing


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[18] * 1000 if len(samples) >= 20 else max(samples) * 1000


def _time(fn, repeats: int) -> list[float]:
    fn()
    found = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        found.append(time.perf_counter() - start)
    return found


def build(folder: Path, prisoners: int, out: int) -> tuple[LocalWing, DemoClock]:
    clock = DemoClock()
    wing = LocalWing(folder, kdf=floor_params(), clock=clock)
    clock.set(datetime.now(UTC) - timedelta(hours=8))
    wing.create("B-Wing", "Bench Prison", "admin", "Ada Admin", "admin passphrase for the bench")
    admin = wing.sign_in("admin", "admin passphrase for the bench")
    admin.users.add_user("sup", "Sara Supervisor", Role.SUPERVISOR, "supervisor passphrase bench")
    admin.users.add_user("off", "Omar Officer", Role.OFFICER, "officer passphrase for bench")
    admin.lock()
    sup = wing.sign_in("sup", "supervisor passphrase bench")
    with sup.batch():
        ids = [sup.prisoners.admit(f"B-{i:05d}", f"Given{i}", f"Family{i}", "MF"[i % 2], "REMAND",
                                   date_of_birth="1990-01-01", cell=f"C{i % 400:03d}").id for i in range(prisoners)]
    sup.lock()
    off = wing.sign_in("off", "officer passphrase for bench")
    now = datetime.now(UTC).replace(microsecond=0)
    with off.batch():
        for n, pid in enumerate(ids[:out]):
            back = now - timedelta(hours=1) if n % 2 else now + timedelta(hours=3)
            off.logs.add_entry("MOVEMENT", {"destination": "COURT", "direction": "OUT",
                                            "expected_back": iso(back)}, prisoner_id=pid)
        for _ in range(60):
            off.logs.add_entry("ROLL_COUNT", {"roll_kind": "INFORMAL", "counted": prisoners - out - 1})
    off.lock()
    clock.set(None)
    return wing, clock


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prisoners", type=int, default=2000)
    parser.add_argument("--out", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        wing, _clock = build(Path(tmp) / "wing", args.prisoners, args.out)
        print(f"built {args.prisoners} prisoners, {args.out} out, in {time.perf_counter() - started:.1f} s")
        off = wing.sign_in("off", "officer passphrase for bench")
        page = lambda: off.prisoners.page(PrisonerFilter(), 0, 200)  # noqa: E731
        with_out, without = [], []
        real = prisoners_repo._OUT
        for _ in range(args.repeats):  # alternate, so both see the same load
            prisoners_repo._OUT = real
            with_out += _time(page, 1)
            prisoners_repo._OUT = "NULL"
            without += _time(page, 1)
        prisoners_repo._OUT = real
        assert sum(1 for p in page() if p.location) > 0  # noqa: S101 - the page measured does carry whereabouts
        rows = [("roster page of 200 with whereabouts", with_out, without)]
        rows.append(("home: roll figures", _time(off.movements.roll, args.repeats), None))
        rows.append(("home: everyone out (with overdue)", _time(off.movements.out_now, args.repeats), None))
        rows.append(("home: open roll discrepancies", _time(off.movements.open_discrepancies, args.repeats), None))
        move_ids = [p.id for p in off.prisoners.page(PrisonerFilter(), 0, 1000) if not p.location]
        moves, generals = [], []
        for pid in move_ids[: args.repeats]:
            start = time.perf_counter()
            off.logs.add_entry("MOVEMENT", {"destination": "WORK", "direction": "OUT"}, prisoner_id=pid)
            moves.append(time.perf_counter() - start)
            start = time.perf_counter()
            off.logs.add_entry("GENERAL", {"text": "Routine check of the landing."})
            generals.append(time.perf_counter() - start)
        rows.append(("save a MOVEMENT OUT entry", moves, generals))
        off.lock()
    print(f"{'measure':40} {'median ms':>10} {'p95 ms':>8} {'baseline ms':>12} {'ratio':>6}")
    for name, samples, base in rows:
        median = statistics.median(samples) * 1000
        line = f"{name:40} {median:10.2f} {_p95(samples):8.2f}"
        if base:
            base_median = statistics.median(base) * 1000
            line += f" {base_median:12.2f} {median / base_median:6.2f}"
        print(line)
    print("baselines: the roster page without the whereabouts subqueries; a GENERAL entry saved in the same loop")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
