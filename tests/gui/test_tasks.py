"""Background tasks: results, errors, progress and Stop reach the UI thread, and handles dropped by the UI thread the
moment their result arrives are safe. (The crash that led to gui/tasks.py's design, a segmentation fault in the UI
event loop during tests/gui/test_backup_panel.py, was not reproduced in isolation: see that module's docstring.)"""

from __future__ import annotations

import gc
import sys
import threading
import time

from wingdesk.gui.tasks import Cancelled, TaskRunner


def _drain(qtbot, runner: TaskRunner) -> None:
    qtbot.waitUntil(lambda: not runner.busy, timeout=30000)


def test_results_errors_and_progress_reach_the_ui_thread(qtbot):
    runner = TaskRunner()
    ui = threading.get_ident()
    seen: list[tuple[str, object, bool]] = []
    runner.run(lambda: 42, lambda r: seen.append(("ok", r, threading.get_ident() == ui)))
    runner.run(lambda: 1 / 0, lambda _r: None,
               lambda e: seen.append(("error", type(e).__name__, threading.get_ident() == ui)))

    def counted(report):
        for i in range(3):
            report(i + 1, 3)
        return "done"

    steps: list[tuple[int, int]] = []
    runner.run(counted, lambda r: seen.append(("ok", r, True)), None, lambda d, t: steps.append((d, t)))
    _drain(qtbot, runner)
    assert seen == [("ok", 42, True), ("error", "ZeroDivisionError", True), ("ok", "done", True)]
    assert steps == [(1, 3), (2, 3), (3, 3)]


def test_stop_raises_cancelled_at_the_next_report(qtbot):
    runner = TaskRunner()
    failures: list[BaseException] = []

    def long_work(report):
        for i in range(10_000):
            report(i, 10_000)
            time.sleep(0.001)

    task = runner.run(long_work, lambda _r: None, failures.append, lambda *_a: task.cancel())
    _drain(qtbot, runner)
    assert task.cancelled and len(failures) == 1 and isinstance(failures[0], Cancelled)


def test_many_tasks_dropped_by_the_ui_thread_as_they_finish(qtbot):
    """Each handle is let go the moment its result arrives, while its worker may still be returning."""
    runner = TaskRunner()
    done = []
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # hand the GIL over between almost every bytecode: the UI thread gets in early
    try:
        _start_and_drop(runner, done)
        _drain(qtbot, runner)
    finally:
        sys.setswitchinterval(interval)
    assert len(done) == 400


def _start_and_drop(runner: TaskRunner, done: list[int]) -> None:
    for n in range(400):
        handle = {"task": None}

        def finished(_result, handle=handle):
            handle["task"] = None  # the UI drops its only other reference at once
            done.append(1)
            gc.collect(0)

        handle["task"] = runner.run(lambda n=n: n, finished)


def test_a_result_for_a_closed_widget_is_dropped(qtbot):
    from PySide6.QtWidgets import QLabel

    runner = TaskRunner()
    label = QLabel()
    gate = threading.Event()
    runner.run(lambda: gate.wait(10) and "late", label.setText)
    label.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(label), timeout=5000)
    gate.set()
    _drain(qtbot, runner)  # no "Internal C++ object already deleted" from the late result


def test_what_the_work_holds_is_let_go_on_the_ui_thread(qtbot):
    """A page held only by its task's work (the test or the window has let go of it) must not be destroyed on the
    worker thread: a QObject with timers destroyed there crashed a CI run ("Timers cannot be stopped from another
    thread")."""
    import weakref

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QWidget

    runner = TaskRunner()
    ui = threading.get_ident()
    freed_on: list[bool] = []
    for _ in range(20):
        page = QWidget()
        QTimer(page).start(60_000)
        weakref.finalize(page, lambda: freed_on.append(threading.get_ident() == ui))
        gate = threading.Event()
        runner.run(lambda page=page: gate.wait(5) and page.objectName(), lambda _r: None)
        del page
        gate.set()
        _drain(qtbot, runner)
        gc.collect()
    assert freed_on and all(freed_on), f"{freed_on.count(False)} of {len(freed_on)} freed on the worker thread"
