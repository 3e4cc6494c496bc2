"""The session life cycle: first run or sign-in, main window, auto-lock, then sign-in again."""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from wingdesk.gui.dialogs.login_dialog import LoginDialog
from wingdesk.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from wingdesk.services.ports import WingAccess
    from wingdesk.services.wing import WingServices

WARM_UP_DELAY_MS = 300
WARM_UP_MODULES = ("wingdesk.gui.main_window", "wingdesk.gui.pages.home_page", "wingdesk.gui.session_guard")


def _warm_up() -> None:
    """Import the post-login modules while the user types (the import is pure Python, no Qt objects)."""
    for name in WARM_UP_MODULES:
        try:
            importlib.import_module(name)
        except ImportError:
            return


def _start_warm_up() -> None:
    threading.Thread(target=_warm_up, name="wingdesk-warm-up", daemon=True).start()


class AppController(QObject):
    """Owns no data: it swaps windows. `window_shown(window)` fires once a signed-in window is up."""

    window_shown = Signal(object)
    login_shown = Signal(object)

    def __init__(self, backend: WingAccess, tasks: TaskRunner, settings: QSettings, demo: bool = False,
                 accounts: tuple[Any, ...] = (), parent: QObject | None = None,
                 after_shown: Callable[[], object] | None = None) -> None:
        super().__init__(parent)
        self.after_shown = after_shown  # run once, as soon as the first window is up (app.py: no crash dumps)
        self.backend, self.tasks, self.settings, self.demo, self.accounts = backend, tasks, settings, demo, accounts
        self.login: LoginDialog | None = None
        self.wizard: QWidget | None = None
        self.window: Any = None
        self.guard: Any = None
        self.session: WingServices | None = None
        self.quit_on_close = True

    def start(self) -> None:
        if self.backend.exists():
            self.show_login()
        else:
            from wingdesk.gui.dialogs.first_run_wizard import FirstRunWizard

            self.wizard = FirstRunWizard(self.backend, self.tasks)
            self.wizard.wing_created.connect(self._on_wing_created)
            self.wizard.rejected.connect(self._on_login_rejected)
            self.wizard.show()
        if self.after_shown is not None:
            QTimer.singleShot(0, self.after_shown)  # first thing the event loop does: before any key is typed

    def _on_wing_created(self, admin_username: str) -> None:
        self.wizard = None
        self.show_login(admin_username)

    def show_login(self, username: str = "") -> LoginDialog:
        self.login = LoginDialog(self.backend, self.tasks, self.demo, self.accounts if self.demo else (), username)
        self.login.signed_in.connect(self._on_signed_in)
        self.login.rejected.connect(self._on_login_rejected)
        self.login.show()
        self.login.raise_()
        self.login.activateWindow()
        QTimer.singleShot(WARM_UP_DELAY_MS, _start_warm_up)  # after the window is painted, before typing ends
        self.login_shown.emit(self.login)
        return self.login

    def _on_login_rejected(self) -> None:
        if self.quit_on_close and self.session is None:
            QApplication.quit()

    def _on_signed_in(self, session: WingServices) -> None:
        from wingdesk.gui.main_window import MainWindow
        from wingdesk.gui.session_guard import SessionGuard

        login, self.login = self.login, None
        if login is not None:
            login.rejected.disconnect(self._on_login_rejected)
            login.accept()
            login.deleteLater()
        self.session = session
        self.window = MainWindow(session, self.tasks, self.settings, self.demo)
        self.window.lock_requested.connect(self.lock_now)
        self.window.switch_user_requested.connect(self.switch_user)
        self.window.closed.connect(self._on_window_closed)
        self.guard = SessionGuard(session, self.window, session.users.idle_lock_seconds(), parent=self,
                                  busy=_busy_of(self.tasks))
        self.guard.locked.connect(self._on_locked)
        self.window.show()
        self.window_shown.emit(self.window)
        from wingdesk.gui.translation_updates import load_translation_updates

        load_translation_updates(session, self.tasks)  # HQ's translation updates, from sign-in on

    def lock_now(self) -> None:
        self._lock("manual")

    def switch_user(self) -> None:
        self._lock("switch_user")

    def _lock(self, reason: str) -> None:
        """A lock the person asked for comes at once: work still running for this session (a send to HQ, a write
        to the stick) is told to stop at its next safe point instead of going on against a closed database."""
        if self.guard is not None:
            self.tasks.cancel_all()
            self.guard.lock(reason)

    def _on_locked(self, reason: str) -> None:
        guard, self.guard = self.guard, None
        self.window, self.session = None, None
        if guard is not None:
            guard.deleteLater()
        if reason != "quit":
            self.show_login()

    def _on_window_closed(self) -> None:
        self._lock("quit")
        if self.quit_on_close:
            QApplication.quit()


def _busy_of(tasks: TaskRunner) -> Callable[[], bool]:
    """Whether `tasks` is running something. Holds the runner only: a lambda over the controller tied it and its
    guard into a reference cycle, and a later test segfaulted inside Qt's event loop (tests/gui/test_locale.py then
    test_login.py, every time) - the collector freeing Qt objects at an arbitrary moment."""
    return lambda: tasks.busy
