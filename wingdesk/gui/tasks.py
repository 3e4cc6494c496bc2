"""Background work off the UI thread; results and errors come back on the UI thread through queued signals.

Two rules keep PySide's cross-thread machinery out of the way, after segmentation faults in the UI event loop during
tests/gui/test_backup_panel.py (twice in full runs, never alone):
- the worker thread holds no Qt object of its own: it runs a plain closure and emits on the runner's one signal
  object, which lives and dies on the UI thread (a task used to be a QRunnable with its own signal QObject, which the
  worker could end up destroying if the UI thread let go of the task first);
- only integers cross threads in signals: the result or error waits in `_outcomes` under the task's number and is
  picked up on the UI thread (no Python object is marshalled through a queued connection).
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QThreadPool, Signal

from wingdesk.services.progress import Cancelled

__all__ = ["Cancelled", "Task", "TaskRunner"]


class _Signals(QObject):
    """Only integers cross threads: a result or error waits in the runner's `_outcomes` under the task's number."""

    finished = Signal(int)
    progressed = Signal(int, int, int)


class Task:
    """A handle on one unit of background work: `cancel()` makes its next progress report raise Cancelled."""

    def __init__(self, number: int, work: Callable[..., Any], on_success: Callable[[Any], None],
                 on_failure: Callable[[BaseException], None] | None,
                 on_progress: Callable[[int, int], None] | None) -> None:
        self.number, self.work = number, work  # released on the UI thread, with the task
        self.on_success, self.on_failure, self.on_progress = on_success, on_failure, on_progress
        self._stop = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()

    def cancel(self) -> None:
        self._stop.set()


def _alive(callback: Callable[..., Any] | None) -> bool:
    """False for a method of a Qt object already deleted (a closed page): as a direct signal connection to it was,
    the call is dropped."""
    if callback is None:
        return False
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)


def _job(handed: list[Callable[..., Any]], with_progress: bool, number: int, stop: threading.Event,
         signals: _Signals, outcomes: dict[int, tuple[bool, Any]]) -> Callable[[], None]:
    """What the worker thread runs: `work(report)` may call report(done, total), which raises once cancelled.

    The worker lets go of `work` (and of whatever it holds: often a page) before it says it finished; the task keeps
    its own reference until the UI thread has taken the outcome, so the last reference always goes on the UI
    thread. A widget whose last reference went with the worker's closure was destroyed on the worker thread ("Timers
    cannot be stopped from another thread", then a segmentation fault)."""

    def report(done: int, total: int) -> None:
        if stop.is_set():
            raise Cancelled()
        signals.progressed.emit(number, done, total)

    def run() -> None:
        work = handed.pop()
        try:
            outcome: tuple[bool, Any] = (True, work(report) if with_progress else work())
        except BaseException as error:  # noqa: BLE001 - every failure must reach the UI thread as a signal
            outcome = (False, error)
        del work
        outcomes[number] = outcome  # one dict store: atomic under the GIL, read back on the UI thread
        del outcome
        signals.finished.emit(number)

    return run


class TaskRunner(QObject):
    """Starts tasks on a private pool (one worker: the wing database is one connection) and keeps them alive."""

    def __init__(self, parent: QObject | None = None, threads: int = 1) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)  # made first, so destroyed (waiting for its workers) before the signals
        self.pool.setMaxThreadCount(threads)
        self._signals = _Signals(self)
        self._signals.finished.connect(self._finished)
        self._signals.progressed.connect(self._progressed)
        self._running: dict[int, Task] = {}
        self._outcomes: dict[int, tuple[bool, Any]] = {}
        self._numbers = itertools.count(1)

    def run(self, work: Callable[..., Any], on_success: Callable[[Any], None],
            on_failure: Callable[[BaseException], None] | None = None,
            on_progress: Callable[[int, int], None] | None = None) -> Task:
        task = Task(next(self._numbers), work, on_success, on_failure, on_progress)
        self._running[task.number] = task
        self.pool.start(_job([work], on_progress is not None, task.number, task._stop, self._signals,
                             self._outcomes))
        del work  # from here on, only the task (UI thread) and the worker's own frame hold it
        return task

    def _finished(self, number: int) -> None:
        task = self._running.get(number)
        ok, value = self._outcomes.pop(number)
        try:
            if task is None:
                return
            callback = task.on_success if ok else task.on_failure
            if _alive(callback):
                callback(value)  # type: ignore[misc]
        finally:
            self._running.pop(number, None)

    def _progressed(self, number: int, done: int, total: int) -> None:
        task = self._running.get(number)
        if task is not None and _alive(task.on_progress):
            task.on_progress(done, total)  # type: ignore[misc]

    def cancel_all(self) -> None:
        """Ask every running task to stop at its next report (a session that locks leaves nothing running on it)."""
        for task in list(self._running.values()):
            task.cancel()

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)

    @property
    def busy(self) -> bool:
        return bool(self._running)
