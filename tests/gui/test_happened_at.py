"""The 'Happened at' box keeps the exact moment, also in the autumn's repeated hour."""

import os
import subprocess
import sys

SCRIPT = """
from PySide6.QtWidgets import QApplication
app = QApplication([])
from wingdesk.gui.widgets.happened_at import HappenedAt
w = HappenedAt()
w.set_utc_iso("2024-10-27T01:30:00+00:00")  # 02:30 CET, the second 02:30 of that night in Belgrade
print(w.utc_iso())
w.set_utc_iso("2024-10-27T00:30:00+00:00")  # 02:30 CEST, the first one
print(w.utc_iso())
"""


def test_a_time_in_the_repeated_autumn_hour_comes_back_as_the_same_moment():
    env = dict(os.environ, TZ="Europe/Belgrade", QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True,
                         cwd=os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    second, first = out.stdout.split()
    assert second.startswith("2024-10-27T01:30:00") and first.startswith("2024-10-27T00:30:00"), out.stdout
