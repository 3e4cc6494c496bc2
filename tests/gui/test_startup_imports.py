"""`wingdesk` with no command reaches the sign-in window without the store, sync, crypto or the CLI's commands.

A real `python -m wingdesk --data DIR` in a subprocess (offscreen); wingdesk/gui/smoke.py writes sys.modules at
the moment the sign-in window is on screen (WINGDESK_SMOKE_MODULES). Issue 20: every heavy module imported before
the window pushed start-up past 1.5x a bare Qt window.
"""

import os
import subprocess
import sys

# Not needed to show the sign-in window; each is loaded on first use or after the window is up.
HEAVY = (
    "sqlcipher3", "sqlite3", "cryptography", "pyrage", "httpx", "httpx2", "zstandard", "orjson", "rfc8785",
    "uuid6", "babel", "starlette", "uvicorn", "psycopg", "email", "importlib.metadata", "dataclasses", "getpass",
    "platformdirs",  # only without --data or WINGDESK_HOME
    "wingdesk.storage", "wingdesk.sync", "wingdesk.hq", "wingdesk.demo", "wingdesk.services.sign_in",
    "wingdesk.cli.commands", "wingdesk.cli.sync_commands", "wingdesk.cli.passwords",
    "wingdesk.gui.main_window", "wingdesk.gui.pages", "wingdesk.gui.session_guard", "wingdesk.i18n.formats",
)
# crypto/no_core_dumps.py runs in the first event-loop turn after the window shows (before anyone can type);
# nothing else of the crypto package may be there.
ALLOWED_CRYPTO = {"wingdesk.crypto", "wingdesk.crypto.no_core_dumps"}


def _heavy(name: str) -> bool:
    return any(name == h or name.startswith(h + ".") for h in HEAVY) or (
        name.startswith("wingdesk.crypto") and name not in ALLOWED_CRYPTO)


def modules_at_sign_in_window(folder, extra_args=()):
    for name in ("wing.db", "slots.json"):  # an existing wing as far as the window can tell (files only)
        (folder / name).write_bytes(b"")
    out = folder / "modules.txt"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "WINGDESK_SMOKE_EXIT_MS": "0",
           "WINGDESK_SMOKE_MODULES": str(out), "LANG": "sr_RS.UTF-8"}
    result = subprocess.run([sys.executable, "-m", "wingdesk", "--data", str(folder), *extra_args],
                            capture_output=True, text=True, env=env, timeout=120, check=False)
    assert result.returncode == 0 and "login window shown" in result.stdout, result.stderr[-2000:]
    return out.read_text("utf-8").split()


def test_no_heavy_module_before_the_sign_in_window(tmp_path):
    modules = modules_at_sign_in_window(tmp_path)
    assert "wingdesk.gui.dialogs.login_dialog" in modules and "PySide6.QtWidgets" in modules  # a real dump
    assert "wingdesk.config.package_data" in modules  # the installation was checked before the window
    heavy = sorted(name for name in modules if _heavy(name))
    assert heavy == [], f"imported before the sign-in window: {heavy}"


def test_the_check_sees_a_heavy_import(tmp_path):
    """The same harness flags a module the window does not need when something imports it early."""
    code = "import runpy, sys, sqlite3; sys.argv[0] = 'wingdesk'; runpy.run_module('wingdesk', run_name='__main__')"
    for name in ("wing.db", "slots.json"):
        (tmp_path / name).write_bytes(b"")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "WINGDESK_SMOKE_EXIT_MS": "0",
           "WINGDESK_SMOKE_MODULES": str(tmp_path / "modules.txt")}
    subprocess.run([sys.executable, "-c", code, "--data", str(tmp_path)], capture_output=True, env=env,
                   timeout=120, check=True)
    flagged = {name.split(".")[0] for name in (tmp_path / "modules.txt").read_text("utf-8").split() if _heavy(name)}
    assert flagged == {"sqlite3"}
