"""Fixtures for the page tests: one demo wing built per session, copied per test; password-dialog answering."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QDateTime, QTimer  # noqa: E402
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


def shown_page(qtbot: object, tasks: TaskRunner, cls: Any, session: object, *args: object,
               size: tuple[int, int] | None = None) -> Any:
    """A `cls(session, tasks, *args)` page, resized to `size` when given, shown and refreshed, once its background
    reads have reached the screen."""
    page = cls(session, tasks, *args)
    qtbot.addWidget(page)  # type: ignore[attr-defined]
    if size is not None:
        page.resize(*size)
    page.show()
    page.refresh()
    settle(qtbot, tasks)
    return page


def open_prisoner_page(qtbot: object, session: object, tasks: TaskRunner, prisoner_id: str) -> object:
    """A prisoner's page, shown and refreshed, once its background reads have reached the screen."""
    from wingdesk.gui.pages.prisoner_page import PrisonerPage

    return shown_page(qtbot, tasks, PrisonerPage, session, prisoner_id)


def log_cell_search_with_a_phone(qtbot: object, tasks: TaskRunner, log_page: Any, finds: str,
                                 seconds_ago: int) -> None:
    """On a wing log page, save an intelligence-led search of cell B2-07 (the prisoner in row 1 of the picker) that
    found a mobile phone described by `finds`, dated `seconds_ago` before now; the finds raise an incident draft."""
    editor = log_page.editor
    editor.set_entry_type("SEARCH")
    editor.when.setDateTime(QDateTime.currentDateTime().addSecs(-seconds_ago))
    editor.prisoner.setCurrentIndex(1)
    editor.form().set_values({"search_kind": "CELL", "reason": "INTELLIGENCE_LED", "place": "B2-07",
                              "authorised_by": "Dragan Petrovski", "finds": finds, "find_type": "MOBILE_PHONE"})
    editor.save_button.click()
    settle(qtbot, tasks)


def ask_security_task(qtbot: object, tasks: TaskRunner, page: Any, security: Any, task_type: str,
                      text: str) -> tuple[Any, list[Any]]:
    """On security's intelligence page, choose the first report with a sanitised text and ask the supervisors a
    task on it: (the report, the tasks on it that this asked)."""
    page.list.setCurrentRow(next(n for n, r in enumerate(page.reports) if r.body.get("sanitised_text")))
    report = page.current
    before = {t.id for t in security.security_tasks.tasks()}
    page.task_type.setCurrentIndex(page.task_type.findData(task_type))
    page.task_text.setText(text)
    page.task_button.click()
    settle(qtbot, tasks)
    return report, [t for t in security.security_tasks.tasks(report_id=report.id) if t.id not in before]


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
