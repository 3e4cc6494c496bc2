"""The wheel installs whole: built from the source tree, installed into a fresh virtual environment with nothing
of the source tree on the path, it has its version, its Serbian help, its word lists and its blocklist, and the
wing install does not pull the HQ server stack.

Slow (a wheel build and a full dependency install, about a minute): runs when WINGDESK_TEST_WHEEL=1 (.ci/run
sets it). Dependencies resolve through the same constraints.txt CI and installer/build.py use.
"""

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(1200),
    pytest.mark.skipif(os.environ.get("WINGDESK_TEST_WHEEL") != "1",
                       reason="wheel install test: set WINGDESK_TEST_WHEEL=1 (builds and installs, about a minute)"),
]

CHECK_DEMO = """
import sys
from pathlib import Path
import wingdesk
from wingdesk.app import open_demo_wing
from wingdesk.demo.generator import build_demo
from wingdesk.domain.wording import check_wording
assert "site-packages" in wingdesk.__file__, wingdesk.__file__
backend, clock = open_demo_wing(Path(sys.argv[1]))
build_demo(backend, clock, "normal", lambda *a: None)
session = backend.sign_in("officer", "amber-lantern-morning")
warnings = check_wording("He is dangerous and a psycho.", session.ctx.wordlists)
print(len(session.ctx.blocklist), len(session.ctx.wordlists), len(warnings))
session.lock()
"""


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp / "dist"), str(ROOT)],
                   check=True, cwd=tmp)
    wheels = list((tmp / "dist").glob("wingdesk-*.whl"))
    assert len(wheels) == 1
    venv.create(tmp / "venv", with_pip=True)
    python = tmp / "venv" / ("Scripts" if os.name == "nt" else "bin") / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", "-c", str(ROOT / "constraints.txt"), str(wheels[0])],
                   check=True, cwd=tmp)
    return python, tmp


def run(installed, *args, **env):
    python, tmp = installed
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "WINGDESK_"))}
    return subprocess.run([str(python), *args], capture_output=True, text=True, check=True, cwd=tmp,
                          env={**clean, "QT_QPA_PLATFORM": "offscreen", "WINGDESK_HOME": str(tmp / "home"), **env})


def test_version(installed):
    out = run(installed, "-m", "wingdesk", "--version").stdout
    assert out.strip() == f"wingdesk {_project_version()}"


def test_serbian_help_is_cyrillic(installed):
    out = run(installed, "-m", "wingdesk", "--lang", "sr", "--help").stdout
    assert "употреба: wingdesk" in out and "прикажи инсталирану верзију и изађи" in out


def test_demo_wing_has_word_lists_and_blocklist(installed):
    python, tmp = installed
    blocklist, lists, warnings = map(int, run(installed, "-c", CHECK_DEMO, str(tmp / "demo")).stdout.split())
    assert blocklist > 10000 and lists == 8 and warnings > 0


def test_the_hq_console_templates_are_installed(installed):
    code = ("from importlib.resources import files; c = files('wingdesk.hq.console'); "
            "print(sorted(p.name for p in (c / 'templates').iterdir()), (c / 'static' / 'console.css').is_file())")
    out = run(installed, "-c", code).stdout
    expected = sorted(p.name for p in (ROOT / "wingdesk" / "hq" / "console" / "templates").glob("*.html"))
    assert out.strip() == f"{expected} True"


def test_the_wing_install_has_no_hq_server_stack(installed):
    out = run(installed, "-m", "pip", "list", "--format=freeze").stdout.lower()
    assert "pyside6" in out and not any(f"\n{name}==" in "\n" + out for name in ("starlette", "uvicorn", "httptools"))


def _project_version():
    import tomllib

    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
