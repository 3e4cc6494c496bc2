"""What tombstones cost HQ ingest (docs/security.md §5): bundles of ~770 records ingested on SQLite with the
tombstone step as built, against the same bundles with that step bypassed (the baseline, same run), and with 200
tombstones kept for the device (then every bundle's rows are filtered against their ids).

    .venv/bin/python benchmarks/tombstones.py [--bundles 30]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.hq.conftest import Clock, Wing, enrol, make_record  # noqa: E402
from wingdesk.domain.tombstones import Tombstone  # noqa: E402
from wingdesk.hq import ingest as ingest_module  # noqa: E402
from wingdesk.hq.ingest import HqContext, ingest  # noqa: E402
from wingdesk.hq.keystore import HqKeys  # noqa: E402
from wingdesk.hq.store import open_store  # noqa: E402
from wingdesk.hq.tombstones import TombstoneCheck  # noqa: E402
from wingdesk.sync import keys  # noqa: E402

ROWS = 770  # a 1 MB upload holds ~770 records (hq.contents)


def _run(folder: Path, bundles: int, mode: str) -> float:
    store = open_store(folder / mode)
    ctx = HqContext(store, HqKeys("prod", "HQ bench", "2025-01-01T00:00:00Z", keys.generate_key_pairs()),
                    clock=Clock())
    wing = enrol(ctx, Wing(ctx.keys))
    if mode == "kept":
        with store.transaction() as repo:
            for n in range(200):
                record_id = f"00000000-0000-4000-8000-{n:012d}"
                stone = Tombstone(record_id, "log_entry", None, "off", "Officer", "0" * 64, None, ((1, "0" * 64),), (),
                                  "adm", "Admin", "2025-03-01T00:00:00Z", "Court order")
                repo.add_tombstone(wing.device_id, record_id, "log_entry", json.dumps(stone.statement()), "0" * 64,
                                   "adm", b"\0" * 64, "bundle", "2025-03-01T00:00:00Z", (record_id,))
    data = [wing.bundle([make_record(i + b * ROWS) for i in range(ROWS)]) for b in range(bundles)]
    original = ingest_module.check_tombstones
    if mode == "baseline":
        ingest_module.check_tombstones = lambda repo, device_id, rows, held: TombstoneCheck([], rows, 0, None, {})
    try:
        start = time.perf_counter()
        for item in data:
            assert ingest(ctx, item).outcome == "accepted"
        return time.perf_counter() - start
    finally:
        ingest_module.check_tombstones = original
        store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bundles", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    best: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        for round_no in range(args.rounds):
            for mode in ("baseline", "built", "kept"):
                took = _run(Path(folder) / str(round_no), args.bundles, mode)
                best[mode] = min(best.get(mode, took), took)
    base = best["baseline"]
    for mode in ("baseline", "built", "kept"):
        print(f"{mode:9s} {args.bundles} bundles x {ROWS} records: {best[mode]:.3f} s "
              f"({args.bundles * ROWS / best[mode]:,.0f} records/s), {best[mode] / base:.3f} x baseline")
    return 0


if __name__ == "__main__":
    sys.exit(main())
