"""Audit viewer benchmark: the viewer's queries (first page and count, per filter, and a deep page) on a large
encrypted audit log, with the indexes of migration 0016 and, in the same run, on a copy without them.

The log is synthetic: `--entries` rows (default 500,000) from 12 people and 40 actions over 120 days, the shape of
a busy wing's year. Prints p50/p95 per query in ms and the ratio without / with the indexes.

    python benchmarks/audit_viewer.py [--entries 500000] [--repeats 15]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import sqlcipher3

from wingdesk.services.audit_view import AuditFilter
from wingdesk.storage.audit_repo import AuditRepo
from wingdesk.storage.database import Database
from wingdesk.storage.migrations import __path__ as migrations_path

PAGE = 200
START = datetime(2026, 1, 1, tzinfo=UTC)


def _open(path: Path, with_indexes: bool) -> Database:
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA key = \"x'" + "11" * 32 + "'\"")
    for pragma in ("journal_mode = WAL", "synchronous = NORMAL", "cache_size = -32000"):
        conn.execute(f"PRAGMA {pragma}")
    initial = (Path(migrations_path[0]) / "0001_initial.sql").read_text("utf-8")
    table = initial[initial.index("CREATE TABLE audit ("):]
    conn.execute(table[:table.index(");") + 2])
    if with_indexes:
        conn.executescript((Path(migrations_path[0]) / "0016_audit_viewer_indexes.sql").read_text("utf-8"))
    return Database(conn, path)


def _fill(db: Database, entries: int, seed: int = 7) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    people = [f"0193{i:04d}-0000-7000-8000-{i:012d}" for i in range(12)]
    actions = ["login", "logout", "create", "revise", "read_sensitive", "print", "day_submit", "day_countersign"]
    actions += [f"action_{i}" for i in range(40 - len(actions))]
    weights = [30, 30, 20, 5, 3, 2, 1, 1] + [0.1] * (len(actions) - 8)
    step = 120 * 86400 / entries
    assert db.conn is not None
    db.conn.execute("BEGIN")
    rows = []
    for seq in range(1, entries + 1):
        at = (START + timedelta(seconds=seq * step)).strftime("%Y-%m-%dT%H:%M:%SZ")
        rows.append((seq, at, rng.choice(people), rng.choices(actions, weights)[0], f"observation:{seq}:1",
                     "", "0" * 64, "0" * 64))
        if len(rows) == 10_000:
            db.conn.executemany("INSERT INTO audit (seq, time, actor, action, object, content_hash, prev_hash, "
                                "entry_hash) VALUES (?,?,?,?,?,?,?,?)", rows)
            rows.clear()
    if rows:
        db.conn.executemany("INSERT INTO audit (seq, time, actor, action, object, content_hash, prev_hash, "
                            "entry_hash) VALUES (?,?,?,?,?,?,?,?)", rows)
    db.conn.execute("COMMIT")
    return people, actions


def _times(fn: Callable[[], object], repeats: int) -> list[float]:
    fn()
    found = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        found.append((time.perf_counter() - start) * 1000)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=500_000)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="wingdesk-audit-bench-"))
    repos = {}
    for name, indexed in (("indexed", True), ("plain", False)):
        db = _open(folder / f"{name}.db", indexed)
        people, actions = _fill(db, args.entries)
        repos[name] = AuditRepo(db)
    day = date(2026, 3, 15)
    filters = {
        "everything": AuditFilter(),
        "one person": AuditFilter(actor=people[3]),
        "one rare action": AuditFilter(action=actions[-1]),
        "one day": AuditFilter(date_from=day, date_to=day),
        "person+action+week": AuditFilter(people[3], "create", day, day + timedelta(days=6)),
    }
    print(f"audit viewer on {args.entries:,} entries (SQLCipher), {args.repeats} runs each; ms p50 / p95")
    print(f"{'query':34} {'with 0016':>17} {'without':>17} {'ratio p50':>9}")
    for label, where in filters.items():
        since, until = where.bounds()
        for what, call in (("first page", lambda r, w=where, s=since, u=until: r.audit_search(
                               w.actor, w.action, s, u, 0, PAGE)),
                           ("count", lambda r, w=where, s=since, u=until: r.audit_search_count(
                               w.actor, w.action, s, u))):
            row = {}
            for name, repo in repos.items():
                got = _times(lambda c=call, rp=repo: c(rp), args.repeats)
                row[name] = (statistics.median(got), statistics.quantiles(got, n=20)[18])
            ratio = row["plain"][0] / row["indexed"][0] if row["indexed"][0] else float("inf")
            print(f"{label + ' · ' + what:34} {row['indexed'][0]:8.2f} /{row['indexed'][1]:7.2f} "
                  f"{row['plain'][0]:8.2f} /{row['plain'][1]:7.2f} {ratio:8.1f}x")
    deep = {name: _times(lambda rp=repo: rp.audit_search(people[3], None, None, None, 20_000, PAGE), args.repeats)
            for name, repo in repos.items()}
    print(f"{'one person · page at offset 20,000':34} {statistics.median(deep['indexed']):8.2f} "
          f"{'':8} {statistics.median(deep['plain']):8.2f}")
    actions_ms = {name: statistics.median(_times(repo.audit_actions, args.repeats)) for name, repo in repos.items()}
    print(f"{'distinct actions (filter list)':34} {actions_ms['indexed']:8.2f} {'':8} {actions_ms['plain']:8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
