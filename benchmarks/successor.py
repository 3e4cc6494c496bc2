"""A new PC from HQ (issue 22 item 4): HQ writing the successor package and the wing opening it, in records per
second, against HQ ingesting the same records (the baseline, timed in the same run on the same store).

Run: .venv/bin/python -m benchmarks.successor [--records 20000] [--repeats 3]

The dead device's records reach HQ as bundles of 2,000 daily-log records (tests.hq.conftest.make_record); each
repeat uses a fresh pair of devices. Figures go in benchmarks/successor.md.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from tests.hq.conftest import Wing, enrol, make_record
from wingdesk.hq.ingest import HqContext, ingest
from wingdesk.hq.keystore import HqKeys
from wingdesk.hq.store import open_store
from wingdesk.hq.successors import replace_device
from wingdesk.sync import keys
from wingdesk.sync.successor_package import open_package

PER_BUNDLE = 2_000


def _run(ctx: HqContext, hq_keys: HqKeys, records: int) -> tuple[float, float, float]:
    old, new = enrol(ctx, Wing(hq_keys)), enrol(ctx, Wing(hq_keys))
    bundles = [old.bundle([make_record(i + start) for i in range(min(PER_BUNDLE, records - start))])
               for start in range(0, records, PER_BUNDLE)]
    started = time.perf_counter()
    for data in bundles:
        ingest(ctx, data)
    ingested = time.perf_counter() - started
    started = time.perf_counter()
    package = replace_device(ctx.store, hq_keys, old.device_id, new.device_id, datetime.now(UTC))
    written = time.perf_counter() - started
    started = time.perf_counter()
    opened = open_package(package, hq_keys.current.sign_public, new.keys.enc_private, new.device_id, new.name,
                          hq_keys.env)
    read = time.perf_counter() - started
    assert len(opened.records) == records
    return ingested, written, read


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    hq_keys = HqKeys("prod", "HQ benchmark", "2025-01-01T00:00:00Z", keys.generate_key_pairs())
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "hq")
        try:
            ctx = HqContext(store, hq_keys, research=False)
            runs = [_run(ctx, hq_keys, args.records) for _ in range(args.repeats)]
        finally:
            store.close()
    names = ("HQ ingest of the dead device's bundles (baseline)", "HQ: replace (retire, copy keys, seal package)",
             "wing: open the package (verify, decrypt, check every line)")
    print(f"{args.records} records, {args.repeats} repeats")
    print("| figure | median | min | max | records/s (median) | ratio to ingest |")
    print("|---|---|---|---|---|---|")
    base = statistics.median(r[0] for r in runs)
    for index, name in enumerate(names):
        times = [r[index] for r in runs]
        median = statistics.median(times)
        print(f"| {name} | {median:.2f} s | {min(times):.2f} s | {max(times):.2f} s | "
              f"{args.records / median:,.0f} | {median / base:.2f} |")


if __name__ == "__main__":
    main()
