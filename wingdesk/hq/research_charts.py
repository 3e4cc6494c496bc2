"""The analyst's dashboard charts (issue 17 item 4), from the research store's counts with small cells suppressed
(hq.research_export.counts): grouped bars laid out here, drawn as server-rendered SVG by the console's
research.html (no script). A suppressed cell is drawn as a marker, never as its count."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from wingdesk.domain import kinds
from wingdesk.hq.repository import HqStore
from wingdesk.hq.research_export import SMALL_CELL, counts
from wingdesk.i18n import N_

WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 760, 260, 44, 64, 12
MAX_GROUPS, MAX_SERIES = 12, 8
# title, measure, x-axis column, series column, the kind whose labels name the codes
CHARTS = (
    (N_("Assessment levels by month"), "level", "month", "value", "assessment"),
    (N_("Needs in plans, by prison"), "needs", "prison", "part", "plan"),
    (N_("Plan steps by type and status"), "steps", "part", "value", "plan"),
    (N_("Special groups at admission, by prison"), "special_group", "prison", "value", "admission"),
    (N_("Observations by month and polarity"), "polarity", "month", "value", "observation"),
)


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    width: int
    height: int
    series: int  # colour index
    count: int | None  # None: suppressed (fewer than SMALL_CELL)
    group: str
    label: str


@dataclass(frozen=True)
class Chart:
    title: str  # msgid
    bars: tuple[Bar, ...]
    groups: tuple[tuple[str, int], ...]  # (label, x of its centre)
    series: tuple[str, ...]  # legend, by colour index
    ticks: tuple[tuple[int, int], ...]  # (count, y)
    suppressed: int
    width: int = WIDTH
    height: int = HEIGHT


def _label(kind: str, code: str) -> str:
    """The kind's own label msgid for a code when it declares one (translated by the page), else the code."""
    return kinds.KINDS[kind].labels.get(code, code) if kind in kinds.KINDS else code


def chart(store: HqStore, title: str, measure: str, group_by: str, series_by: str, kind: str) -> Chart:
    cells = counts(store, measure, (group_by, series_by))
    groups = sorted({cell.group[0] for cell in cells})[-MAX_GROUPS:]
    names = sorted({cell.group[1] for cell in cells if cell.group[0] in groups})[:MAX_SERIES]
    top = max([cell.count or 0 for cell in cells] + [SMALL_CELL])
    plot_w, plot_h = WIDTH - LEFT - 8, HEIGHT - BOTTOM - TOP
    slot = plot_w // max(len(groups), 1)
    bar_w = max(2, (slot - 8) // max(len(names), 1))
    bars = []
    for cell in cells:
        group, name = cell.group
        if group not in groups or name not in names:
            continue
        x = LEFT + groups.index(group) * slot + 4 + names.index(name) * bar_w
        height = round(plot_h * (cell.count or 0) / top) if cell.count is not None else 3
        bars.append(Bar(x, TOP + plot_h - height, bar_w - 1, height, names.index(name), cell.count, group,
                        _label(kind, name)))
    ticks = tuple((value, TOP + plot_h - round(plot_h * value / top)) for value in (0, top))  # top >= 5
    return Chart(title, tuple(bars), tuple((g, LEFT + i * slot + slot // 2) for i, g in enumerate(groups)),
                 tuple(_label(kind, n) for n in names), ticks, sum(1 for cell in cells if cell.count is None))


def dashboard(store: HqStore) -> list[Chart]:
    """The charts, their counts read side by side (each in its own read transaction): on a large PostgreSQL store
    each is an index scan of a few hundred thousand facts (docs/research-data.md, Figures)."""
    with ThreadPoolExecutor(max_workers=len(CHARTS), thread_name_prefix="research-chart") as pool:
        return list(pool.map(lambda spec: chart(store, *spec), CHARTS))
