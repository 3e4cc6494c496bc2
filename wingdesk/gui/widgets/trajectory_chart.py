"""The trajectory chart (issue 15 item 6): the level people chose at each countersigned assessment, and below it
one strip per domain with its agreed rating, against the assessment dates. Readable in grey scale and on a
black-and-white print: black lines, a different marker shape per strip, every value named on its axis, no colour
carrying meaning. A rating outside the ordered scale ("not known") is a hollow marker on the strip's base line."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from wingdesk.domain.trajectory import TrajectoryPoint

SHAPES = ("square", "circle", "triangle", "diamond", "cross")


@dataclass(frozen=True)
class ChartRow:
    """One strip: the domain (or "level"), its title, the ordered rating codes with their labels, lowest first,
    and the ratings that say nothing about more or less."""

    code: str
    title: str
    steps: tuple[tuple[str, str], ...]
    apart: tuple[tuple[str, str], ...] = ()  # ratings off the scale ("not known"): hollow markers, no line


class TrajectoryChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[TrajectoryPoint] = []
        self.level_row: ChartRow | None = None
        self.rows: list[ChartRow] = []
        self.day_text: Callable[[str], str] = str
        self.setMinimumSize(640, 420)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, points: list[TrajectoryPoint], level_row: ChartRow, rows: list[ChartRow],
                 day_text: Callable[[str], str] = str) -> None:
        self.points, self.level_row, self.rows, self.day_text = points, level_row, rows, day_text
        levels = dict(level_row.steps)  # for screen readers and the tooltip: each date and the level chosen
        described = "; ".join(f"{day_text(p.on)}: {levels.get(p.level or '', '—')}" for p in points)
        self.setAccessibleName(level_row.title)
        self.setAccessibleDescription(described)
        self.setToolTip(described)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        if self.level_row is None:
            return
        small = QFont(self.font())
        small.setPointSizeF(max(small.pointSizeF() - 1, 7))
        metrics, label_metrics = QFontMetrics(self.font()), QFontMetrics(small)
        rows = [self.level_row, *self.rows]
        label_w = 12 + max([label_metrics.horizontalAdvance(label) for row in rows
                            for _code, label in (*row.steps, *row.apart)] + [60])
        last_date = self.day_text(self.points[-1].on) if self.points else ""
        left, top = label_w + 8, 4
        right = self.width() - max(24, metrics.horizontalAdvance(last_date) // 2 + 8)
        bottom = self.height() - metrics.height() - 10
        xs = self._xs(left, right)
        weights = [1.6] + [1.0] * len(self.rows)  # the level's strip is the tallest
        unit = (bottom - top) / sum(weights)
        y = float(top)
        for index, (row, weight) in enumerate(zip(rows, weights, strict=True)):
            title_h, half = metrics.height() + 2, label_metrics.height() / 2
            box = QRectF(left, y + title_h + half, right - left, weight * unit - title_h - 2 * half - 6)
            painter.setFont(small)
            self._strip(painter, label_metrics, row, box, xs, SHAPES[index % len(SHAPES)], bold=index == 0)
            painter.setFont(_bold(self.font()))
            painter.setPen(Qt.GlobalColor.black)
            painter.drawText(QPointF(8, y + metrics.ascent()), row.title)
            y += weight * unit
        painter.setFont(self.font())
        self._dates(painter, metrics, xs, bottom)

    def _xs(self, left: float, right: float) -> list[float]:
        """Each assessment's x, by its date (so long gaps show), kept at least a marker's width apart."""
        if not self.points:
            return []
        days = [date.fromisoformat(p.on[:10]).toordinal() for p in self.points]
        span = max(days[-1] - days[0], 1)
        xs = [left + 12 + (d - days[0]) / span * (right - left - 24) for d in days] if len(days) > 1 \
            else [(left + right) / 2]
        for i in range(1, len(xs)):
            xs[i] = max(xs[i], xs[i - 1] + 6)
        return xs

    def _strip(self, painter: QPainter, metrics: QFontMetrics, row: ChartRow, box: QRectF, xs: list[float],
               shape: str, bold: bool) -> None:
        codes = [code for code, _l in (*row.apart, *row.steps)]  # those apart (not known) lowest, then the scale
        gap = 1 if row.apart else 0  # an empty row between them and the scale
        count = len(codes) + gap
        step_y = {code: box.bottom() - ((i + (gap if i >= len(row.apart) else 0)) / max(count - 1, 1)) * box.height()
                  for i, code in enumerate(codes)}
        painter.setPen(QPen(Qt.GlobalColor.lightGray, 1, Qt.PenStyle.DotLine))
        for code in codes:
            painter.drawLine(QPointF(box.left(), step_y[code]), QPointF(box.right(), step_y[code]))
        painter.setPen(Qt.GlobalColor.black)
        for code, label in (*row.apart, *row.steps):
            painter.drawText(QRectF(0, step_y[code] - metrics.height() / 2, box.left() - 8, metrics.height()),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), label)
        values = [p.level if row is self.level_row else p.ratings.get(row.code) for p in self.points]
        on_scale = {code for code, _l in row.steps}
        painter.setPen(QPen(Qt.GlobalColor.black, 2.5 if bold else 1.5))
        run: list[QPointF] = []
        for x, value in [*zip(xs, values, strict=True), (0.0, None)]:  # a rating off the scale breaks the line
            if value in on_scale:
                run.append(QPointF(x, step_y[str(value)]))
            elif run:
                painter.drawPolyline(QPolygonF(run))
                run = []
        for x, value in zip(xs, values, strict=True):
            if value is None:
                continue
            if value in step_y:
                _marker(painter, shape, QPointF(x, step_y[value]), 5 if bold else 4, filled=value in on_scale)

    def _dates(self, painter: QPainter, metrics: QFontMetrics, xs: list[float], bottom: float) -> None:
        painter.setPen(Qt.GlobalColor.black)
        last_right = -1e9
        for x, point in zip(xs, self.points, strict=True):
            painter.drawLine(QPointF(x, bottom), QPointF(x, bottom + 4))
            text = self.day_text(point.on)
            width = metrics.horizontalAdvance(text)
            if x - width / 2 > last_right + 6:  # dates that would overlap are left to the list beside the chart
                painter.drawText(QPointF(x - width / 2, bottom + 4 + metrics.ascent()), text)
                last_right = x + width / 2


def _bold(font: QFont) -> QFont:
    bold = QFont(font)
    bold.setBold(True)
    return bold


def _marker(painter: QPainter, shape: str, at: QPointF, size: float, filled: bool) -> None:
    painter.setPen(QPen(Qt.GlobalColor.black, 1.5))
    painter.setBrush(Qt.GlobalColor.black if filled else Qt.GlobalColor.white)
    x, y = at.x(), at.y()
    if shape == "square":
        painter.drawRect(QRectF(x - size, y - size, 2 * size, 2 * size))
    elif shape == "circle":
        painter.drawEllipse(at, size, size)
    elif shape == "triangle":
        painter.drawPolygon(QPolygonF([QPointF(x, y - size), QPointF(x + size, y + size), QPointF(x - size, y + size)]))
    elif shape == "diamond":
        painter.drawPolygon(QPolygonF([QPointF(x, y - size), QPointF(x + size, y), QPointF(x, y + size),
                                       QPointF(x - size, y)]))
    else:
        painter.drawLine(QPointF(x - size, y - size), QPointF(x + size, y + size))
        painter.drawLine(QPointF(x - size, y + size), QPointF(x + size, y - size))
    painter.setBrush(Qt.BrushStyle.NoBrush)
