"""Fixtures for the page tests: one demo wing built per session, copied per test; password-dialog answering."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialogButtonBox  # noqa: E402

from wingdesk.crypto.kdf import floor_params  # noqa: E402
from wingdesk.demo.accounts import DEMO_ACCOUNTS  # noqa: E402
from wingdesk.demo.clock import DemoClock  # noqa: E402
from wingdesk.demo.generator import build_demo  # noqa: E402
from wingdesk.gui.dialogs.confirm_password import ConfirmPasswordDialog  # noqa: E402
from wingdesk.gui.tasks import TaskRunner  # noqa: E402
from wingdesk.storage.backend import LocalWing  # noqa: E402

PASSWORDS = {a.username: a.passphrase for a in DEMO_ACCOUNTS}


_TEMPLATE: list[Path] = []  # each test module imports the fixture anew, so cache the build per process


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not _TEMPLATE:
        folder = tmp_path_factory.mktemp("demo-template") / "wing"
        clock = DemoClock()
        build_demo(LocalWing(folder, kdf=floor_params(), clock=clock), clock)
        _TEMPLATE.append(folder)
    return _TEMPLATE[0]


@pytest.fixture
def wing_dir(demo_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "wing"
    shutil.copytree(demo_template, target)
    return target


class Wing:
    """Sign in to the copied demo wing as a demo user; every session is locked at the end of the test."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.sessions: list[object] = []

    def sign_in(self, username: str) -> object:
        session = LocalWing(self.folder, kdf=floor_params(), clock=DemoClock()).sign_in(username, PASSWORDS[username])
        self.sessions.append(session)
        return session

    def close(self) -> None:
        for session in self.sessions:
            session.lock()  # type: ignore[attr-defined]


@pytest.fixture
def wing(wing_dir: Path) -> object:
    found = Wing(wing_dir)
    yield found
    found.close()


@pytest.fixture
def tasks(qtbot: object) -> TaskRunner:
    runner = TaskRunner()
    yield runner
    runner.wait(10000)
    QApplication.processEvents()


def settle(qtbot: object, tasks: TaskRunner, timeout: int = 10000) -> None:
    """Wait until every background task finished and its result reached the UI thread."""
    qtbot.waitUntil(lambda: not tasks.busy, timeout=timeout)  # type: ignore[attr-defined]
    QApplication.processEvents()
    qtbot.waitUntil(lambda: not tasks.busy, timeout=timeout)  # type: ignore[attr-defined]


def open_prisoner_page(qtbot: object, session: object, tasks: TaskRunner, prisoner_id: str) -> object:
    """A prisoner's page, shown and refreshed, once its background reads have reached the screen."""
    from wingdesk.gui.pages.prisoner_page import PrisonerPage

    page = PrisonerPage(session, tasks, prisoner_id)  # type: ignore[arg-type]
    qtbot.addWidget(page)  # type: ignore[attr-defined]
    page.show()
    page.refresh()
    settle(qtbot, tasks)
    return page


def planless_treatment_page(qtbot: object, session: object, tasks: TaskRunner) -> tuple[object, str]:
    """The session's treatment page, opened on a prisoner who has no plan yet: (page, prisoner id)."""
    from wingdesk.gui.pages.treatment_page import TreatmentPage

    page = TreatmentPage(session, tasks)  # type: ignore[arg-type]
    qtbot.addWidget(page)  # type: ignore[attr-defined]
    page.refresh()
    settle(qtbot, tasks)
    pid = next(pid for pid in page.picker.prisoners
               if session.treatment.current_plan(pid) is None)  # type: ignore[attr-defined]
    page.picker.set_current(pid)
    settle(qtbot, tasks)
    return page, pid


def answer_password(passphrase: str, seen: list[bool] | None = None) -> None:
    """When the re-ask dialog opens, type the passphrase and confirm (runs inside the dialog's event loop)."""

    def attempt() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, ConfirmPasswordDialog) and w.isVisible()]
        if not dialogs:
            QTimer.singleShot(20, attempt)
            return
        dialog = dialogs[0]
        if seen is not None:
            seen.append(True)
        dialog.edit.setText(passphrase)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, attempt)
