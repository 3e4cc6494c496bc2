"""Storage benchmark: SQLCipher next to plain SQLite with the same schema and data, built in the same run.

Builds the large demo wing (2,000 prisoners, 200,000 observations; smaller with --prisoners/--observations),
exports an unencrypted copy with sqlcipher_export, then times the hot queries on both and prints each figure
with the ratio encrypted / plain. Also prints unlock (Argon2id) and open (raw key) times.

    python benchmarks/storage.py [--observations 200000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import sqlcipher3

from wingdesk.demo import generator
from wingdesk.demo.clock import DemoClock
from wingdesk.domain.people import PrisonerFilter
from wingdesk.domain.queries import RecordQuery
from wingdesk.domain.records import Record, RecordKind, iso, new_id, utc_now
from wingdesk.storage.backend import LocalWing
from wingdesk.storage.database import Database, open_database
from wingdesk.storage.repository import SqlRepository

TARGETS = {"read": 1.25, "commit": 1.5, "timeline_p95_ms": 10.0}
ALL_KINDS = tuple(str(k) for k in RecordKind)


def build(folder: Path, observations: int) -> float:
    generator.SIZES["bench"] = (generator.SIZES["large"][0], 14)
    start = time.perf_counter()
    builder = generator.DemoBuilder(LocalWing(folder, clock=DemoClock()), DemoClock())
    builder.backend.clock = builder.clock
    original = builder._bulk_observations
    builder._bulk_observations = lambda ids, total: original(ids, observations)  # type: ignore[method-assign]
    builder.build("large")
    return time.perf_counter() - start


def plain_copy(db: Database, target: Path) -> Database:
    with db.lock:
        db.conn.execute(f"ATTACH DATABASE '{target}' AS plain KEY ''")
        db.conn.execute("SELECT sqlcipher_export('plain')")
        db.conn.execute("DETACH DATABASE plain")
    conn = sqlcipher3.connect(str(target), isolation_level=None, check_same_thread=False)
    for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON", "temp_store = MEMORY",
                   "cache_size = -32000", "secure_delete = ON"):
        conn.execute(f"PRAGMA {pragma}")
    return Database(conn, target)


def paired_timings(fn_plain, fn_enc, repeats: int) -> tuple[list[float], list[float]]:
    """Alternate plain and encrypted calls so both see the same machine load; warm each once first."""
    fn_plain()
    fn_enc()
    plain, enc = [], []
    for _ in range(repeats):
        for fn, out in ((fn_plain, plain), (fn_enc, enc)):
            start = time.perf_counter()
            fn()
            out.append((time.perf_counter() - start) * 1000)
    return plain, enc


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 20 else max(values)


def queries(repo: SqlRepository, prisoners: list[str], day: str) -> dict[str, tuple]:
    """name -> (callable, repeats) for one repository; the same calls run on both databases."""
    today = date.today()
    counter = iter(range(10**9))
    user = repo.list_users()[0]

    def timeline() -> None:
        pid = prisoners[(next(counter) * 7) % len(prisoners)]
        repo.list_records(RecordQuery(kinds=ALL_KINDS, prisoner_id=pid, limit=100))

    def commit() -> None:
        record = Record(new_id(), RecordKind.OBSERVATION, "B-Wing", prisoners[0], user.id, user.display_name,
                        "officer", iso(utc_now()), iso(utc_now()), {"category": "NEEDS_REQUEST", "text": "bench"})
        with repo.transaction():
            repo.insert_record(record, "NEEDS_REQUEST", "bench commit text")

    flt = PrisonerFilter(text="ov", first_time=True)
    return {
        "timeline (100 newest of one prisoner)": (timeline, 300),
        "one day's log": (lambda: repo.list_records(RecordQuery(kinds=("log_entry",), day=day, limit=1000,
                                                               ascending=True)), 100),
        "prisoner list page (sorted, 3rd page)": (
            lambda: repo.list_prisoners(PrisonerFilter(sort="name"), today, offset=400, limit=200), 100),
        "prisoner list filtered (text + flags)": (
            lambda: (repo.count_prisoners(flt, today), repo.list_prisoners(flt, today, 0, 200)), 100),
        "full-text search (100 hits)": (
            lambda: repo.search_records([("landing", "landing")],
                                        RecordQuery(kinds=("observation", "log_entry"), limit=100)),
            100),
        "single commit (fsync)": (commit, 60),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--observations", type=int, default=200_000)
    parser.add_argument("--keep", help="reuse/keep the built wing in this folder")
    args = parser.parse_args()
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="wd-bench-"))
    folder = base / "wing"
    from wingdesk.demo.accounts import account
    from wingdesk.domain.roles import Role

    if not LocalWing(folder).exists():
        print(f"building the large wing ({args.observations:,} bulk observations)...", flush=True)
        print(f"  build time: {build(folder, args.observations):.1f} s")
    sup = account(Role.SUPERVISOR)
    start = time.perf_counter()
    session = LocalWing(folder).sign_in(sup.username, sup.passphrase)
    unlock_ms = (time.perf_counter() - start) * 1000
    dek = bytearray(session.ctx.vault._secrets.dek)
    session.lock()
    opens = []
    for _ in range(20):
        start = time.perf_counter()
        db = open_database(folder / "wing.db", dek)
        db.conn.execute("SELECT count(*) FROM prisoners").fetchone()
        opens.append((time.perf_counter() - start) * 1000)
        db.close()
    enc = open_database(folder / "wing.db", dek)
    plain_path = base / "plain.db"
    plain_path.unlink(missing_ok=True)
    plain = plain_copy(enc, plain_path)
    repo_e, repo_p = SqlRepository(enc), SqlRepository(plain)
    prisoners = [p.id for p in repo_e.list_prisoners(PrisonerFilter(), date.today(), 0, 5000)]
    day = repo_e.recent_days("B-Wing", 3)[-1].day
    counts = repo_e.query_one("SELECT (SELECT count(*) FROM prisoners), (SELECT count(*) FROM records)")
    size_mb = (folder / "wing.db").stat().st_size / 1e6
    print(f"wing: {counts[0]:,} prisoners, {counts[1]:,} records; db {size_mb:.0f} MB")
    print(f"unlock (Argon2id slot + open): {unlock_ms:.0f} ms;  open with raw key: median "
          f"{statistics.median(opens):.1f} ms")
    for db in (enc, plain):
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # as on a wing PC that has been running a while
    plain_q, enc_q = queries(repo_p, prisoners, day), queries(repo_e, prisoners, day)
    results_p, results_e = {}, {}
    for name, (fn_plain, repeats) in plain_q.items():
        results_p[name], results_e[name] = paired_timings(fn_plain, enc_q[name][0], repeats)
    print(f"\n{'query':40} {'SQLite p50':>11} {'SQLCipher p50':>14} {'p95 enc':>8} {'ratio':>6} {'target':>7}")
    failed = []
    for name in results_e:
        pe, pp = statistics.median(results_e[name]), statistics.median(results_p[name])
        ratio = pe / pp if pp else float("inf")
        target = TARGETS["commit"] if "commit" in name else TARGETS["read"]
        ok = ratio <= target
        if name.startswith("timeline"):
            ok = ok and p95(results_e[name]) <= TARGETS["timeline_p95_ms"]
        failed += [] if ok else [name]
        print(f"{name:40} {pp:9.2f}ms {pe:12.2f}ms {p95(results_e[name]):7.2f} {ratio:6.2f} {'≤' + str(target):>7}"
              f" {'ok' if ok else 'MISS'}")
    print(f"\ntimeline p95 encrypted: {p95(results_e['timeline (100 newest of one prisoner)']):.2f} ms "
          f"(target ≤ {TARGETS['timeline_p95_ms']} ms)")
    print("all targets met" if not failed else f"targets missed: {', '.join(failed)}")
    enc.close()
    plain.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
