"""What HQ security's pages cost (issue 17 item 5), in the same run against baselines:

1. Ingest with the intelligence index kept in the write unit (hq.intelligence_index: the report rows, their links
   and the prison number of every line) against ingest with it switched off, fresh stores, best of `--rounds`.
2. The pages (through the whole console app in-process: session, role check, audit row, Jinja) over a store of
   `--wings` wings' bundles in which one line in `--every` is a graded report: the list unfiltered, filtered by
   prison, by handling code and month, a deep page; one report; the association view. The baseline for the list
   is what it would cost without the index: reading every report line's JSON and filtering in Python.

    .venv/bin/python benchmarks/hq_security.py [--wings 50] [--bundles 2] [--every 10] [--rounds 3] [--pg URL]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.research import ROWS, _lines  # noqa: E402
from tests.hq.conftest import Clock, Wing, enrol  # noqa: E402
from tests.hq.console_fixtures import SECURITY, make_hq  # noqa: E402
from tests.hq.test_console_security import report  # noqa: E402
from tests.hq.test_console_web import client, sign_in  # noqa: E402
from wingdesk.domain.kinds.intelligence import travels  # noqa: E402
from wingdesk.hq import ingest as ingest_module  # noqa: E402
from wingdesk.hq.ingest import HqContext, ingest  # noqa: E402
from wingdesk.hq.intelligence_index import keep_intelligence  # noqa: E402
from wingdesk.hq.keystore import HqKeys  # noqa: E402
from wingdesk.hq.store import open_store  # noqa: E402
from wingdesk.sync import keys  # noqa: E402

GRADES = (("SRC_2", "INT_B", "HANDLE_P"), ("SRC_1", "INT_A", "HANDLE_P"), ("SRC_1", "INT_B", "HANDLE_C"),
          ("SRC_3", "INT_C", "HANDLE_P"))


def _bundle_lines(prisoners: list[str], start: int, every: int) -> list[dict]:
    made = _lines(prisoners, start)
    for n in range(0, ROWS, every):
        i = start + n
        grade = GRADES[i % 4]
        made[n] = report(prisoners[i % len(prisoners)], [prisoners[(i * 7 + 1) % len(prisoners)]], grade=grade,
                         released=grade[2] == "HANDLE_C", month=f"2026-{i % 12 + 1:02d}")
    return made


def _reset(url: str | None) -> None:
    if url:
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("DROP SCHEMA public CASCADE")
            conn.execute("CREATE SCHEMA public")


def ingest_cost(folder: Path, url: str | None, bundles: int, every: int, rounds: int) -> None:
    best: dict[str, float] = {}
    inside = [0.0]  # the index's own time in the write units (less noisy than the wall-clock ratio)

    def timed(*args) -> None:  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        keep_intelligence(*args)
        inside[0] += time.perf_counter() - start

    for round_no in range(rounds):
        modes = ("index off (baseline)", "index on (ingest)")
        for mode in modes if round_no % 2 == 0 else modes[::-1]:  # alternated: neither always runs first
            _reset(url)
            ingest_module.keep_intelligence = timed if "on" in mode else (lambda *_: None)  # type: ignore
            store = open_store(folder / f"i{round_no}{mode[6:8]}", url)
            ctx = HqContext(store, HqKeys("prod", "HQ bench", "2025-01-01T00:00:00Z", keys.generate_key_pairs()),
                            clock=Clock())
            wing = enrol(ctx, Wing(ctx.keys))
            prisoners = [str(uuid.uuid4()) for _ in range(2000)]
            data = [wing.bundle(_bundle_lines(prisoners, b * ROWS, every)) for b in range(bundles)]
            start = time.perf_counter()
            for item in data:
                assert ingest(ctx, item).outcome == "accepted"
            took = time.perf_counter() - start
            best[mode] = min(best.get(mode, took), took)
            store.close()
    ingest_module.keep_intelligence = keep_intelligence  # type: ignore[attr-defined]
    records = bundles * ROWS
    base = best["index off (baseline)"]
    print(f"ingest, {bundles} bundles x {ROWS} records (1 in {every} a report), best of {rounds}")
    for mode, took in best.items():
        print(f"  {mode:22s} {took:.3f} s ({records / took:,.0f} records/s), {took / base:.2f} x baseline")
    print(f"  time inside keep_intelligence: {inside[0] * 1000 / (rounds * bundles):.1f} ms per bundle "
          f"(mean over {rounds} rounds)")


def _times(fn, repeats: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]


def pages(folder: Path, url: str | None, wings: int, bundles: int, every: int, repeats: int) -> None:
    _reset(url)
    store = open_store(folder / "pages", url)
    hq = make_hq(folder / "hq", HqKeys("prod", "HQ bench", "2025-01-01T00:00:00Z", keys.generate_key_pairs()),
                 Clock, store=store)
    made = [enrol(hq.ctx, Wing(hq.ctx.keys, name=f"Prison {n:02d}")) for n in range(wings)]
    prisoners = [str(uuid.uuid4()) for _ in range(2000 * wings)]
    for n, wing in enumerate(made):
        own = prisoners[n * 2000 : (n + 1) * 2000]
        for b in range(bundles):
            assert ingest(hq.ctx, wing.bundle(_bundle_lines(own, b * ROWS, every))).outcome == "accepted"
    with store.transaction(write=False) as repo:
        shown = repo._rows("SELECT count(*) FROM intel_reports WHERE shown = 1")[0][0]
        some = repo._rows("SELECT record_id FROM intel_reports WHERE shown = 1 ORDER BY record_id LIMIT 1")[0][0]
        person = repo._rows("SELECT prisoner_id FROM intel_links WHERE record_id = ?", (some,))[0][0]
    c = client(hq)
    sign_in(c, SECURITY)
    first = made[wings // 2].device_id

    def scan() -> None:  # the baseline: every report line read and filtered in Python
        with store.transaction(write=False) as repo:
            rows = repo._rows("SELECT device_id, body FROM records WHERE kind = 'intelligence_report'")
        found = []
        for device_id, body in rows:
            record = orjson.loads(body)["record"]
            if device_id == first and travels(record["body"]):
                found.append((record["occurred_at"], record["id"]))
        sorted(found, reverse=True)[:50]

    cases = {
        "list, unfiltered": lambda: c.get("/security"),
        "list, one prison": lambda: c.get(f"/security?device_id={first}"),
        "list, C + month": lambda: c.get("/security?handling_code=HANDLE_C&month=2026-05"),
        "list, page 40": lambda: c.get("/security?page=40"),
        "one report": lambda: c.get(f"/security/reports/{some}"),
        "associations": lambda: c.get(f"/security/people/{person}"),
        "baseline: scan bodies": scan,
    }
    assert c.get(f"/security/reports/{some}").status_code == 200
    print(f"pages, {wings} wings x {bundles} bundles x {ROWS} records, {shown:,} reports shown "
          f"({'PostgreSQL' if url else 'SQLite'}), {repeats} runs; ms p50 / p95")
    for name, fn in cases.items():
        p50, p95 = _times(fn, repeats)
        print(f"  {name:24s} {p50:8.1f} / {p95:8.1f}")
    store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--wings", type=int, default=50)
    parser.add_argument("--bundles", type=int, default=2)
    parser.add_argument("--every", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--ingest-bundles", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--ingest-only", action="store_true")
    parser.add_argument("--pg", metavar="URL", help="an empty PostgreSQL database (its public schema is reset)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        ingest_cost(Path(folder), args.pg, args.ingest_bundles, args.every, args.rounds)
        if not args.ingest_only:
            pages(Path(folder), args.pg, args.wings, args.bundles, args.every, args.repeats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
