"""Background work off the UI thread; results and errors come back on the UI thread through queued signals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from wingdesk.services.progress import Cancelled

__all__ = ["Cancelled", "Task", "TaskRunner"]


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)


class Task(QRunnable):
    """One unit of background work. `work(report)` may call report(done, total); check `cancelled` often."""

    def __init__(self, work: Callable[..., Any], with_progress: bool = False) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.work, self.with_progress = work, with_progress
        self.signals = _Signals()
        self.cancelled = False

    def report(self, done: int, total: int) -> None:
        """Emit progress, or raise Cancelled (services.progress) once `cancel()` was called."""
        if self.cancelled:
            raise Cancelled()
        self.signals.progressed.emit(done, total)

    def cancel(self) -> None:
        self.cancelled = True

    def run(self) -> None:
        try:
            result = self.work(self.report) if self.with_progress else self.work()
        except BaseException as error:  # noqa: BLE001 - every failure must reach the UI thread as a signal
            self.signals.failed.emit(error)
        else:
            self.signals.succeeded.emit(result)


class TaskRunner(QObject):
    """Starts tasks on a private pool (one worker: the wing database is one connection) and keeps them alive."""

    def __init__(self, parent: QObject | None = None, threads: int = 1) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads)
        self._running: set[Task] = set()

    def run(self, work: Callable[..., Any], on_success: Callable[[Any], None],
           on_failure: Callable[[BaseException], None] | None = None,
           on_progress: Callable[[int, int], None] | None = None) -> Task:
        task = Task(work, with_progress=on_progress is not None)
        task.signals.succeeded.connect(on_success)
        if on_failure is not None:
            task.signals.failed.connect(on_failure)
        if on_progress is not None:
            task.signals.progressed.connect(on_progress)
        task.signals.succeeded.connect(lambda _r, t=task: self._running.discard(t))
        task.signals.failed.connect(lambda _e, t=task: self._running.discard(t))
        self._running.add(task)
        self.pool.start(task)
        return task

    def cancel_all(self) -> None:
        """Ask every running task to stop at its next report (a session that locks leaves nothing running on it)."""
        for task in list(self._running):
            task.cancel()

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)

    @property
    def busy(self) -> bool:
        return bool(self._running)
