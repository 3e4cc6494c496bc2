"""Auto-lock: an app-wide event filter counts idle time on a monotonic clock; locking destroys every view."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.TabletPress, QEvent.Type.Shortcut,
})
MAX_SESSION_SECONDS = 12 * 3600  # security.md §2.4: re-login forced after 12 h


class SessionGuard(QObject):
    """Locks the session after `idle_seconds` without input, or on demand; emits `locked` afterwards."""

    locked = Signal(str)  # reason: "idle", "manual", "switch_user", "max_age"

    def __init__(self, session: Any, window: QWidget, idle_seconds: int,
                 clock: Callable[[], float] = time.monotonic, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session, self.window, self.idle_seconds, self.clock = session, window, idle_seconds, clock
        self.started = self.last_activity = clock()
        self._wrote_clipboard = False
        self._done = False
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self._clipboard = QGuiApplication.clipboard()
        self._clipboard.dataChanged.connect(self._on_clipboard_changed)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in ACTIVITY:
            self.last_activity = self.clock()
        return False

    def _on_clipboard_changed(self) -> None:
        # Only copies made while WingDesk has focus are ours to clear.
        if QGuiApplication.applicationState() == Qt.ApplicationState.ApplicationActive:
            self._wrote_clipboard = True

    def idle_for(self) -> float:
        return self.clock() - self.last_activity

    def check(self) -> None:
        """Called every second: lock when idle too long or when the session is older than 12 hours."""
        now = self.clock()
        if now - self.last_activity >= self.idle_seconds:
            self.lock("idle")
        elif now - self.started >= MAX_SESSION_SECONDS:
            self.lock("max_age")

    def lock(self, reason: str = "manual") -> None:
        """Close the database, zero the keys, destroy the window and its views, clear our clipboard copies."""
        if self._done:
            return
        self._done = True
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        try:
            self._clipboard.dataChanged.disconnect(self._on_clipboard_changed)
        except (RuntimeError, TypeError):
            pass
        if self._wrote_clipboard or self._clipboard.ownsClipboard():
            self._clipboard.clear()
        window, self.window = self.window, None
        if window is not None:  # off the screen first; the database may wait for a running query
            dispose = getattr(window, "dispose", None)
            if dispose is not None:
                dispose()
            window.hide()
        try:
            self.session.lock()
        finally:
            if window is not None:
                window.deleteLater()
            self.session = None
            self.locked.emit(reason)
