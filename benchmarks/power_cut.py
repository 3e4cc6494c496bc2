"""Power-cut soak: cut the power under the wing's writer many times (default 1,000) and check nothing is lost.

    python benchmarks/power_cut.py [--cuts 1000] [--usb-cuts 200] [--mode both|drop|tear]

Needs root (or FUSE rights), /dev/fuse, libfuse3 and mfusepy. The writer (tests/integration/crash_child.py,
the same as the kill soak's) runs on a FUSE mount that keeps every unsynced write in its own memory
(tests/powercut/volatile_fs.py); a cut kills the writer and drops the mount, so the disk keeps only what was
fsync'd ("drop"), or that plus a random subset of the unsynced sectors and directory changes ("tear").
After each cut the wing is reopened from the disk image: every commit the writer reported must be there,
PRAGMA integrity_check and cipher_integrity_check must pass and the audit chain must verify. Then the same
for USB bundle exports: no `.wdb` on the stick may be anything but the whole bundle, and no bundle reported
"safe to remove" may be missing.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.powercut.checks import check_stick, check_wing  # noqa: E402
from tests.powercut.harness import DB_CHILD, USB_CHILD, cut_during  # noqa: E402
from wingdesk.crypto.kdf import floor_params  # noqa: E402
from wingdesk.domain.roles import Role  # noqa: E402
from wingdesk.storage.backend import LocalWing  # noqa: E402

OFFICER = ("off", "power officer passphrase")
READER = ("sup", "power supervisor passphrase")
AUDITOR = ("gov", "power governor passphrase")


def make_wing(folder: Path) -> None:
    wing = LocalWing(folder, kdf=floor_params())
    wing.create("Power", "Power Prison", "admin", "Power Admin", "power admin passphrase")
    admin = wing.sign_in("admin", "power admin passphrase")
    admin.users.add_user(OFFICER[0], "Power Officer", Role.OFFICER, OFFICER[1])
    admin.users.add_user(READER[0], "Power Supervisor", Role.SUPERVISOR, READER[1])
    admin.users.add_user(AUDITOR[0], "Power Governor", Role.GOVERNOR, AUDITOR[1])
    admin.lock()
    sup = wing.sign_in(*READER)
    sup.prisoners.admit("P-1", "Test", "Prisoner", "M", "REMAND")
    sup.lock()


def modes(choice: str, n: int) -> list[str]:
    return ["drop", "tear"] * (n // 2) + ["drop"] * (n % 2) if choice == "both" else [choice] * n


def wing_cuts(work: Path, cuts: int, choice: str, rng: random.Random) -> int:
    image, mount = work / "disk", work / "mnt"
    make_wing(image / "wing")
    reported, start = [], time.perf_counter()
    for cut, mode in enumerate(modes(choice, cuts), 1):
        lines = cut_during(image, mount, DB_CHILD, ["burst", str(mount / "wing"), *OFFICER], rng, mode)
        reported += lines
        verdict = check_wing(image / "wing", reported, READER, AUDITOR)
        if not verdict.ok:
            print(f"cut {cut} ({mode}): LOST {len(verdict.missing)} of {len(reported)}, integrity "
                  f"{verdict.integrity}, cipher {verdict.cipher_errors}, chain intact {verdict.chain_intact}")
            return 1
        if cut % 50 == 0 or cut == cuts:
            print(f"{cut} cuts, {len(reported)} reported commits, 0 lost, integrity ok, audit chain intact "
                  f"({verdict.chain_entries} entries) ({time.perf_counter() - start:.0f} s)", flush=True)
    return 0


def usb_cuts(work: Path, cuts: int, choice: str, rng: random.Random) -> int:
    image, mount = work / "stick-disk", work / "stick-mnt"
    (image / "stick").mkdir(parents=True)
    done = intents = 0
    history: list[str] = []
    start = time.perf_counter()
    for cut, mode in enumerate(modes(choice, cuts), 1):
        if cut % 10 == 1:  # a fresh stick now and then: the export makes WINGDESK/outbox itself
            shutil.rmtree(image / "stick" / "WINGDESK", ignore_errors=True)
            history = []
        lines = cut_during(image, mount, USB_CHILD, [str(mount / "stick")], rng, mode, max_delay=0.1)
        history += lines
        problems = check_stick(image / "stick", history)
        if problems:
            print(f"USB cut {cut} ({mode}): " + "; ".join(problems))
            return 1
        done += sum(1 for line in lines if line.startswith("done "))
        intents += sum(1 for line in lines if line.startswith("intent "))
        if cut % 50 == 0 or cut == cuts:
            print(f"{cut} USB cuts, {intents} exports started, {done} reported safe, 0 lost, 0 incomplete .wdb "
                  f"({time.perf_counter() - start:.0f} s)", flush=True)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cuts", type=int, default=1000)
    parser.add_argument("--usb-cuts", type=int, default=200)
    parser.add_argument("--mode", choices=["both", "drop", "tear"], default="both")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="wd-powercut-"))
    failed = wing_cuts(work, args.cuts, args.mode, rng) or usb_cuts(work, args.usb_cuts, args.mode, rng)
    if failed:
        print(f"disk images kept in {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return failed


if __name__ == "__main__":
    sys.exit(main())
