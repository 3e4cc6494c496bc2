"""Time to recover a wing whose administrators are gone (issue 22 item 3), against a sign-in on the same wing.

Run: .venv/bin/python -m benchmarks.recovery [--repeats 3]

The wing's key-derivation cost is calibrated on this machine as `wingdesk init` does it (crypto.kdf.calibrate), so
the baseline is what a user waits for at sign-in. Figures go in benchmarks/recovery.md.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from wingdesk.crypto import recovery_keys
from wingdesk.crypto.keyslots import SlotFile
from wingdesk.hq import recovery
from wingdesk.hq.admin_keys import new_admin_key
from wingdesk.hq.ingest import HqContext
from wingdesk.hq.keystore import HqKeys
from wingdesk.hq.store import open_store
from wingdesk.storage.backend import LocalWing
from wingdesk.sync import keys
from wingdesk.sync.hq_key_file import make_hq_key_file
from wingdesk.sync.wing_sync import WingSync

ADMIN_PW = "benchmark administrator passphrase"


def _enrolled_wing(root: Path, hq: HqContext) -> tuple[LocalWing, str]:
    from wingdesk.hq.devices import enrol_device

    wing = LocalWing(root / "wing", sync_factory=WingSync)  # kdf=None: calibrated here, as `wingdesk init`
    wing.create("R-Wing", "Benchmark Prison", "admin", "Ada Admin", ADMIN_PW)
    session = wing.sign_in("admin", ADMIN_PW)
    key_file = make_hq_key_file(hq.keys.current, hq.env, hq.keys.hq_name, "2025-01-01T00:00:00Z")
    request, code = session.sync.enrol(key_file)
    enrol_device(hq.store, request, code, hq.env, datetime.now(UTC))
    device = str(session.sync.status().device_id)
    data = recovery.recipient_file(hq.store, device, root / "recovery.key", hq.keys.current.sign_private,
                                   datetime.now(UTC))
    session.recovery.install_recovery_key(data)
    session.lock()
    return wing, device


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp())
    (root / "recovery.key").write_bytes(recovery_keys.new_key_file())
    store = open_store(root / "hq")
    hq = HqContext(store, HqKeys("prod", "HQ", "2025-01-01T00:00:00Z", keys.generate_key_pairs()))
    admins = [new_admin_key("Ana"), new_admin_key("Bora")]
    for admin in admins:
        recovery.register_admin(store, admin, datetime.now(UTC))
    wing, device = _enrolled_wing(root, hq)
    sign_ins, grants, recovers = [], [], []
    for i in range(args.repeats):
        started = time.perf_counter()
        wing.sign_in("admin", ADMIN_PW).lock()
        sign_ins.append(time.perf_counter() - started)
        copy = root / f"copy{i}"
        shutil.copytree(wing.directory, copy)
        slots = SlotFile.load(copy / "slots.json")
        found = slots.find("admin")
        assert found is not None
        slots.remove(found.user_id)  # every administrator gone
        slots.save(copy / "slots.json")
        started = time.perf_counter()
        issued = recovery.issue_grant(store, device, root / "recovery.key", admins, hq.keys.current.sign_private,
                                      datetime.now(UTC), generation=1)
        grants.append(time.perf_counter() - started)
        started = time.perf_counter()
        LocalWing(copy, sync_factory=WingSync).recover(issued.data, issued.code, "rescuer", "Rhea Rescuer",
                                                         "the rescuer's own new passphrase")
        recovers.append(time.perf_counter() - started)
    store.close()
    base = statistics.median(sign_ins)
    print("| figure | median | min | max | ratio to sign-in |")
    print("|---|---|---|---|---|")
    for name, values in (("sign-in of the administrator (baseline)", sign_ins),
                         ("HQ: issue a grant (two approvals, code sealing, HQ signature)", grants),
                         ("wing: `recover` (grant checks, code, new slot, audit, re-sealed recovery slot)", recovers)):
        print(f"| {name} | {statistics.median(values):.2f} s | {min(values):.2f} s | {max(values):.2f} s | "
              f"{statistics.median(values) / base:.2f} |")


if __name__ == "__main__":
    main()
