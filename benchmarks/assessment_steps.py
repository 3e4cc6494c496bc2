"""Opening the later assessment steps' screens on the demo wing (issue 15): the agreement dialog (both assessors'
ratings read, the instrument version read, the side-by-side grid built, shown and painted), the governor's Approvals
page (the queues and the prisoners' names read, the first assessment's print rendered) and the extremism status
dialog (status in force, with the renewals read, and its history). Baseline in the same run: opening the SPJ's
assessment form (issue 15's target for a form with its instrument: ≤ 100 ms). Each screen is timed until the worker's
results are on it, painted.

Usage: python benchmarks/assessment_steps.py [--repeats N] [--language sq]
Prints JSON: median and 95th percentile in ms per screen and each median's ratio to the baseline's.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from wingdesk.crypto.kdf import floor_params  # noqa: E402
from wingdesk.demo.accounts import DEMO_ACCOUNTS  # noqa: E402
from wingdesk.demo.clock import DemoClock  # noqa: E402
from wingdesk.demo.generator import build_demo  # noqa: E402
from wingdesk.gui.dialogs.agreement_dialog import AgreementDialog, load_agreement  # noqa: E402
from wingdesk.gui.dialogs.assessment_dialog import AssessmentDialog, load_view  # noqa: E402
from wingdesk.gui.dialogs.veo_status_dialog import VeoStatusDialog  # noqa: E402
from wingdesk.gui.pages.approvals_page import ApprovalsPage  # noqa: E402
from wingdesk.gui.screenshots_assessment_steps import SPJ, demo_prisoners  # noqa: E402
from wingdesk.gui.tasks import TaskRunner  # noqa: E402
from wingdesk.i18n import set_language  # noqa: E402
from wingdesk.storage.backend import LocalWing  # noqa: E402

PASSWORDS = {a.username: a.passphrase for a in DEMO_ACCOUNTS}


def _timed(make: Callable[[], QWidget]) -> float:
    """Build (its loads run inline, as the worker would), show and paint the widget; close it."""
    start = time.perf_counter()
    widget = make()
    widget.show()
    widget.grab()
    QApplication.processEvents()
    took = (time.perf_counter() - start) * 1000
    widget.close()
    widget.deleteLater()
    QApplication.processEvents()
    return took


def _summary(times: list[float], baseline: float | None = None) -> dict[str, float]:
    ordered = sorted(times)
    found = {"median_ms": round(statistics.median(ordered), 1),
             "p95_ms": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 1)}
    if baseline:
        found["ratio_to_baseline"] = round(found["median_ms"] / baseline, 2)
    return found


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--language", default="en")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    tasks = TaskRunner(app)
    set_language(args.language)
    folder = Path(tempfile.mkdtemp()) / "wing"
    clock = DemoClock()
    build_demo(LocalWing(folder, kdf=floor_params(), clock=clock), clock)
    wing = LocalWing(folder, kdf=floor_params())
    psy, gov, sec = (wing.sign_in(name, PASSWORDS[name]) for name in ("psychologist", "governor", "security"))
    first, second = demo_prisoners(psy)
    agreed = gov.assessments.awaiting_countersign()[0].id
    assert first and second

    def agreement() -> QWidget:
        return AgreementDialog(psy, tasks, load_agreement(psy, agreed))

    def pump() -> None:  # until the worker's results reached the screen
        while tasks.busy:
            QApplication.processEvents()
        QApplication.processEvents()

    def approvals() -> QWidget:
        page = ApprovalsPage(gov, tasks)
        page.refresh()
        pump()  # the queues and names
        page.tabs.setCurrentIndex(1)
        pump()  # the first assessment's print
        return page

    def veo() -> QWidget:
        dialog = VeoStatusDialog(sec, tasks, first, "")
        pump()
        return dialog

    def form() -> QWidget:
        return AssessmentDialog(psy, tasks, second, load_view(psy, SPJ))

    times: dict[str, list[float]] = {name: [] for name in ("baseline_assessment_form", "agreement", "approvals",
                                                           "veo_status")}
    for _n in range(args.repeats):
        for name, make in (("baseline_assessment_form", form), ("agreement", agreement), ("approvals", approvals),
                           ("veo_status", veo)):
            times[name].append(_timed(make))
        tasks.wait(10000)
    base = statistics.median(times["baseline_assessment_form"])
    result: dict[str, Any] = {"language": args.language, "repeats": args.repeats}
    for name, found in times.items():
        result[name] = _summary(found, None if name.startswith("baseline") else base)
    for session in (psy, gov, sec):
        session.lock()
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
