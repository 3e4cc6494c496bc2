"""Inbox and alert benchmark on a large demo wing (2,000 prisoners; observations set by --observations).

Figures, each with a baseline measured in the same run:
- urgent observations of the last 14 days through the partial index `records_urgent_observations` (what the inbox
  asks every 30 s) against the planner's own choice (the kind/time index, every recent observation's JSON read)
  and against listing recent observation heads and filtering in Python;
- a supervisor's whole inbox (`services.inbox.items`: every source, acknowledgements dropped);
- the prisoner list page with its date-aware active-alert column (lapsed alerts left out) against the same page
  with the status-only column used before.

    python benchmarks/inbox.py [--observations 50000] [--repeats 200]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from benchmarks.storage import build
from wingdesk.demo.accounts import account
from wingdesk.domain.people import PrisonerFilter
from wingdesk.domain.queries import RecordQuery
from wingdesk.domain.records import iso, utc_now
from wingdesk.domain.roles import Role
from wingdesk.storage import prisoners_repo
from wingdesk.storage.backend import LocalWing
from wingdesk.storage.records_repo import _COLS, _record


def timed(fn, repeats: int) -> tuple[float, float]:
    fn()
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs), statistics.quantiles(runs, n=20)[-1]


def line(name: str, figure: tuple[float, float], baseline: tuple[float, float] | None = None) -> None:
    text = f"{name:<58} p50 {figure[0]:8.2f} ms  p95 {figure[1]:8.2f} ms"
    if baseline:
        text += f"  ratio p50 {figure[0] / baseline[0]:6.3f}"
    print(text)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--observations", type=int, default=50_000)
    parser.add_argument("--repeats", type=int, default=200)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp()) / "wing"
    print(f"building: {build(folder, args.observations):.0f} s")
    sup = account(Role.SUPERVISOR)
    session = LocalWing(folder).sign_in(sup.username, sup.passphrase)
    repo = session.ctx.repo
    pid = repo.list_prisoners(PrisonerFilter(), date.today(), 0, 1)[0].id
    for n in range(5):  # a few urgent ones among the bulk
        session.observations.record(pid, "CONFLICT_INTIMIDATION", "CONCERN", f"Threat heard ({n}).", urgent=True)
    since = iso(utc_now() - timedelta(days=14))
    recent = repo.count_records(RecordQuery(kinds=("observation",), since=since, limit=10**9))
    print(f"observations in the last 14 days: {recent}; urgent: {len(repo.urgent_observations(since))}")

    unforced = (f"SELECT {_COLS} FROM records r JOIN record_heads h ON h.seq = r.seq WHERE r.kind = 'observation' "
                "AND json_extract(r.body, '$.urgent') = 1 AND r.occurred_at >= ? ORDER BY r.occurred_at DESC "
                "LIMIT 500")
    indexed = timed(lambda: repo.urgent_observations(since), args.repeats)
    planner = timed(lambda: [_record(r) for r in repo.query(unforced, (since,))], args.repeats)
    python = timed(lambda: [r for r in repo.list_records(RecordQuery(kinds=("observation",), since=since,
                                                                      limit=10**9)) if r.body.get("urgent")],
                   max(5, args.repeats // 20))
    line("urgent observations: planner's kind/time index (baseline)", planner)
    line("urgent observations: partial index", indexed, planner)
    line("urgent observations: list heads, filter in Python", python, planner)
    line("supervisor's inbox (all sources)", timed(session.inbox.items, max(20, args.repeats // 5)))

    today = date.today()
    with_dates = timed(lambda: repo.list_prisoners(PrisonerFilter(), today, 0, 200), args.repeats)
    dated, dated_sql = prisoners_repo._ACTIVE_ALERTS, prisoners_repo._ALERTS
    status_only = dated.split(" AND json_extract")[0]
    prisoners_repo._ACTIVE_ALERTS = status_only
    prisoners_repo._ALERTS = f"(SELECT group_concat(DISTINCT r.subtype) {status_only})"
    original = repo.query

    def without_dates(sql, params=()):  # the two date parameters of the dated column are gone
        return original(sql, params[2:] if "LIMIT ? OFFSET ?" in sql else params)

    repo.query = without_dates
    before = timed(lambda: repo.list_prisoners(PrisonerFilter(), today, 0, 200), args.repeats)
    repo.query = original
    prisoners_repo._ACTIVE_ALERTS, prisoners_repo._ALERTS = dated, dated_sql
    line("prisoner list page of 200: status-only alerts (baseline)", before)
    line("prisoner list page of 200: lapsed alerts left out", with_dates, before)
    session.lock()


if __name__ == "__main__":
    main()
