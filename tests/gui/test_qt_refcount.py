"""PySide6 6.12.0 on CPython 3.11 releases a reference to None on every call of a Qt method returning void.

After some thousands of such calls None's count reaches zero and the process aborts ("Fatal Python error:
none_dealloc"), which once killed a CI run in the middle of the GUI tests and would kill the wing's app after a long
shift. constraints.txt pins a release without the bug and pyproject.toml excludes 6.12.0; this test fails on any
PySide6 that has it.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_qt_calls_keep_none_alive(qtbot: object) -> None:
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(500):
        label.setText("x")  # returns void
    drift = sys.getrefcount(None) - before
    assert abs(drift) < 50, f"None lost {-drift} references over 500 void Qt calls"
