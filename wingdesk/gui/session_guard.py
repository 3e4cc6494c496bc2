"""Auto-lock: an app-wide event filter counts idle time on a monotonic clock; locking destroys every view."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices

ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.TabletPress, QEvent.Type.Shortcut,
})
MAX_SESSION_SECONDS = 12 * 3600  # security.md §2.4: re-login forced after 12 h
TASK_GRACE_SECONDS = 600  # how long a running task may hold off the idle or 12-hour lock
CLIPBOARD_SECONDS = 10  # security.md §2.4: a copy of record text is cleared after 10 s (as KeePassXC does)


class SessionGuard(QObject):
    """Locks the session after `idle_seconds` without input, or on demand; emits `locked` afterwards."""

    locked = Signal(str)  # reason: "idle", "manual", "switch_user", "max_age"

    def __init__(self, session: WingServices, window: QWidget, idle_seconds: int,
                 clock: Callable[[], float] = time.monotonic, parent: QObject | None = None,
                 clipboard_seconds: float = CLIPBOARD_SECONDS, busy: Callable[[], bool] = lambda: False) -> None:
        super().__init__(parent)
        self.session: WingServices | None = session  # None once locked (lock() runs once)
        self.window: QWidget | None = window
        self.idle_seconds, self.clock = idle_seconds, clock
        self.busy = busy  # a background task is running (e.g. writing to a stick): the timed locks wait for it
        self.started = self.last_activity = clock()
        self._wrote_clipboard = False
        self._clipboard_changes = 0  # every change, ours or another program's
        self._our_change = -1  # the change our last copy made
        self._clearing = False
        self._done = False
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self._clipboard = QGuiApplication.clipboard()
        self._clipboard.dataChanged.connect(self._on_clipboard_changed)
        self.clipboard_timer = QTimer(self)
        self.clipboard_timer.setSingleShot(True)
        self.clipboard_timer.setInterval(int(clipboard_seconds * 1000))
        self.clipboard_timer.timeout.connect(self._clear_our_copy)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in ACTIVITY:
            self.last_activity = self.clock()
        return False

    def _copy_is_ours(self) -> bool:
        # Only copies made while WingDesk has focus (or that it still owns) are ours to clear.
        return (QGuiApplication.applicationState() == Qt.ApplicationState.ApplicationActive
                or self._clipboard.ownsClipboard())

    def _on_clipboard_changed(self) -> None:
        self._clipboard_changes += 1
        if self._clearing or not self._copy_is_ours():
            return
        self._wrote_clipboard = True
        self._our_change = self._clipboard_changes
        self.clipboard_timer.start()  # a new copy restarts the 10 s

    def _clear_our_copy(self) -> None:
        """The copy has had its 10 s: clear it, unless another program has put something else there since."""
        if self._our_change == self._clipboard_changes:
            self._clear(QClipboard.Mode.Clipboard)
        if self._clipboard.supportsSelection() and self._clipboard.ownsSelection():
            self._clear(QClipboard.Mode.Selection)  # X11's middle-click buffer: whatever we selected last

    def _clear(self, mode: QClipboard.Mode) -> None:
        self._clearing = True
        try:
            self._clipboard.clear(mode)
        finally:
            self._clearing = False

    def idle_for(self) -> float:
        return self.clock() - self.last_activity

    def check(self) -> None:
        """Called every second: lock when idle too long or when the session is older than 12 hours - but not in
        the middle of a background task: an export locked half-way would leave the user not knowing whether the
        stick may be pulled, and the files written without their audit entries."""
        now = self.clock()
        idle, age = now - self.last_activity - self.idle_seconds, now - self.started - MAX_SESSION_SECONDS
        if idle < 0 and age < 0:
            return
        if self.busy() and max(idle, age) < TASK_GRACE_SECONDS:  # a task that hangs cannot keep the PC open
            return
        self.lock("idle" if idle >= 0 else "max_age")

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
        self.clipboard_timer.stop()
        if self._wrote_clipboard or self._clipboard.ownsClipboard():
            self._clipboard.clear()
        if self._clipboard.supportsSelection() and self._clipboard.ownsSelection():
            self._clipboard.clear(QClipboard.Mode.Selection)
        window, self.window = self.window, None
        try:
            if window is not None:  # off the screen first; the database may wait for a running query
                dispose = getattr(window, "dispose", None)
                if dispose is not None:
                    dispose()  # keeps what was being written (services.drafts): it must never stop the lock
                window.hide()
        finally:
            self._end_session(window, reason)

    def _end_session(self, window: QWidget | None, reason: str) -> None:
        try:
            if self.session is not None:
                self.session.lock()
        finally:
            if window is not None:
                window.deleteLater()
            self.session = None
            self.locked.emit(reason)
