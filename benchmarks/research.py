"""What the research store costs HQ (issue 17 item 4): bundles of 770 record lines of the kinds it reads
(observations, plans, assessments, incidents, admissions) ingested with the derivation on and off (the baseline, in
the same run, on fresh stores), then the research export's rate to CSV and Parquet over the facts that made.

Three modes, each on a fresh store in the same run: no derivation (the baseline), derivation inside the write unit
("in the writer": how it was first built, kept here as the comparison), and derivation before the write unit (what
ingest does); on PostgreSQL a fourth, derivation before the write unit without the partial indexes its dashboard
reads (what they cost ingest). Besides the wall time of serial ingest it reports the single writer's busy time (the
write units, which every upload to a busy server queues for).

    .venv/bin/python benchmarks/research.py [--bundles 30] [--rounds 3] [--export-facts 1000000] [--pg URL]
                                            [--served WINGS]

With --served, WINGS wings upload at once (a thread each) and worker processes read the bundles, as the HTTPS
receiver does (hq.server.reading_in_workers): there the reader derives the facts (hq.contents).

Targets (issue 17): ingest stays >= 20k records/s with the derivation; export >= 200k rows/s.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.hq.conftest import Clock, Wing, enrol  # noqa: E402
from tests.hq.test_research import line  # noqa: E402
from wingdesk.hq import ingest as ingest_module  # noqa: E402
from wingdesk.hq.contents import ContentsPool  # noqa: E402
from wingdesk.hq.ingest import HqContext, ingest  # noqa: E402
from wingdesk.hq.keystore import HqKeys  # noqa: E402
from wingdesk.hq.research_derive import Fact  # noqa: E402
from wingdesk.hq.research_export import export, parquet_available  # noqa: E402
from wingdesk.hq.research_ingest import research_ask  # noqa: E402
from wingdesk.hq.schema import DASHBOARD  # noqa: E402
from wingdesk.hq.store import open_store  # noqa: E402
from wingdesk.sync import keys  # noqa: E402

ROWS = 770  # a 1 MB upload holds ~770 records (hq.contents)
TEXT = "Seen talking calmly with the new arrivals at association; no concerns raised by staff on the landing."


def _lines(prisoners: list[str], start: int) -> list[dict]:
    made = []
    for i in range(start, start + ROWS):
        who, month = prisoners[i % len(prisoners)], f"2026-{i % 12 + 1:02d}-03T09:00:00Z"
        pick = i % 5
        if pick == 0:
            body = {"category": "NEEDS_REQUEST", "polarity": "CONCERN", "what_seen_heard": TEXT,
                    "source_type": "DIRECT", "urgent": False}
            made.append(line("observation", body, who, occurred_at=month))
        elif pick == 1:
            body = {"reason_for_plan": TEXT, "prisoner_goals_own_words": TEXT, "status": "ACTIVE",
                    "agreement_status": "AGREED", "needs": [{"area": "FINANCE", "goal_text": TEXT}],
                    "steps": [{"step_type": "EDUCATION", "description": TEXT, "responsible_person": "Teacher",
                               "status": "COMPLETED"}]}
            made.append(line("plan", body, who, occurred_at=month))
        elif pick == 2:
            body = {"assessment_kind": "PERIODIC", "instrument_id": "wd.extremism_risk_spj", "instrument_version": 1,
                    "status": "COUNTERSIGNED", "level": "MODERATE", "formulation": TEXT,
                    "countersigned_on": month[:10],
                    "agreed": [{"part": "BELIEFS_ATTITUDES", "rating": "MODERATE", "rationale": TEXT}]}
            made.append(line("assessment", body, who, occurred_at=month))
        elif pick == 3:
            body = {"incident_type": "FIGHT", "status": "DRAFT", "description": TEXT,
                    "prisoners": [{"prisoner_id": who, "role": "FIGHTER"}]}
            made.append(line("incident", body, None, occurred_at=month))
        else:
            body = {"number": f"N-{i}", "family_name": "Family", "given_name": "Given", "sex": "M",
                    "legal_status": "CONVICTED", "date_of_birth": "1990-01-01", "admission_date": month[:10]}
            made.append(line("admission", body, who, occurred_at=month))
    return made


class _WriterClock:
    """Adds up the time the store's single writer spends in write units."""

    def __init__(self, store) -> None:  # type: ignore[no-untyped-def]
        self.busy, self._write = 0.0, store.write
        store.write = self.write

    def write(self, fn):  # type: ignore[no-untyped-def]
        def timed(repo):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            try:
                return fn(repo)
            finally:
                self.busy += time.perf_counter() - start
        return self._write(timed)


BASELINE, IN_WRITER, AHEAD = "baseline (no research)", "derived in the writer", "derived ahead (ingest)"
BARE = "derived ahead, no dashboard indexes"  # PostgreSQL: what its dashboard's partial indexes cost (hq.schema)


def _ingest(folder: Path, url: str | None, bundles: int, mode: str, served: tuple[ContentsPool, int] | None = None
            ) -> tuple[float, float, HqContext]:
    store = open_store(folder, url)
    if mode == BARE:
        with store.transaction() as repo:
            for measure, _, _ in DASHBOARD:
                repo._exec(f"DROP INDEX research_facts_{measure}")
                repo._exec(f"DROP INDEX research_facts_{measure}_records")
    ctx = HqContext(store, HqKeys("prod", "HQ bench", "2025-01-01T00:00:00Z", keys.generate_key_pairs()),
                    clock=Clock(), research=mode != BASELINE)
    # nothing derived ahead: the writer derives (hq.research_ingest.keep_research), as first built
    ingest_module.research_ask = (lambda *_: None) if mode == IN_WRITER else research_ask  # type: ignore
    prisoners = [str(uuid.uuid4()) for _ in range(2000)]
    if served is None:
        wing = enrol(ctx, Wing(ctx.keys))
        data = [wing.bundle(_lines(prisoners, b * ROWS)) for b in range(bundles)]
        writer = _WriterClock(store)
        start = time.perf_counter()
        for item in data:
            assert ingest(ctx, item).outcome == "accepted"
        return time.perf_counter() - start, writer.busy, ctx
    # as served: the bundles of `wings` wings uploading at once, each wing's in order (one thread per wing, as
    # uvicorn's threads would take them), read by the pool's worker processes (hq.server.reading_in_workers)
    pool, wings = served
    ctx = dataclasses.replace(ctx, read_contents=pool.read, prepare_slots=2 * pool.workers)
    made = [enrol(ctx, Wing(ctx.keys, name=f"Wing {n}")) for n in range(wings)]
    per_wing = [[made[n].bundle(_lines(prisoners, b * ROWS)) for b in range(n, bundles, wings)] for n in range(wings)]
    writer = _WriterClock(store)

    def upload(items: list[bytes]) -> None:
        for item in items:
            assert ingest(ctx, item).outcome == "accepted"

    start = time.perf_counter()
    with ThreadPoolExecutor(wings) as threads:
        list(threads.map(upload, per_wing))
    return time.perf_counter() - start, writer.busy, ctx


def _fill(ctx: HqContext, facts: int) -> None:
    """More facts, shaped like the derived ones, so the export is timed over a large store."""
    with ctx.store.transaction() as repo:
        have = repo._rows("SELECT count(*) FROM research_facts")[0][0]
    batch: list[Fact] = []
    for n in range(have, facts):
        batch.append(Fact(f"{n:032x}", 1, "observation", f"{n % 50_000:032x}", "prisoner", "Prison", "B-Wing",
                          f"2026-{n % 12 + 1:02d}", "category", "", "NEEDS_REQUEST", None))
        if len(batch) == 50_000:
            ctx.store.write(lambda repo, rows=batch: repo.keep_research(rows))
            batch = []
    if batch:
        ctx.store.write(lambda repo: repo.keep_research(batch))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bundles", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--export-facts", type=int, default=1_000_000)
    parser.add_argument("--pg", metavar="URL", help="PostgreSQL database (a fresh schema-less database) instead")
    parser.add_argument("--served", metavar="WINGS", type=int, default=0,
                        help="ingest as served: this many wings uploading at once, read by worker processes")
    args = parser.parse_args()
    pool = ContentsPool().start() if args.served else None
    try:
        return _run(args, None if pool is None else (pool, args.served))
    finally:
        if pool is not None:
            pool.close()


def _run(args: argparse.Namespace, served: tuple[ContentsPool, int] | None) -> int:
    modes = (BASELINE, IN_WRITER, AHEAD, BARE) if args.pg else (BASELINE, IN_WRITER, AHEAD)
    best: dict[str, float] = {}
    busy: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        kept: HqContext | None = None
        for round_no in range(args.rounds):
            for number, mode in enumerate(modes):
                if args.pg:
                    _reset(args.pg)
                took, spent, ctx = _ingest(Path(folder) / f"{round_no}-{number}", args.pg,
                                           args.bundles, mode, served)
                best[mode] = min(best.get(mode, took), took)
                busy[mode] = min(busy.get(mode, spent), spent)
                if mode == AHEAD and round_no == args.rounds - 1:
                    kept = ctx
                else:
                    ctx.store.close()
        records = args.bundles * ROWS
        how = (f"as served: {served[1]} wings uploading at once, {served[0].workers} reader processes" if served
               else "one after another, read in this process")
        print(f"{args.bundles} bundles x {ROWS} records, {how}, best of {args.rounds} rounds")
        for mode in modes:
            print(f"{mode:24s} {best[mode]:.3f} s ({records / best[mode]:,.0f} records/s), "
                  f"{best[mode] / best[BASELINE]:.2f} x baseline; writer busy {busy[mode]:.3f} s "
                  f"({busy[mode] * 1e6 / records:.1f} us/record, {busy[mode] / busy[BASELINE]:.2f} x baseline)")
        assert kept is not None
        with kept.store.transaction(write=False) as repo:
            derived = repo._rows("SELECT count(*) FROM research_facts")[0][0]
        print(f"facts derived: {derived:,} ({derived / records:.1f} per record)")
        _fill(kept, args.export_facts)
        for suffix in (".csv", ".parquet") if parquet_available() else (".csv",):
            out = Path(folder) / f"export{suffix}"
            start = time.perf_counter()
            done = export(kept.store, out, "benchmark", "bench", kept.clock())
            took = time.perf_counter() - start
            print(f"export {suffix[1:]:8s} {done.rows:,} rows in {took:.3f} s ({done.rows / took:,.0f} rows/s), "
                  f"{out.stat().st_size / 1e6:.1f} MB")
        kept.store.close()
    return 0


def _reset(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


if __name__ == "__main__":
    sys.exit(main())
