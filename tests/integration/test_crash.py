"""SIGKILL at random points: no reported commit is lost, the files stay sound, slot files stay openable."""

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.integration.conftest import ACCOUNTS
from wingdesk.domain.errors import AuthError

CHILD = Path(__file__).with_name("crash_child.py")
ROOT = Path(__file__).resolve().parents[2]
RUNS = int(os.environ.get("WINGDESK_CRASH_RUNS", "50"))


def run_and_kill(args, rng, min_lines=1, max_delay=0.25):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, str(CHILD), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env=env, text=True)
    lines = []
    try:
        while len(lines) < min_lines:
            line = child.stdout.readline()
            if not line:
                raise AssertionError("child ended early: " + child.stderr.read()[-2000:])
            lines.append(line.strip())
        time.sleep(rng.uniform(0, max_delay))
    finally:
        child.send_signal(signal.SIGKILL)
        rest, _ = child.communicate(timeout=30)
    lines += [line.strip() for line in rest.splitlines() if line.strip()]
    return lines


@pytest.mark.slow
def test_kill_during_write_burst_loses_no_reported_commit(wing):
    rng = random.Random(7)
    reported = []
    for _ in range(RUNS):
        reported += run_and_kill(["burst", str(wing.directory), "off1", ACCOUNTS["off1"][2]], rng)
        session = wing.sign_in("sup", ACCOUNTS["sup"][2])
        try:
            conn = session.ctx.repo.conn
            stored = {r[0] for r in conn.execute("SELECT id FROM records WHERE kind = 'observation'")}
            missing = [rid for rid in reported if rid not in stored]
            assert not missing, f"{len(missing)} reported commits lost"
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("PRAGMA cipher_integrity_check").fetchall() == []
        finally:
            session.lock()
    gov = wing.sign_in("gov", ACCOUNTS["gov"][2])
    assert gov.audit.verify_chain().intact
    gov.lock()
    assert len(reported) >= RUNS


@pytest.mark.slow
def test_kill_during_slot_file_rewrite_leaves_old_or_new(wing):
    rng = random.Random(11)
    first, second = ACCOUNTS["off2"][2], "officer two second passphrase"
    for _ in range(max(10, RUNS // 5)):
        run_and_kill(["passwords", str(wing.directory), "off2", first, second], rng, min_lines=0, max_delay=0.6)
        opened = None
        for candidate in (first, second):
            try:
                opened = wing.sign_in("off2", candidate)
                first, second = candidate, (second if candidate == first else first)
                break
            except AuthError:
                continue
        assert opened is not None, "neither the old nor the new passphrase opens the wing"
        opened.lock()
        assert not [p for p in wing.directory.iterdir() if p.name.endswith(".part")]  # cleaned at unlock
