"""Reference cycles holding a widget are freed on the UI thread, never on a background task's thread (the cause of
segmentation faults in the UI event loop during full test runs: wingdesk/gui/gc_guard.py)."""

from __future__ import annotations

import gc
import threading

import shiboken6
from PySide6.QtWidgets import QLabel, QWidget

from wingdesk.gui.gc_guard import UiThreadCollector
from wingdesk.gui.tasks import TaskRunner


class _Page(QWidget):
    """A closed page in a reference cycle, as a lambda naming its widget makes one; records where it was freed."""

    freed_on: list[int] = []

    def __init__(self) -> None:
        super().__init__()
        self.choose = lambda: self.label.text()
        self.label = QLabel("x", self)

    def __del__(self) -> None:
        _Page.freed_on.append(threading.get_ident())


_KEPT: list[object] = []


def _allocate_a_lot() -> int:
    junk = [[] for _ in range(200_000)]  # kept: far past the collector's first threshold, as a busy app would be
    _KEPT.append(junk)
    return len(junk)


def _drop_a_page() -> QLabel:
    page = _Page()
    return page.label  # the page itself is only held by its own cycle now


def test_a_cycle_is_not_freed_on_a_worker_thread(qtbot) -> None:
    assert not gc.isenabled()  # the fixture installed the collector, as the application does
    _Page.freed_on.clear()
    label = _drop_a_page()
    worker = threading.Thread(target=_allocate_a_lot)
    worker.start()
    worker.join()
    assert shiboken6.isValid(label) and not _Page.freed_on  # the worker's allocations collected nothing
    qtbot.waitUntil(lambda: not shiboken6.isValid(label), timeout=5000)  # the UI thread's timer freed it
    assert _Page.freed_on == [threading.get_ident()]
    _KEPT.clear()


def test_nor_while_a_task_runs(qtbot) -> None:
    _Page.freed_on.clear()
    label = _drop_a_page()
    runner = TaskRunner()
    results: list[int] = []
    runner.run(_allocate_a_lot, results.append)
    qtbot.waitUntil(lambda: bool(results) and not shiboken6.isValid(label), timeout=5000)
    assert _Page.freed_on == [threading.get_ident()]
    _KEPT.clear()


def test_collection_comes_back_when_stopped(qapp) -> None:
    assert not gc.isenabled()
    collector = UiThreadCollector(qapp)
    collector.stop()
    assert not gc.isenabled()  # it was off when this one started (the fixture's collector still runs)
