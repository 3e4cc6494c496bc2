"""Subject access at HQ (issue 19 item 3, target <= 5 s for a prisoner with 2,000 records): `export_copy` — the
prisoner's lines found among every other prisoner's, their amendments, the copy gathered, JSON and HTML written,
the disclosure audited — against reading the same 2,000 lines by primary key (the floor: what an index by
prisoner would give, with no parsing, no copy and no files), in the same run.

    python benchmarks/hq_subject_access.py [--records 2000] [--others 100000] [--repeats 3] [--db postgresql://…]

The prisoner's records come from two wings (observations and wing-log entries, a third of them with the
prisoner's comment, one in fifty withheld with a reason, every tenth corrected by a second version); `--others`
records of other prisoners (with amendments in the same proportion) fill the store around them. Figures in
benchmarks/hq_subject_access.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.hq.conftest import Wing, enrol  # noqa: E402
from wingdesk.domain.records import Amendment, AmendmentKind, Record, new_id  # noqa: E402
from wingdesk.hq.ingest import HqContext, ingest  # noqa: E402
from wingdesk.hq.keystore import HqKeys  # noqa: E402
from wingdesk.hq.store import open_store  # noqa: E402
from wingdesk.hq.subject_access_doc import export_copy  # noqa: E402
from wingdesk.sync import keys  # noqa: E402
from wingdesk.sync.wing_records import extra_line, record_line  # noqa: E402

NUMBER = "BM-000001"
PER_BUNDLE = 5000


def timed(fn: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _lines(wing: Wing, wing_name: str, number: str, prisoner_id: str, count: int, start: int) -> list[dict[str, Any]]:
    lines, extras = [], []
    for n in range(start, start + count):
        at = f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}T{n % 24:02d}:00:00Z"
        if n % 10 == 9:
            kind, body = "log_entry", {"entry_type": "GENERAL", "text": f"Разговарали смо о посети, дан {n}."}
        else:
            kind, body = "observation", {"category": "POSITIVE_ENGAGEMENT", "polarity": "POSITIVE",
                                         "what_seen_heard": f"Helped at the servery and spoke calmly ({n}).",
                                         "source_type": "DIRECT"}
        record = Record(id=new_id(), kind=kind, wing=wing_name, prisoner_id=prisoner_id, author_id="u-off",
                        author_name="Officer One", author_role="OFFICER", occurred_at=at, recorded_at=at, body=body)
        lines.append(record_line(record, number, wing.device_id, "0"))
        if n % 10 == 4:  # a second version of the record
            newer = replace(record, revision=2, body={**body, "polarity": "NEUTRAL"})
            lines.append(record_line(newer, number, wing.device_id, "0"))
        for every, kind_, text in ((3, AmendmentKind.PRISONER_COMMENT, f"I also cleaned the tables ({n})."),
                                   (50, AmendmentKind.WITHHOLD, "Would identify the source.")):
            if n % every == 0:
                a = Amendment(id=new_id(), record_id=record.id, kind=kind_, author_id="u-gov",
                              author_name="Governor", at=at, text=text)
                extras.append(extra_line("amendment", {
                    "id": a.id, "record_id": a.record_id, "kind": str(a.kind), "author_id": a.author_id,
                    "author_name": a.author_name, "at": a.at, "text": a.text,
                    "content_sha256": a.content_sha256()}, wing.device_id, "0"))
    return lines + extras


def build(folder: Path, db: str | None, records: int, others: int) -> HqContext:
    hq = HqKeys("prod", "HQ bench", "2025-01-01T00:00:00Z", keys.generate_key_pairs())
    ctx = HqContext(open_store(folder, db), hq)
    wings = [enrol(ctx, Wing(hq, name=name)) for name in ("Prison A / Wing 1", "Prison B / Wing 2")]
    half = records // 2
    batches = [(wings[0], "Wing 1", NUMBER, str(uuid.uuid4()), half, 0),
               (wings[1], "Wing 2", NUMBER, str(uuid.uuid4()), records - half, half)]
    for start in range(0, others, 20):  # other prisoners, 20 records each, on both wings
        wing = wings[(start // 20) % 2]
        batches.append((wing, "Wing 1" if wing is wings[0] else "Wing 2", f"BM-{start + 2:06d}",
                        str(uuid.uuid4()), min(20, others - start), start))
    pending: dict[str, list[dict[str, Any]]] = {w.device_id: [] for w in wings}
    for wing, name, number, pid, count, start in batches:
        pending[wing.device_id] += _lines(wing, name, number, pid, count, start)
        if len(pending[wing.device_id]) >= PER_BUNDLE:
            assert ingest(ctx, wing.bundle(pending[wing.device_id])).outcome == "accepted"
            pending[wing.device_id] = []
    for wing in wings:
        if pending[wing.device_id]:
            assert ingest(ctx, wing.bundle(pending[wing.device_id])).outcome == "accepted"
    if db:  # planner statistics, as autovacuum would have them on a live HQ (else the floor's IN lists scan)
        with ctx.store.transaction() as repo:
            repo._exec("ANALYZE records")
    return ctx


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--others", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--db", help="postgresql://… (default: SQLite in a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        ctx = build(folder / "hq", args.db, args.records, args.others)
        with ctx.store.transaction(write=False) as repo:
            total = repo.record_count()
            ids = [r[0] for r in repo.prisoner_lines(NUMBER)]
        print(f"store: {total} record lines ({args.records} records of the prisoner, {len(ids)} lines with "
              f"second versions), built in {time.perf_counter() - start:.0f} s; backend: "
              f"{'PostgreSQL' if args.db else 'SQLite'}")

        def floor() -> None:
            with ctx.store.transaction(write=False) as repo:
                for i in range(0, len(ids), 500):
                    chunk = ids[i:i + 500]
                    repo._rows(f"SELECT body FROM records WHERE record_id IN ({', '.join('?' * len(chunk))})",
                               tuple(chunk))

        def scan() -> None:
            with ctx.store.transaction(write=False) as repo:
                repo.prisoner_lines(NUMBER)

        runs = iter(range(1000))

        def whole() -> None:
            copy, paths = export_copy(ctx.store, NUMBER, folder / f"out{next(runs)}", "admin.bench",
                                      "benchmark request", datetime.now(UTC), lambda s: s)
            whole.result = (len(copy.items), len(copy.withheld), sum(p.stat().st_size for p in paths))  # type: ignore[attr-defined]

        t_floor, t_scan, t_whole = (timed(fn, args.repeats) for fn in (floor, scan, whole))
        items, withheld, size = whole.result  # type: ignore[attr-defined]
        print(f"floor: the prisoner's lines by primary key   {t_floor:6.2f} s")
        print(f"finding them by prison number (a scan)        {t_scan:6.2f} s")
        print(f"whole copy (find, amendments, gather, JSON + HTML written, audited) {t_whole:6.2f} s "
              f"({items} disclosed, {withheld} withheld, {size / 1e6:.1f} MB); target <= 5 s "
              f"{'met' if t_whole <= 5 else 'MISSED'}")
        ctx.store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
