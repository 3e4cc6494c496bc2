"""Power cuts on a FUSE mount that really drops unsynced writes: no reported commit or safe export is lost.

The mount (tests/powercut/volatile_fs.py) needs /dev/fuse, libfuse3 and root (CI runs as root on the same
kind of machine); a missing piece fails the test rather than skipping it. The long soak is
benchmarks/power_cut.py.
"""

import os
import random
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from tests.integration.conftest import ACCOUNTS
from tests.powercut.checks import check_stick, check_wing
from tests.powercut.harness import DB_CHILD, USB_CHILD, cut_during, volatile_mount
from tests.powercut.usb_child import make_bundles
from wingdesk.sync import usb

CUTS = int(os.environ.get("WINGDESK_POWERCUT_CUTS", "20"))
SQLITE_CHILD = Path(__file__).with_name("power_cut_sqlite_child.py")


def _sqlite_cut(tmp_path, synchronous):
    image, mount = tmp_path / "disk", tmp_path / "mnt"
    image.mkdir()
    conn = sqlite3.connect(image / "plain.db")
    conn.executescript("PRAGMA journal_mode = WAL; CREATE TABLE t (n INTEGER)")
    conn.close()
    lines = cut_during(image, mount, SQLITE_CHILD, [str(mount / "plain.db"), synchronous], random.Random(3),
                       "drop", max_delay=0.2)
    conn = sqlite3.connect(image / "plain.db")
    stored = {row[0] for row in conn.execute("SELECT n FROM t")}
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    return [int(n) for n in lines], stored


def test_the_mount_really_loses_unsynced_commits(tmp_path):
    # control: with fsync switched off, SQLite's reported commits are gone after the cut
    reported, stored = _sqlite_cut(tmp_path, "OFF")
    assert reported and not stored & set(reported)


def test_the_mount_keeps_synced_commits(tmp_path):
    reported, stored = _sqlite_cut(tmp_path, "FULL")
    assert reported and set(reported) <= stored


def test_the_mount_serves_its_own_unsynced_writes(tmp_path):
    image, mount = tmp_path / "disk", tmp_path / "mnt"
    image.mkdir()
    with volatile_mount(image, mount, "drop", 0):
        (mount / "a").write_bytes(b"unsynced")
        assert (mount / "a").read_bytes() == b"unsynced"
        assert sorted(p.name for p in mount.iterdir()) == ["a"]
    assert list(image.iterdir()) == []


@pytest.mark.slow
def test_power_cut_during_write_burst_loses_no_reported_commit(wing, tmp_path):
    image, mount = tmp_path / "disk", tmp_path / "mnt"
    image.mkdir()
    shutil.move(wing.directory, image / "wing")
    rng, reported = random.Random(20), []
    officer, reader = ("off1", ACCOUNTS["off1"][2]), ("sup", ACCOUNTS["sup"][2])
    for cut in range(CUTS):
        mode = "tear" if cut % 2 else "drop"
        reported += cut_during(image, mount, DB_CHILD, ["burst", str(mount / "wing"), *officer], rng, mode)
        auditor = ("gov", ACCOUNTS["gov"][2]) if cut == CUTS - 1 else None
        verdict = check_wing(image / "wing", reported, reader, auditor)
        assert not verdict.missing, f"cut {cut} ({mode}): {len(verdict.missing)} reported commits lost"
        assert verdict.integrity == "ok" and verdict.cipher_errors == []
    assert verdict.chain_intact and verdict.chain_entries > CUTS
    assert len(reported) >= CUTS


@pytest.mark.slow
def test_power_cut_during_usb_export_leaves_only_whole_bundles(tmp_path):
    image, mount = tmp_path / "disk", tmp_path / "mnt"
    (image / "stick").mkdir(parents=True)
    rng, history, done = random.Random(21), [], 0
    for cut in range(max(8, CUTS // 2)):
        if cut % 3 == 0:  # a fresh stick: the export makes WINGDESK/outbox itself
            shutil.rmtree(image / "stick" / usb.ROOT_DIR, ignore_errors=True)
            history = []
        lines = cut_during(image, mount, USB_CHILD, [str(mount / "stick")], rng, "tear" if cut % 2 else "drop",
                           max_delay=0.1)
        history += lines
        assert check_stick(image / "stick", history) == [], f"cut {cut}"
        done += sum(1 for line in lines if line.startswith("done "))
    assert done > 0


def test_reexport_after_a_killed_export_is_durable_before_it_says_safe(tmp_path):
    # an export killed between its rename and the directory fsync leaves the right bytes under the final name,
    # not yet durable; a re-export finds them and says "safe to remove": the power then goes
    image, mount = tmp_path / "disk", tmp_path / "mnt"
    (image / "stick" / usb.ROOT_DIR / "outbox").mkdir(parents=True)
    data = next(make_bundles())
    with volatile_mount(image, mount, "drop", 0):
        outbox = usb.outbox_dir(mount / "stick")
        part = outbox / "killed.part"
        with open(part, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(part, outbox / usb.bundle_file_name(data))
        usb.write_bundle(outbox, data, root=mount / "stick")
    assert (usb.outbox_dir(image / "stick") / usb.bundle_file_name(data)).read_bytes() == data


def test_the_harness_runs_with_this_interpreter():
    assert Path(sys.executable).exists() and DB_CHILD.exists() and USB_CHILD.exists()
