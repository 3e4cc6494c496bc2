"""HQ console page timings: the devices list and one device's page over real HTTP (uvicorn on loopback), against
the same data read straight from the store in the same run: hq.reports.device_statuses (what `wingdesk-hq status`
reads, six queries per device) for the list, console.queries.device_detail for one device; and the grouped reads
the list page really makes (console.device_list), on their own.

The store is synthetic: `--devices` enrolled wings (default 50) with `--bundles` accepted bundles each (default
400), every tenth with a wrong clock, an audit head per bundle and a few quarantined bundles per device.

    python benchmarks/hq_console.py [--devices 50] [--bundles 400] [--repeats 40] [--db postgresql://...]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx2 as httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.hq.conftest import Clock  # noqa: E402
from tests.hq.console_browser import serving  # noqa: E402
from tests.hq.console_fixtures import ADMIN, PASSPHRASE, make_hq  # noqa: E402
from wingdesk.hq.console.device_list import device_rows  # noqa: E402
from wingdesk.hq.console.queries import device_detail  # noqa: E402
from wingdesk.hq.keystore import HqKeys  # noqa: E402
from wingdesk.hq.reports import device_statuses  # noqa: E402
from wingdesk.hq.repository import Device, QuarantineEntry  # noqa: E402
from wingdesk.hq.store import open_store  # noqa: E402
from wingdesk.sync import keys  # noqa: E402


def fill(store, devices: int, bundles: int) -> list[str]:
    ids = []
    for d in range(devices):
        device_id = str(uuid.uuid4())
        ids.append(device_id)
        with store.transaction() as repo:
            repo.add_device(Device(device_id, f"Prison {d // 5} – wing {d % 5}", os.urandom(32), os.urandom(32),
                                   "2025-01-01T00:00:00Z", None, None, bundles, "h", bundles,
                                   "2025-03-01T12:00:00Z", bundles, 0, ""))
            for seq in range(1, bundles + 1):
                repo._exec("INSERT INTO bundles (bundle_id, bundle_hash, device_id, seq, prev_hash, received_at, "
                           "record_count, clock_skew_s, raw, receipt, receipt_seq) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                           (str(uuid.uuid4()), uuid.uuid4().hex, device_id, seq, "p", "2025-03-01T12:00:00Z", 50,
                            -90000 if seq % 10 == 0 else None, b"r" * 64, b"c", seq))
                repo.add_audit_head(device_id, seq, (seq, seq * 7, f"{seq:064x}", f"{seq - 1:064x}", "u", b"s"))
            for q in range(3):
                repo.quarantine_bundle(QuarantineEntry(uuid.uuid4().hex, str(uuid.uuid4()), device_id,
                                                       bundles + q, "fork", "2025-03-01T12:00:00Z", b"x"), None, 0)
    return ids


def timed(fn, repeats: int) -> list[float]:
    fn()  # warm
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return runs


def p(runs: list[float], q: float) -> float:
    return statistics.quantiles(runs, n=100)[int(q) - 1] if len(runs) > 1 else runs[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--devices", type=int, default=50)
    parser.add_argument("--bundles", type=int, default=400)
    parser.add_argument("--repeats", type=int, default=40)
    parser.add_argument("--db")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder), args.db)
        hq = make_hq(Path(folder), HqKeys("prod", "HQ", "2025-01-01T00:00:00Z", keys.generate_key_pairs()), Clock,
                     store)
        ids = fill(store, args.devices, args.bundles)
        with serving(hq.app) as base, httpx.Client(base_url=base) as client:
            # the session cookie is Secure: http.cookiejar keeps it off plain HTTP, so it is carried by hand
            page = client.get("/login")
            client.headers["Cookie"] = page.headers["set-cookie"].split(";", 1)[0]
            token = page.text.split('action="/login"', 1)[1].split('name="csrf" value="', 1)[1].split('"', 1)[0]
            answer = client.post("/login", data={"csrf": token, "name": ADMIN, "passphrase": PASSPHRASE})
            client.cookies.clear()
            client.headers["Cookie"] = answer.headers["set-cookie"].split(";", 1)[0]
            assert client.get("/devices").status_code == 200
            rows = [
                ("devices list", lambda: client.get("/devices"), lambda: device_statuses(store)),
                ("one device", lambda: client.get(f"/devices/{ids[len(ids) // 2]}"),
                 lambda: device_detail(store, ids[len(ids) // 2])),
            ]
            print(f"HQ console, {args.devices} devices x {args.bundles} bundles "
                  f"({'PostgreSQL' if store.postgres else 'SQLite'}), {args.repeats} runs; ms p50 / p95")
            print(f"{'page':14} {'over HTTP':>17} {'store only':>17} {'ratio p50':>10}")
            for name, page_fn, data_fn in rows:
                web, data = timed(page_fn, args.repeats), timed(data_fn, args.repeats)
                print(f"{name:14} {p(web, 50):7.1f} / {p(web, 95):6.1f}  {p(data, 50):7.1f} / {p(data, 95):6.1f} "
                      f"{p(web, 50) / p(data, 50):9.1f}x")
            grouped = timed(lambda: device_rows(store), args.repeats)
            print(f"{'(the list page reads through console.device_list: ' + 'store only':50} "
                  f"{p(grouped, 50):7.1f} / {p(grouped, 95):6.1f})")
        store.close()


if __name__ == "__main__":
    main()
