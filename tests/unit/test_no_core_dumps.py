"""Both programs start by keeping decrypted records and keys out of crash dumps (a subprocess each: the settings
last for the life of a process)."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux process settings")

_REPORT = (
    "import ctypes, ctypes.util, resource;"
    "libc = ctypes.CDLL(ctypes.util.find_library('c'));"
    "print(resource.getrlimit(resource.RLIMIT_CORE), libc.prctl(3, 0, 0, 0, 0))"  # 3 = PR_GET_DUMPABLE
)


def _after(start: str) -> str:
    code = f"{start}\n{_REPORT.replace(';', chr(10))}"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def test_a_plain_python_process_may_dump_so_the_check_can_fail():
    assert _after("pass").endswith(" 1")


@pytest.mark.parametrize(
    "start",
    [
        "from wingdesk.crypto.no_core_dumps import forbid_core_dumps\nprint(forbid_core_dumps())",
        "import wingdesk.app\ntry:\n    wingdesk.app.main(['--help'])\nexcept SystemExit:\n    pass",
        "import wingdesk.hq.cli\ntry:\n    wingdesk.hq.cli.main(['status'])\nexcept SystemExit:\n    pass",
    ],
)
def test_no_core_file_and_not_dumpable(start, tmp_path, monkeypatch):
    monkeypatch.setenv("WINGDESK_HQ_HOME", str(tmp_path))  # 'status' refuses an empty folder, after the settings
    assert _after(start).endswith("(0, 0) 0")
