"""The trajectory of a prisoner with 20 assessments (issue 15 item 6: drawn ≤ 50 ms). A prisoner is assessed with
the extremism SPJ 20 times through the services (two assessors, agreement, countersignature each time). Measured:

- `draw`: the chart painted at 1000x560 with the 20 points and the SPJ's five domains (the target);
- `load_and_draw`: the trajectory read through the service (every assessment's sign-off checked) and the
  instrument view, then drawn: what opening the trajectory costs end to end;
- baseline in the same run: the same chart widget painted with no points (axes and labels only).

Usage: python benchmarks/assessment_trajectory.py [--repeats N] [--language sq]
Prints JSON: medians and 95th percentiles in ms, and the ratio of the draw to the baseline.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as day_time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from wingdesk.config.package_data import shipped_instruments  # noqa: E402
from wingdesk.crypto.kdf import floor_params  # noqa: E402
from wingdesk.demo.clock import DemoClock  # noqa: E402
from wingdesk.domain.kinds.assessment import LEVELS  # noqa: E402
from wingdesk.domain.roles import Role  # noqa: E402
from wingdesk.gui.dialogs.trajectory_dialog import SPJ, load_trajectory  # noqa: E402
from wingdesk.gui.labels import code_label  # noqa: E402
from wingdesk.gui.when import day_text  # noqa: E402
from wingdesk.gui.widgets.trajectory_chart import ChartRow, TrajectoryChart  # noqa: E402
from wingdesk.i18n import set_language  # noqa: E402
from wingdesk.storage.backend import LocalWing  # noqa: E402

COUNT = 20
PW = {"psy": "psychologist passphrase for bench", "sw": "social worker passphrase for bench",
      "gov": "governor passphrase for the bench", "sup": "supervisor passphrase for bench"}
DOMAINS = ("BELIEFS_ATTITUDES", "CONTEXT_INTENT", "HISTORY_CAPABILITY", "COMMITMENT_MOTIVATION")


def _wing(folder: Path) -> tuple[LocalWing, str]:
    clock = DemoClock()
    wing = LocalWing(folder, kdf=floor_params(), clock=clock)
    wing.create("B-Wing", "Bench Prison", "admin", "Ada Admin", "admin passphrase for the benchmark")
    admin = wing.sign_in("admin", "admin passphrase for the benchmark")
    for name, role, discipline in (("psy", Role.TREATMENT, "PSY"), ("sw", Role.TREATMENT, "SW"),
                                   ("gov", Role.GOVERNOR, None), ("sup", Role.SUPERVISOR, None)):
        admin.users.add_user(name, name.upper(), role, PW[name], discipline)
    admin.instruments.install_shipped(shipped_instruments())
    admin.lock()
    sup = wing.sign_in("sup", PW["sup"])
    pid = sup.prisoners.admit("B-001", "Given", "Family", "M", "CONVICTED", date_of_birth="1990-01-01").id
    sup.lock()
    psy, sw, gov = (wing.sign_in(n, PW[n]) for n in ("psy", "sw", "gov"))
    first = date.today() - timedelta(days=60 * COUNT)
    for n in range(COUNT):
        day = first + timedelta(days=60 * n)
        clock.set(datetime.combine(day, day_time(10)).astimezone(UTC))
        concern = LEVELS[(n // 3) % 3]
        ratings = {d: {"rating": LEVELS[(n + i) % 3], "rationale": "From interviews."} for i, d in enumerate(DOMAINS)}
        ratings["PROTECTIVE_FACTORS"] = {"rating": ("ABSENT", "SOME", "STRONG")[n % 3], "rationale": "Family."}
        judgement = {"level": concern, "next_review_date": (day + timedelta(days=60)).isoformat()}
        started = psy.assessments.start(pid, "PERIODIC", SPJ)
        psy.assessments.rate(started.id, ratings)
        sw.assessments.rate_independently(started.id, ratings)
        psy.assessments.agree(started.id, ratings, judgement)
        sw.assessments.agree(started.id, ratings, judgement)
        gov.assessments.countersign(started.id)
    clock.set(None)
    for session in (psy, sw, gov):
        session.lock()
    return wing, pid


def _paint(chart: TrajectoryChart) -> float:
    image = QImage(chart.size(), QImage.Format.Format_ARGB32)
    start = time.perf_counter()
    chart.render(image)  # the widget's paintEvent into an image of its size
    return (time.perf_counter() - start) * 1000


def _summary(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {"median_ms": round(statistics.median(ordered), 2),
            "p95_ms": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 2)}


def _none_headroom(count: int = 2_000_000) -> None:
    """PySide6 6.12.0's abi3 wheel on CPython 3.11 drops a reference to None on most calls that return nothing
    (QPainter.setPen, QLabel.setText, ...: see the report of issue 15); a few thousand such calls in a small
    process deallocate None and abort. The benchmark makes tens of thousands, so it holds extra references to None
    first: this changes no timing, it only keeps the process alive long enough to be measured."""
    import ctypes

    incref = ctypes.pythonapi.Py_IncRef
    incref.argtypes = [ctypes.py_object]
    for _ in range(count):
        incref(None)


def main() -> int:
    _none_headroom()
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--language", default="en")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    set_language(args.language)
    wing, pid = _wing(Path(tempfile.mkdtemp()) / "wing")
    session = wing.sign_in("psy", PW["psy"])
    level = ChartRow("level", "Level", tuple((c, code_label(c)) for c in LEVELS))
    data = load_trajectory(session, pid, SPJ)
    assert len(data.points) == COUNT, len(data.points)
    chart, empty = TrajectoryChart(), TrajectoryChart()
    for widget in (chart, empty):
        widget.resize(1000, 560)
    chart.set_data(data.points, level, data.rows, day_text)
    empty.set_data([], level, data.rows, day_text)
    draw, baseline, end_to_end = [], [], []
    for _ in range(args.repeats):
        baseline.append(_paint(empty))
        draw.append(_paint(chart))
        start = time.perf_counter()
        loaded = load_trajectory(session, pid, SPJ)
        chart.set_data(loaded.points, level, loaded.rows, day_text)
        _paint(chart)
        end_to_end.append((time.perf_counter() - start) * 1000)
    session.lock()
    base, drawn = _summary(baseline), _summary(draw)
    print(json.dumps({"language": args.language, "repeats": args.repeats, "assessments": COUNT,
                      "baseline_empty_chart": base, "draw": drawn, "load_and_draw": _summary(end_to_end),
                      "draw_vs_baseline": round(drawn["median_ms"] / base["median_ms"], 2)}, indent=2))
    app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
