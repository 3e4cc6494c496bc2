"""Start the desktop application: Qt setup, one instance per data folder, language, then the sign-in window."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLockFile, QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from wingdesk.i18n import LANGUAGES, _, current_language, on_language_changed, set_language

if TYPE_CHECKING:
    from wingdesk.services.ports import WingAccess

SETTINGS_FILE = "wingdesk-gui.ini"  # window state and language only; never secrets
LOCK_FILE = ".wingdesk-gui.lock"


def make_app() -> QApplication:
    """The one QApplication, with a readable default font. High-DPI scaling is Qt 6's default, pass-through (not
    set here: naming Qt.HighDpiScaleFactorRoundingPolicy builds every enum of the `Qt` namespace, tens of ms before
    the sign-in window)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    from wingdesk.gui.gc_guard import install

    install(app)  # cycles are collected on this thread only: never a window freed on a background task's thread
    app.setApplicationName("WingDesk")
    app.setOrganizationName("WingDesk")
    font = app.font()
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
        app.setFont(font)
    return app


def gui_settings(folder: Path) -> QSettings:
    return QSettings(str(Path(folder) / SETTINGS_FILE), QSettings.Format.IniFormat)


def apply_language(settings: QSettings) -> None:
    """The language chosen in the window last time wins; otherwise keep the one the CLI picked (system/--lang)."""
    saved = str(settings.value("language") or "")
    set_language(saved if saved in LANGUAGES else current_language())


def run_application(backend: WingAccess, folder: Path, demo: bool = False, screenshots: str | None = None,
                    screenshot_langs: list[str] | None = None, harden: Callable[[], object] | None = None) -> int:
    """`harden` (app.py: no crash dumps) runs once the first window is shown, before anyone can type in it."""
    app = make_app()
    from wingdesk.gui.qt_translations import QtTranslations
    from wingdesk.gui.smoke import install_smoke_exit

    install_smoke_exit(app)  # no-op unless WINGDESK_SMOKE_EXIT_MS is set (installer smoke test)
    qt_translations = QtTranslations(app)
    folder = Path(folder)
    if screenshots:
        from wingdesk.gui.screenshots import render_screenshots

        if harden is not None:
            harden()
        return render_screenshots(backend, Path(screenshots), screenshot_langs or ["en"])
    folder.mkdir(parents=True, exist_ok=True)
    settings = gui_settings(folder)
    apply_language(settings)
    qt_translations.switch(current_language())
    on_language_changed(lambda code: settings.setValue("language", code))  # chosen at first run or at login
    lock = QLockFile(str(folder / LOCK_FILE))
    lock.setStaleLockTime(0)  # a crashed instance's lock is detected by its dead process id
    if not lock.tryLock(200):
        QMessageBox.warning(None, _("WingDesk"), _("WingDesk is already open for this data folder. "
                                                   "Use the window that is already open."))
        return 1
    try:
        from wingdesk.gui.app_controller import AppController
        from wingdesk.gui.tasks import TaskRunner

        accounts: tuple[Any, ...] = ()
        if demo:
            from wingdesk.demo.accounts import DEMO_ACCOUNTS

            accounts = DEMO_ACCOUNTS
        tasks = TaskRunner(app)
        controller = AppController(backend, tasks, settings, demo, accounts, after_shown=harden)
        controller.start()
        code = app.exec()
        if controller.guard is not None:
            controller.guard.lock("quit")
        tasks.wait(10000)
        settings.sync()
        return int(code)
    finally:
        lock.unlock()
