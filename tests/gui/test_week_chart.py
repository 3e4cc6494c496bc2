"""Week-at-a-glance chart draws non-empty stacked bars for the demo week."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage, QPainter

from tests.gui.pages_fixtures import demo_template, settle, tasks, wing, wing_dir  # noqa: F401
from wingdesk.gui.widgets.week_chart import _COLOURS, WeekChart


def test_week_chart_renders_bars(qtbot, wing, tasks):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    supervisor = wing.sign_in("supervisor")
    chart = WeekChart(supervisor, tasks)
    qtbot.addWidget(chart)
    chart.refresh()
    settle(qtbot, tasks)
    assert len(chart.days) == 7 and sum(sum(d.observations.values()) for d in chart.days) > 0
    image = QImage(820, 380, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    chart.paint(painter, image.rect().toRectF())
    painter.end()
    palette = {QColor(c).rgb() for c in _COLOURS[:7]}
    coloured = sum(1 for x in range(40, 560, 3) for y in range(40, 340, 3) if image.pixel(x, y) in palette)
    assert coloured > 200
    assert "observation" in chart.accessibleDescription()
