"""GUI test fixtures: offscreen Qt, one demo wing built per session and copied per test, signed-in sessions."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402

from wingdesk.crypto.kdf import floor_params  # noqa: E402
from wingdesk.demo.accounts import DEMO_ACCOUNTS  # noqa: E402
from wingdesk.demo.clock import DemoClock  # noqa: E402
from wingdesk.demo.generator import build_demo  # noqa: E402
from wingdesk.gui.tasks import TaskRunner  # noqa: E402
from wingdesk.i18n import set_language  # noqa: E402
from wingdesk.storage.backend import LocalWing  # noqa: E402

PASSPHRASES = {a.username: a.passphrase for a in DEMO_ACCOUNTS}


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("template") / "wing"
    clock = DemoClock()
    build_demo(LocalWing(folder, kdf=floor_params(), clock=clock), clock)
    return folder


@pytest.fixture
def wing(tmp_path, demo_template):
    """A private copy of the demo wing for this test."""
    folder = tmp_path / "wing"
    shutil.copytree(demo_template, folder)
    return LocalWing(folder, kdf=floor_params())


@pytest.fixture
def tasks(qapp):
    runner = TaskRunner()
    yield runner
    runner.wait(10000)


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat)


@pytest.fixture(autouse=True)
def english():
    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def sign_in(wing):
    """sign_in("officer") -> a session of that demo account; every session is locked after the test."""
    sessions = []

    def open_session(username):
        session = wing.sign_in(username, PASSPHRASES[username])
        sessions.append(session)
        return session

    yield open_session
    for session in sessions:
        session.lock()
