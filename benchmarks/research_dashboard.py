"""The analyst's dashboard over a large research store on PostgreSQL (issue 17 item 7: "the dashboard <= 1 s" with 2
million records from 50 simulated wings), and what its indexes cost ingest, both measured in the same run.

Ingesting 2 million records through HQ's ingest takes too long on a development machine, so the facts of 2 million
records are generated in bulk inside PostgreSQL: the facts the real derivation (hq.research_derive) makes of the 770
record lines of benchmarks/research.py (observations, plans, assessments, incidents, admissions; ~6 a record) are
the template, copied per record under its own row key, with 50 wings (10 prisons; each bundle of 770 records from
one wing), 2,000 prisoners a wing and 36 months. The `records` table stays empty (the dashboard reads only the
research tables).

Then, each three times: the dashboard (hq.research_charts.dashboard, the page's own code path) with the partial
indexes the schema makes for it, and without them (dropped); ingest of bundles into that store through the real
ingest with the indexes, without them, and without derivation (the baseline).

    .venv/bin/python benchmarks/research_dashboard.py --pg URL [--records 2000000] [--bundles 10]

URL: a database this may empty (its `public` schema is dropped and made anew).
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

from benchmarks.research import ROWS, _lines, _reset  # noqa: E402
from tests.hq.conftest import Clock, Wing, enrol  # noqa: E402
from wingdesk.hq.ingest import HqContext, ingest  # noqa: E402
from wingdesk.hq.keystore import HqKeys  # noqa: E402
from wingdesk.hq.research_charts import CHARTS, dashboard  # noqa: E402
from wingdesk.hq.research_derive import derive  # noqa: E402
from wingdesk.hq.schema import POSTGRES_TYPES, statements  # noqa: E402
from wingdesk.hq.store import open_store  # noqa: E402
from wingdesk.sync import keys  # noqa: E402

WINGS, PRISONS, PEOPLE, MONTHS = 50, 10, 2000, 36


def _template(key: bytes) -> list[tuple]:
    """(template line, fact number, kind, subject_type, measure, part, value, number) of 770 derived lines' facts."""
    made = []
    for n, item in enumerate(_lines([str(uuid.uuid4())], 0)):
        if item["kind"] == "admission":  # some in each special group (benchmarks/research.py's are in none)
            item["body"]["record"]["body"].update(sex="F" if n % 4 == 0 else "M", first_time=n % 3 == 0,
                                                  date_of_birth="2007-02-01" if n % 7 == 0 else "1990-01-01")
        row = (item["record_id"], item["rev"], item["kind"], item["content_hash"], orjson.dumps(item["body"]))
        made += [(n, i, f[2], f[4], f[8], f[9], f[10], f[11])
                 for i, f in enumerate(derive(key, "device", "Prison", [row]), 1)]
    return made


def _fill(url: str, records: int, template: list[tuple]) -> int:
    """research_records and research_facts for `records` records, written by PostgreSQL itself, the facts' indexes
    built after (CREATE INDEX does it faster than a row at a time: the store's state, not how it got there)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TEMPORARY TABLE template (line INT, n INT, kind TEXT, subject_type TEXT, measure TEXT, "
                     "part TEXT, value TEXT, number BIGINT)")
        with conn.cursor().copy("COPY template FROM STDIN") as copy:
            for row in template:
                copy.write_row(row)
        indexes = conn.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'research_facts' "
                               "AND indexname <> 'research_facts_pkey'").fetchall()
        for name, _ in indexes:
            conn.execute(f"DROP INDEX {name}")
        conn.execute(f"""INSERT INTO research_records (record_no, row_key, rev)
            SELECT r, decode(md5('record ' || r), 'hex'), 1 FROM generate_series(1, {records}) AS r""")
        conn.execute(f"""INSERT INTO research_facts (row_key, rev, kind, subject, subject_type, prison, wing, month,
                measure, part, value, number, record_no, fact_no)
            SELECT md5('record ' || r), 1, t.kind,
                CASE WHEN t.subject_type = 'none' THEN ''
                     ELSE md5('prisoner ' || (r / {ROWS}) % {WINGS} || ' ' || r % {PEOPLE - 1}) END,
                t.subject_type, 'Prison ' || (r / {ROWS}) % {WINGS} % {PRISONS}, 'Wing ' || (r / {ROWS}) % {WINGS},
                to_char(date '2024-01-01' + ((r / 997) % {MONTHS}) * interval '1 month', 'YYYY-MM'),
                t.measure, t.part, t.value, t.number, r, t.n
            FROM generate_series(1, {records}) AS r JOIN template t ON t.line = r % {ROWS}""")
        for _, definition in indexes:
            conn.execute(definition)
        conn.execute(f"SELECT setval('research_record_no', {records} + 1, false)")
        conn.execute("VACUUM ANALYZE research_records")
        conn.execute("VACUUM ANALYZE research_facts")
        return int(conn.execute("SELECT count(*) FROM research_facts").fetchone()[0])


def _dashboard(store) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    charts = dashboard(store)
    took = time.perf_counter() - start
    assert len(charts) == len(CHARTS) and all(chart.bars for chart in charts)
    return took


def _index(url: str, present: bool) -> None:
    """Make the dashboard's partial indexes (hq.schema DASHBOARD), or drop them."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        for statement in statements(POSTGRES_TYPES):
            if statement.startswith("CREATE INDEX") and "WHERE measure" in statement:
                name = statement.split()[5]
                conn.execute(statement if present else f"DROP INDEX IF EXISTS {name}")
        conn.execute("VACUUM ANALYZE research_facts")


def _first_layout_index(url: str, present: bool) -> float:
    import psycopg

    start = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE INDEX research_facts_row ON research_facts(row_key)" if present else
                     "DROP INDEX research_facts_row")
    return time.perf_counter() - start


def _ingest(ctx: HqContext, wing: Wing, bundles: int, start: int) -> float:
    prisoners = [str(uuid.uuid4()) for _ in range(PEOPLE)]
    data = [wing.bundle(_lines(prisoners, (start + b) * ROWS)) for b in range(bundles)]
    begin = time.perf_counter()
    for item in data:
        assert ingest(ctx, item).outcome == "accepted"
    return time.perf_counter() - begin


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pg", metavar="URL", required=True)
    parser.add_argument("--records", type=int, default=2_000_000)
    parser.add_argument("--bundles", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    _reset(args.pg)
    hq = HqKeys("prod", "HQ bench", "2025-01-01T00:00:00Z", keys.generate_key_pairs())
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder), args.pg)
        start = time.perf_counter()
        facts = _fill(args.pg, args.records, _template(hq.research_key))
        print(f"{args.records:,} records, {facts:,} facts generated in {time.perf_counter() - start:.0f} s")
        derived = HqContext(store, hq, clock=Clock())
        baseline = HqContext(store, hq, clock=derived.clock, research=False)
        wing = enrol(derived, Wing(hq))
        shown: dict[str, list[float]] = {"with": [], "without": []}
        rates: dict[str, list[float]] = {"baseline": [], "with": [], "without": [],
                                         "with the dashboard indexes + a row_key index per fact": []}
        step = 0
        for _ in range(args.rounds):
            for mode in ("with", "without"):
                _index(args.pg, mode == "with")
                shown[mode].append(min(_dashboard(store) for _ in range(2)))
                took = _ingest(derived, wing, args.bundles, step)
                step += args.bundles
                rates[mode].append(args.bundles * ROWS / took)
            took = _ingest(baseline, wing, args.bundles, step)
            step += args.bundles
            rates["baseline"].append(args.bundles * ROWS / took)
        _index(args.pg, True)
        after = _dashboard(store)
        # what schema version 1 paid besides: an index entry of a random 32-character key per fact (its facts had
        # no record_no and no research_records, so this over-counts it by their cost, measured in "with" above)
        first = _first_layout_index(args.pg, True)
        for _ in range(args.rounds):
            rates["with the dashboard indexes + a row_key index per fact"].append(
                args.bundles * ROWS / _ingest(derived, wing, args.bundles, step))
            step += args.bundles
        _first_layout_index(args.pg, False)
        store.close()
    for mode in ("with", "without"):
        print(f"dashboard (5 charts), {mode} the dashboard indexes: median {statistics.median(shown[mode]):.3f} s "
              f"(best {min(shown[mode]):.3f} s)")
    print(f"dashboard with the indexes after {step * ROWS:,} more records ingested (no manual VACUUM): {after:.3f} s")
    base = statistics.median(rates["baseline"])
    print(f"(the row_key index of schema version 1 built over the large store in {first:.0f} s)")
    for mode in rates:
        rate = statistics.median(rates[mode])
        label = "no derivation (baseline)" if mode == "baseline" else \
            f"derivation, {mode} the dashboard indexes" if mode in ("with", "without") else f"derivation, {mode}"
        print(f"ingest into the large store, {label}: median {rate:,.0f} records/s ({base / rate:.2f} x baseline "
              f"time), {args.bundles} bundles x {ROWS} a round")
    return 0


if __name__ == "__main__":
    sys.exit(main())
