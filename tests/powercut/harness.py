"""Run a writer on the volatile mount, pull the plug at a random moment, and hand back what it reported.

One cut: mount IMAGE through `volatile_fs`, start the writer on the mount, wait for its first reported
commit, let it run a random while, SIGKILL it (the CPU stops), unmount (the page cache is gone): IMAGE now
holds only what was fsync'd. The writer reports a commit only after the call returned, so every reported
line must be found in IMAGE afterwards.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
DB_CHILD = ROOT / "tests" / "integration" / "crash_child.py"
USB_CHILD = Path(__file__).with_name("usb_child.py")


@contextmanager
def volatile_mount(image: Path, mountpoint: Path, mode: str, seed: int):
    """IMAGE served at MOUNTPOINT until the block ends; then only IMAGE's durable tree is left."""
    mountpoint.mkdir(exist_ok=True)
    daemon = subprocess.Popen([sys.executable, "-m", "tests.powercut.volatile_fs", str(image), str(mountpoint),
                               "--mode", mode, "--seed", str(seed)], cwd=ROOT, env=ENV,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while not os.path.ismount(mountpoint):
            if daemon.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("volatile mount did not come up: " + daemon.stderr.read()[-2000:])
            time.sleep(0.01)
        yield mountpoint
    finally:
        busy = _unmount(mountpoint)
        try:
            _, err = daemon.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            daemon.kill()
            raise RuntimeError(f"volatile mount did not go away; held by {busy}") from None
    if daemon.returncode != 0:
        raise RuntimeError(f"volatile mount failed ({daemon.returncode}): {err[-2000:]}")


def _unmount(mountpoint: Path) -> list[str]:
    """Unmount; if something still holds the mount, say who and detach it lazily (the daemon ends when they let go)."""
    deadline = time.monotonic() + 10
    while os.path.ismount(mountpoint):
        if subprocess.run(["umount", str(mountpoint)], capture_output=True).returncode == 0:
            return []
        if time.monotonic() > deadline:
            busy = _holders(mountpoint)
            subprocess.run(["umount", "-l", str(mountpoint)], capture_output=True)
            return busy
        time.sleep(0.1)
    return []


def _holders(mountpoint: Path) -> list[str]:
    """Processes with a file, cwd or mapping under the mount (for the error message)."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            links = [os.readlink(p) for p in [proc / "cwd", *(proc / "fd").iterdir()]]
            maps = (proc / "maps").read_text()
            cmd = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")[:200]
        except OSError:
            continue
        if any(link.startswith(str(mountpoint)) for link in links) or str(mountpoint) in maps:
            found.append(f"{proc.name} {cmd}")
    return found


def run_and_cut(script: Path, args: list[str], rng: random.Random, max_delay: float = 0.25) -> list[str]:
    """Start `script args`, wait for one reported line, run a random while, SIGKILL; all lines it printed."""
    child = subprocess.Popen([sys.executable, str(script), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env=ENV, text=True)
    lines: list[str] = []
    try:
        line = child.stdout.readline()
        if not line:
            raise AssertionError("writer ended early: " + child.stderr.read()[-2000:])
        lines.append(line.strip())
        time.sleep(rng.uniform(0, max_delay))
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
        # read, not communicate(): communicate reads the raw pipe and would skip lines readline() already buffered
        rest = child.stdout.read()
        child.stdout.close()
        child.stderr.close()
    return lines + [line.strip() for line in rest.splitlines() if line.strip()]


def cut_during(image: Path, mountpoint: Path, script: Path, args: list[str], rng: random.Random,
               mode: str, max_delay: float = 0.25) -> list[str]:
    """One power cut while `script` writes below the mount; returns what it reported before the cut."""
    with volatile_mount(image, mountpoint, mode, rng.randrange(2**32)):
        return run_and_cut(script, args, rng, max_delay)
