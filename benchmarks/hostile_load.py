"""HQ under hostile clients: the load tests' figures, direct (uvicorn's TLS) and behind Debian's nginx.

Runs tests/integration/test_hostile_load.py, which starts the real `wingdesk-hq serve` (and nginx) on loopback,
and prints the lines it measures: hostile connections held open and how long a genuine `wingdesk sync push` took
among them; the server's resident memory (with its bundle readers) before, at peak and after ten concurrent
250 MiB junk uploads, and how each upload was answered. The run kept with the code: benchmarks/hostile_load.md.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = "tests/integration/test_hostile_load.py"


def main() -> int:
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-s", TESTS],
                          cwd=ROOT, capture_output=True, text=True, timeout=1800)
    for line in (done.stdout + done.stderr).splitlines():
        if line.startswith("[") or " passed" in line or " failed" in line:
            print(line)
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
