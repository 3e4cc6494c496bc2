"""Smoke-test auto-exit: with WINGDESK_SMOKE_EXIT_MS=N set, report when the sign-in window is on screen and quit.

Used by installer/smoke_test.py on the frozen build (QT_QPA_PLATFORM=offscreen). Without the variable nothing
happens. Once the sign-in window is visible it prints "login window shown" on standard output and quits N ms later
with status 0 (N=0 quits at once, which is how start-up time is measured). If no sign-in window appears within
WINGDESK_SMOKE_TIMEOUT_MS (default 60000) it prints "login window not shown" on standard error and quits with
status 1. Calling it twice on the same application is harmless. With WINGDESK_SMOKE_MODULES=FILE as well, the names
of the modules imported by the time the window shows are written to FILE, one a line (the start-up import test).
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

ENV_EXIT_MS = "WINGDESK_SMOKE_EXIT_MS"
ENV_TIMEOUT_MS = "WINGDESK_SMOKE_TIMEOUT_MS"
ENV_MODULES = "WINGDESK_SMOKE_MODULES"
SHOWN_MESSAGE = "login window shown"
_PROPERTY = "wingdeskSmokeExit"
_POLL_MS = 20


def _ms(name: str, default: int | None) -> int | None:
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        return max(0, int(text))
    except ValueError:
        return default


def is_login_window(widget: QWidget) -> bool:
    """The sign-in dialog, recognised by its object name or, failing that, by its (translated) title."""
    if widget.objectName() == "loginDialog":
        return True
    from wingdesk.i18n import _

    title = widget.windowTitle()
    return bool(title) and title in {"WingDesk: sign in", _("WingDesk: sign in")}


def login_window_visible(app: QApplication) -> bool:
    return any(widget.isVisible() and is_login_window(widget) for widget in app.topLevelWidgets())


def install_smoke_exit(app: QApplication) -> bool:
    """Arm the auto-exit when WINGDESK_SMOKE_EXIT_MS is set; returns whether it is armed."""
    exit_ms = _ms(ENV_EXIT_MS, None)
    if exit_ms is None or app.property(_PROPERTY):
        return False
    app.setProperty(_PROPERTY, True)
    timeout_ms = _ms(ENV_TIMEOUT_MS, 60000) or 60000
    poll = QTimer(app)
    poll.setInterval(_POLL_MS)
    deadline = QTimer(app)
    deadline.setSingleShot(True)

    def check() -> None:
        if login_window_visible(app):
            poll.stop()
            deadline.stop()
            modules_file = os.environ.get(ENV_MODULES)
            if modules_file:
                with open(modules_file, "w", encoding="utf-8") as handle:
                    handle.write("\n".join(sorted(sys.modules)) + "\n")
            print(SHOWN_MESSAGE, flush=True)
            QTimer.singleShot(exit_ms, lambda: app.exit(0))

    def give_up() -> None:
        poll.stop()
        print("login window not shown", file=sys.stderr, flush=True)
        app.exit(1)

    poll.timeout.connect(check)
    deadline.timeout.connect(give_up)
    poll.start()
    deadline.start(timeout_ms)
    return True
