"""Week at a glance for supervisors: stacked observation bars per day, incident and roll-discrepancy markers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from wingdesk.domain import codes
from wingdesk.gui.labels import code_label as label
from wingdesk.gui.tasks import TaskRunner
from wingdesk.i18n import _, format_locale, ngettext

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices

# Okabe-Ito palette (safe for the common colour-vision deficiencies); the last two add a hatch so that
# ten categories stay distinguishable without relying on hue alone.
_COLOURS = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000",
            "#999999", "#56B4E9")
_PATTERNS = {8: Qt.BrushStyle.Dense4Pattern, 9: Qt.BrushStyle.BDiagPattern}
_INCIDENT, _ROLL = QColor("#D55E00"), QColor("#0072B2")


def day_name(day: str) -> str:
    from datetime import date

    from babel.dates import format_date

    return format_date(date.fromisoformat(day), "EEE d", locale=format_locale())


class WeekChart(QWidget):
    def __init__(self, session: WingServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks = session, tasks
        self.days: list[Any] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(520, 300)
        self.retranslate_ui()

    def sizeHint(self) -> QSize:
        return QSize(820, 380)

    def retranslate_ui(self) -> None:
        self.setAccessibleName(_("Week at a glance"))
        self.setAccessibleDescription(self.describe())
        self.update()

    def refresh(self) -> None:
        self.tasks.run(self.session.reports.week_at_a_glance, self.set_days)

    def set_days(self, days: list[Any]) -> None:
        self.days = list(days)
        self.setAccessibleDescription(self.describe())
        self.setToolTip(self.describe())
        self.update()

    def describe(self) -> str:
        """The chart as text, for screen readers and the tooltip."""
        if not self.days:
            return _("No data for this week yet.")
        lines = []
        for d in self.days:
            total = sum(d.observations.values())
            parts = [ngettext("{n} observation", "{n} observations", total).format(n=total)]
            parts += [_("{category}: {n}").format(category=label(c), n=n) for c, n in d.observations.items()]
            parts.append(ngettext("{n} incident", "{n} incidents", d.incidents).format(n=d.incidents))
            parts.append(ngettext("{n} roll discrepancy", "{n} roll discrepancies",
                                  d.roll_discrepancies).format(n=d.roll_discrepancies))
            lines.append(_("{day}: {facts}").format(day=day_name(d.day), facts=", ".join(parts)))
        return "\n".join(lines)

    def categories(self) -> list[str]:
        seen = {c for d in self.days for c in d.observations}
        return [c for c in codes.OBSERVATION_CATEGORIES if c in seen]

    @staticmethod
    def brush(category: str) -> QBrush:
        index = codes.OBSERVATION_CATEGORIES.index(category)
        return QBrush(QColor(_COLOURS[index]), _PATTERNS.get(index, Qt.BrushStyle.SolidPattern))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        self.paint(painter, QRectF(self.rect()))
        painter.end()

    def paint(self, painter: QPainter, area: QRectF) -> None:
        font = QFont(painter.font())
        font.setPointSizeF(9)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        line = metrics.height()
        title = QFont(font)
        title.setBold(True)
        painter.setFont(title)
        painter.setPen(QColor("#222"))
        painter.drawText(QRectF(area.left() + 8, area.top() + 4, area.width() - 16, line + 4),
                         Qt.AlignmentFlag.AlignLeft, _("Week at a glance: observations by category per day"))
        painter.setFont(font)
        legend_w = min(250.0, area.width() * 0.34)
        plot = QRectF(area.left() + 40, area.top() + line + 24, area.width() - legend_w - 56,
                      area.height() - 2 * line - 40)
        if not self.days:
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, _("No data for this week yet."))
            return
        top = max(1, max(sum(d.observations.values()) + 1 for d in self.days))
        self._axes(painter, plot, top)
        slot = plot.width() / len(self.days)
        bar_w = slot * 0.55
        for i, d in enumerate(self.days):
            x = plot.left() + i * slot + (slot - bar_w) / 2
            y = plot.bottom()
            for category in codes.OBSERVATION_CATEGORIES:
                n = d.observations.get(category, 0)
                if not n:
                    continue
                h = plot.height() * n / top
                painter.setPen(QPen(QColor("white"), 1))
                painter.fillRect(QRectF(x, y - h, bar_w, h), QColor("white"))
                painter.setBrush(self.brush(category))
                painter.drawRect(QRectF(x, y - h, bar_w, h))
                y -= h
            self._markers(painter, x + bar_w / 2, y - 6, d)
            painter.setPen(QColor("#222"))
            painter.drawText(QRectF(x - slot * 0.2, plot.bottom() + 4, bar_w + slot * 0.4, line),
                             Qt.AlignmentFlag.AlignHCenter, day_name(d.day))
        self._legend(painter, QRectF(plot.right() + 16, plot.top(), legend_w, plot.height()), line)

    def _axes(self, painter: QPainter, plot: QRectF, top: int) -> None:
        painter.setPen(QPen(QColor("#bbb"), 1))
        step = max(1, round(top / 5))
        for value in range(0, top + 1, step):
            y = plot.bottom() - plot.height() * value / top
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.drawText(QRectF(plot.left() - 36, y - 8, 30, 16), Qt.AlignmentFlag.AlignRight, str(value))

    def _markers(self, painter: QPainter, cx: float, y: float, d: Any) -> None:
        """Incidents as red-orange triangles, roll discrepancies as blue diamonds, each with its count."""
        painter.setPen(QPen(QColor("#222"), 1))
        if d.incidents:
            painter.setBrush(_INCIDENT)
            painter.drawPolygon(QPolygonF([QPointF(cx - 14, y), QPointF(cx - 6, y), QPointF(cx - 10, y - 8)]))
            painter.drawText(QPointF(cx - 22, y), str(d.incidents))
        if d.roll_discrepancies:
            painter.setBrush(_ROLL)
            painter.drawPolygon(QPolygonF([QPointF(cx + 10, y - 9), QPointF(cx + 14, y - 4.5),
                                           QPointF(cx + 10, y), QPointF(cx + 6, y - 4.5)]))
            painter.drawText(QPointF(cx + 16, y), str(d.roll_discrepancies))

    def _legend(self, painter: QPainter, box: QRectF, line: int) -> None:
        y = box.top()
        painter.setPen(QColor("#222"))
        for category in self.categories():
            painter.setBrush(self.brush(category))
            painter.drawRect(QRectF(box.left(), y + 2, 12, 12))
            painter.drawText(QRectF(box.left() + 18, y, box.width() - 18, line + 2), Qt.AlignmentFlag.AlignLeft,
                             painter.fontMetrics().elidedText(label(category), Qt.TextElideMode.ElideRight,
                                                              int(box.width() - 18)))
            y += line + 4
        y += 6
        painter.setBrush(_INCIDENT)
        painter.drawPolygon(QPolygonF([QPointF(box.left(), y + 12), QPointF(box.left() + 12, y + 12),
                                       QPointF(box.left() + 6, y + 1)]))
        painter.drawText(QRectF(box.left() + 18, y, box.width() - 18, line + 2), _("Incidents"))
        y += line + 4
        painter.setBrush(_ROLL)
        painter.drawPolygon(QPolygonF([QPointF(box.left() + 6, y + 1), QPointF(box.left() + 12, y + 7),
                                       QPointF(box.left() + 6, y + 13), QPointF(box.left(), y + 7)]))
        painter.drawText(QRectF(box.left() + 18, y, box.width() - 18, line + 2), _("Roll discrepancies"))
