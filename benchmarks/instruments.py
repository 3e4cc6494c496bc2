"""Instrument benchmark: what opening an assessment form costs for its instrument (target for the form: <= 100 ms).

For each shipped instrument, in the same run:
  baseline  json.loads of the stored definition (the least any reader must do);
  cold      InstrumentService.view() with nothing cached: read the version from the encrypted wing database,
            strict parse, full validation, then every text in one language with the region's guidance;
  warm      the same call once the version is parsed (versions never change, so the service keeps them).

Usage: python benchmarks/instruments.py [--repeats N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from wingdesk.config.package_data import SHIPPED_INSTRUMENTS, read_bytes, shipped_instruments  # noqa: E402
from wingdesk.crypto.kdf import floor_params  # noqa: E402
from wingdesk.storage.backend import LocalWing  # noqa: E402

PASS = "instrument benchmark passphrase"


def _median_ms(call, repeats: int) -> float:
    times = []
    for _n in range(repeats):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def measure(repeats: int) -> list[dict[str, object]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        wing = LocalWing(Path(tmp) / "wing", kdf=floor_params())
        wing.create("Bench", "Bench prison", "admin", "Bench Admin", PASS)
        session = wing.sign_in("admin", PASS)
        try:
            session.instruments.install_shipped(shipped_instruments())
            service = session.instruments
            for name in SHIPPED_INSTRUMENTS:
                data = read_bytes("resources", "instruments", name)
                instrument_id = json.loads(data)["id"]

                def cold(instrument_id: str = instrument_id) -> None:
                    service._parsed.clear()  # noqa: SLF001 - the benchmark measures the uncached path
                    service.view(instrument_id, "mk", region="MK")

                baseline = _median_ms(lambda data=data: json.loads(data), repeats)
                cold_ms = _median_ms(cold, repeats)
                warm_ms = _median_ms(lambda i=instrument_id: service.view(i, "sq", region="XK"), repeats)
                rows.append({"instrument": instrument_id, "bytes": len(data), "json_loads_ms": round(baseline, 2),
                             "cold_view_ms": round(cold_ms, 2), "warm_view_ms": round(warm_ms, 3),
                             "cold_vs_json_loads": round(cold_ms / baseline, 1)})
        finally:
            session.lock()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=50)
    args = parser.parse_args()
    rows = measure(args.repeats)
    for row in rows:
        print(f"{row['instrument']:<24} {row['bytes']:>6} B  json.loads {row['json_loads_ms']:>6.2f} ms  "
              f"cold view {row['cold_view_ms']:>6.2f} ms ({row['cold_vs_json_loads']}x)  "
              f"warm view {row['warm_view_ms']:>6.3f} ms")
    worst = max(float(str(r["cold_view_ms"])) for r in rows)
    print(f"worst cold load for a form: {worst:.2f} ms (target for the assessment form: <= 100 ms)")
    print(json.dumps(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
