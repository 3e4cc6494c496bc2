"""Python's cyclic garbage collector only on the UI thread.

The collector runs on whichever thread happens to allocate past its threshold. When that is a background task's
thread and the garbage holds a closed window or dialog in a reference cycle (a lambda that names its widget is
enough), Python frees the window there, and Qt destroys widgets off the UI thread while the UI thread paints or
handles events: a segmentation fault, seen in full test runs as crashes in the UI event loop while a backup ran.

So automatic collection is switched off and the UI thread collects on a timer, generation by generation, as the
interpreter itself would (the approach pyqtgraph's GarbageCollector takes for the same reason). Reference counting
still frees everything outside cycles at once, on any thread.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

COLLECT_EVERY_MS = 1000


class UiThreadCollector(QObject):
    """Made on the UI thread; while it lives, cycles are collected only there."""

    def __init__(self, parent: QObject | None = None, every_ms: int = COLLECT_EVERY_MS) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(every_ms)
        self.timer.timeout.connect(self.collect_due)
        self.timer.start()

    @staticmethod
    def collect_due() -> int:
        """Collect the oldest generation whose count has passed its threshold; the number of objects freed."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        if counts[0] <= thresholds[0]:
            return 0
        generation = 2 if counts[2] > thresholds[2] else 1 if counts[1] > thresholds[1] else 0
        return gc.collect(generation)

    def stop(self) -> None:
        """Collect now, on this thread, and give collection back to the interpreter as it was."""
        self.timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()
        self.setParent(None)


def install(app: QObject) -> UiThreadCollector:
    """One collector per application, parented to it (so it lives as long as the app)."""
    found = app.findChild(UiThreadCollector)
    return found if isinstance(found, UiThreadCollector) else UiThreadCollector(app)
