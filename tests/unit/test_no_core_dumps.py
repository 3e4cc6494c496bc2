"""Both programs keep decrypted records, keys and typed passphrases out of crash dumps (a subprocess each: the
settings last for the life of a process). `wingdesk` does it before a command runs, or for the window as soon as
the window is shown (crypto is not imported before the window, for start-up time)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux process settings")

_REPORT = (
    "import ctypes, ctypes.util, resource;"
    "libc = ctypes.CDLL(ctypes.util.find_library('c'));"
    "print(resource.getrlimit(resource.RLIMIT_CORE), libc.prctl(3, 0, 0, 0, 0))"  # 3 = PR_GET_DUMPABLE
)


def _after(start: str, **env: str) -> str:
    code = f"{start}\n{_REPORT.replace(';', chr(10))}"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={**os.environ, **env}).stdout.strip()


def test_a_plain_python_process_may_dump_so_the_check_can_fail():
    assert _after("pass").endswith(" 1")


@pytest.mark.parametrize(
    "start",
    [
        "from wingdesk.crypto.no_core_dumps import forbid_core_dumps\nprint(forbid_core_dumps())",
        "import wingdesk.app\nwingdesk.app.main(['--data', 'WING', '--user', 'x', 'audit', 'verify'])",
        "import wingdesk.hq.cli\ntry:\n    wingdesk.hq.cli.main(['status'])\nexcept SystemExit:\n    pass",
    ],
)
def test_no_core_file_and_not_dumpable(start, tmp_path, monkeypatch):
    monkeypatch.setenv("WINGDESK_HQ_HOME", str(tmp_path))  # 'status' refuses an empty folder, after the settings
    # 'audit verify' on an empty folder refuses ("no wing") after the settings
    assert _after(start.replace("WING", str(tmp_path))).endswith("(0, 0) 0")


def test_the_window_path_hardens_once_the_sign_in_window_shows(tmp_path):
    for name in ("wing.db", "slots.json"):  # enough for the sign-in window; the store is opened only at sign-in
        (tmp_path / name).write_bytes(b"")
    start = f"import wingdesk.app\nassert wingdesk.app.main(['--data', {str(tmp_path)!r}, 'gui']) == 0"
    report = _after(start, WINGDESK_SMOKE_EXIT_MS="0", QT_QPA_PLATFORM="offscreen")
    assert "login window shown" in report and report.endswith("(0, 0) 0")
