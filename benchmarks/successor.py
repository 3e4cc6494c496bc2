"""A new PC from HQ (issue 22 item 4): HQ writing the successor package, the wing opening it, and the wing writing
it into a new PC's database (`restore-from-hq`), in records per second, against HQ ingesting the same number of
records (the baseline, timed in the same run on the same store).

Run: .venv/bin/python -m benchmarks.successor [--records 20000] [--repeats 3]

The dead device's records reach HQ as bundles of 2,000 daily-log records (tests.hq.conftest.make_record); each
repeat uses a fresh pair of devices. Writing into the wing needs wing-shaped record lines (a record's content,
its author and prisoner, as a wing exports them): the same number of observations by 8 officers about 500
prisoners, sealed by HQ's key to a real new wing PC (created and enrolled in the run) and written there by its
administrator in one transaction — opening and checking the package included. Figures go in
benchmarks/successor.md.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tests.hq.conftest import Wing, enrol, make_record
from tests.integration.sync_helpers import enrol as enrol_wing
from wingdesk.crypto.kdf import floor_params
from wingdesk.domain.records import new_id
from wingdesk.hq.ingest import HqContext, ingest
from wingdesk.hq.keystore import HqKeys
from wingdesk.hq.store import open_store
from wingdesk.hq.successors import replace_device
from wingdesk.storage.backend import LocalWing
from wingdesk.sync import keys
from wingdesk.sync.payload import record_content_hash
from wingdesk.sync.successor_package import SuccessorPackage, open_package, seal_package
from wingdesk.sync.wing_sync import WingSync

PER_BUNDLE = 2_000
WING, ADMIN, PASSPHRASE = "B-Wing", "ana", "benchmark administrator passphrase"


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


def _wing_lines(records: int) -> tuple[list[tuple[str, str, bytes]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Users, prisoners and record lines as HQ would hold them from a dead wing PC (see the module)."""
    users = [(new_id(), "officer", keys.generate_key_pairs().sign_public) for _ in range(8)]
    prisoners = [{"prisoner_id": new_id(), "number": f"B-{i:05d}", "status": "IN_CUSTODY", "identity": {
        "number": f"B-{i:05d}", "given_name": f"Given{i}", "family_name": f"Family{i}", "sex": "M",
        "legal_status": "CONVICTED"}} for i in range(500)]
    lines = []
    for i in range(records):
        prisoner, author = prisoners[i % len(prisoners)], users[i % len(users)][0]
        content = {"id": new_id(), "kind": "observation", "revision": 1, "wing": WING,
                   "prisoner_id": prisoner["prisoner_id"], "author_id": author, "author_role": "officer",
                   "occurred_at": "2026-11-02T08:15:00Z", "recorded_at": "2026-11-02T08:20:00Z",
                   "sensitivity": "NORMAL", "day": None, "shift_id": None,
                   "body": {"category": "POSITIVE_ENGAGEMENT", "polarity": "POSITIVE", "source_type": "DIRECT",
                            "what_seen_heard": f"Took part in the morning workshop, entry {i}", "where": "",
                            "who_present": "", "officer_assessment": "", "urgent": False, "proposed_source": None,
                            "proposed_assessment": None}}
        body = {"record": content, "status": "ACTIVE", "author_name": f"Officer {i % len(users)}",
                "prisoner_number": prisoner["number"]}
        lines.append({"record_id": content["id"], "rev": 1, "kind": "observation",
                      "content_hash": record_content_hash(body), "body": body})
    return users, prisoners, lines


def _wing_write(ctx: HqContext, hq_keys: HqKeys, records: int, folder: Path) -> float:
    """Seconds for a new PC's administrator to write a package of `records` versions (open and check included)."""
    wing = LocalWing(folder, kdf=floor_params(), sync_factory=WingSync)
    wing.create(WING, "Benchmark Prison", ADMIN, "Ana Admin", PASSPHRASE)
    admin = wing.sign_in(ADMIN, PASSPHRASE)
    try:
        device_id = enrol_wing(admin, ctx)
        with ctx.store.transaction(write=False) as repo:
            enc_public = repo.get_device(device_id).enc_public
        users, prisoners, lines = _wing_lines(records)
        package = seal_package(SuccessorPackage(device_id, new_id(), WING, 1, "0" * 64, 0, "", users, lines,
                                                prisoners), hq_keys.current.sign_private, enc_public, hq_keys.env)
        started = time.perf_counter()
        done = admin.successor.restore_from_hq(package)
        elapsed = time.perf_counter() - started
        assert done.records == records
        return elapsed
    finally:
        admin.lock()


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
            runs = [(*_run(ctx, hq_keys, args.records), _wing_write(ctx, hq_keys, args.records, Path(tmp) / f"w{i}"))
                    for i in range(args.repeats)]
        finally:
            store.close()
    names = ("HQ ingest of the dead device's bundles (baseline)", "HQ: replace (retire, copy keys, seal package)",
             "wing: open the package (verify, decrypt, check every line)",
             "wing: restore-from-hq (open, check, write into the new PC's database)")
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
