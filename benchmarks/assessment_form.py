"""Opening an assessment form with its instrument (issue 15: target ≤ 100 ms): the instrument read in the user's
language through the service (first open in a session: read from the wing database and parsed; later opens: kept
parsed), the form generated from it, shown and painted. Baseline in the same run: opening the alert dialog (a
FieldForm of five fields), the smallest existing form dialog.

Usage: python benchmarks/assessment_form.py [--repeats N] [--language sq]
Prints JSON: medians and 95th percentiles in ms per instrument, cold (first open per session) and warm, and the
ratio of each warm median to the baseline's.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication  # noqa: E402

from wingdesk.config.package_data import shipped_instruments  # noqa: E402
from wingdesk.crypto.kdf import floor_params  # noqa: E402
from wingdesk.domain.roles import Role  # noqa: E402
from wingdesk.gui.dialogs.alert_dialog import RAISE, AlertDialog  # noqa: E402
from wingdesk.gui.dialogs.assessment_dialog import AssessmentDialog, load_view  # noqa: E402
from wingdesk.gui.tasks import TaskRunner  # noqa: E402
from wingdesk.i18n import set_language  # noqa: E402
from wingdesk.storage.backend import LocalWing  # noqa: E402

INSTRUMENTS = ("wd.extremism_risk_spj", "wd.needs_assessment", "wd.reception_screening")
PSY_PW = "psychologist passphrase for the benchmark"


def _wing(folder: Path) -> LocalWing:
    wing = LocalWing(folder, kdf=floor_params())
    wing.create("B-Wing", "Bench Prison", "admin", "Ada Admin", "admin passphrase for the benchmark")
    admin = wing.sign_in("admin", "admin passphrase for the benchmark")
    admin.users.add_user("psy", "Pia Psychologist", Role.TREATMENT, PSY_PW, "PSY")
    admin.users.add_user("sup", "Sara Supervisor", Role.SUPERVISOR, "supervisor passphrase for bench", None)
    admin.instruments.install_shipped(shipped_instruments())
    admin.lock()
    sup = wing.sign_in("sup", "supervisor passphrase for bench")
    sup.prisoners.admit("B-001", "Given", "Family", "M", "CONVICTED", date_of_birth="1990-01-01", cell="B1-01")
    sup.lock()
    return wing


def _open(make) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    dialog = make()
    dialog.show()
    dialog.grab()  # painted, as the user sees it
    QApplication.processEvents()
    took = (time.perf_counter() - start) * 1000
    dialog.reject()
    dialog.deleteLater()
    QApplication.processEvents()
    return took


def _summary(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {"median_ms": round(statistics.median(ordered), 1),
            "p95_ms": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 1)}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--language", default="en")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    tasks = TaskRunner(app)
    set_language(args.language)
    wing = _wing(Path(tempfile.mkdtemp()) / "wing")
    results: dict[str, object] = {"language": args.language, "repeats": args.repeats}
    cold: dict[str, list[float]] = {i: [] for i in INSTRUMENTS}
    warm: dict[str, list[float]] = {i: [] for i in INSTRUMENTS}
    baseline: list[float] = []
    for _ in range(max(3, args.repeats // 4)):  # a new session each time: nothing parsed yet
        session = wing.sign_in("psy", PSY_PW)
        pid = session.prisoners.page()[0].id
        for instrument in INSTRUMENTS:
            cold[instrument].append(_open(lambda i=instrument, s=session, p=pid: AssessmentDialog(
                s, tasks, p, load_view(s, i))))
        session.lock()
    session = wing.sign_in("psy", PSY_PW)
    pid = session.prisoners.page()[0].id
    for _ in range(args.repeats):
        baseline.append(_open(lambda: AlertDialog(session, tasks, RAISE, pid)))
        for instrument in INSTRUMENTS:
            warm[instrument].append(_open(lambda i=instrument: AssessmentDialog(session, tasks, pid,
                                                                                  load_view(session, i))))
    session.lock()
    base = _summary(baseline)
    results["baseline_alert_dialog"] = base
    for instrument in INSTRUMENTS:
        w = _summary(warm[instrument])
        results[instrument] = {"cold": _summary(cold[instrument]), "warm": w,
                               "warm_vs_baseline": round(w["median_ms"] / base["median_ms"], 2)}
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
