"""Crash soak: SIGKILL a writing child at random points many times (default 1,000) and check nothing is lost.

    python benchmarks/crash_soak.py [--runs 1000]

Prints the number of reported commits, losses (must be 0), and the integrity checks' results.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.integration.test_crash import run_and_kill  # noqa: E402
from wingdesk.crypto.kdf import floor_params  # noqa: E402
from wingdesk.domain.roles import Role  # noqa: E402
from wingdesk.storage.backend import LocalWing  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=1000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="wd-soak-")) / "wing"
    wing = LocalWing(folder, kdf=floor_params())
    wing.create("Soak", "Soak Prison", "admin", "Soak Admin", "soak admin passphrase")
    admin = wing.sign_in("admin", "soak admin passphrase")
    admin.users.add_user("off", "Soak Officer", Role.OFFICER, "soak officer passphrase")
    admin.users.add_user("sup", "Soak Supervisor", Role.SUPERVISOR, "soak supervisor passphrase")
    admin.lock()
    sup = wing.sign_in("sup", "soak supervisor passphrase")
    sup.prisoners.admit("S-1", "Test", "Prisoner", "M", "REMAND")
    sup.lock()
    rng, reported, lost, start = random.Random(2026), [], 0, time.perf_counter()
    for run in range(1, args.runs + 1):
        reported += run_and_kill(["burst", str(folder), "off", "soak officer passphrase"], rng)
        session = wing.sign_in("sup", "soak supervisor passphrase")
        conn = session.ctx.repo.conn
        stored = {r[0] for r in conn.execute("SELECT id FROM records")}
        lost = sum(1 for rid in reported if rid not in stored)
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        cipher = conn.execute("PRAGMA cipher_integrity_check").fetchall()
        session.lock()
        if lost or integrity != "ok" or cipher:
            print(f"run {run}: LOST {lost}, integrity {integrity}, cipher {cipher}")
            return 1
        if run % 50 == 0:
            print(f"{run} kills, {len(reported)} reported commits, 0 lost ({time.perf_counter() - start:.0f} s)")
    gov_ok = LocalWing(folder, kdf=floor_params()).sign_in("admin", "soak admin passphrase")
    chain = gov_ok.audit.verify_chain()
    gov_ok.lock()
    print(f"done: {args.runs} kills, {len(reported)} reported commits, 0 lost; integrity ok; "
          f"audit chain {'intact' if chain.intact else 'BROKEN'} ({chain.count} entries)")
    return 0 if chain.intact else 1


if __name__ == "__main__":
    sys.exit(main())
