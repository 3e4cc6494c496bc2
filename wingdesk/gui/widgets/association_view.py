"""The association view on a prisoner's page, for security only (issue 16): who is linked with this prisoner
through graded intelligence reports, drawn as a small graph (the prisoner in the middle, the others around,
a line per link, thicker for more shared reports). Keyboard first: arrow keys or Tab move between people, the
chosen person and the reports they share are said below the graph (and to screen readers), Enter opens them."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QGroupBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from wingdesk.domain.kinds.intelligence import grade_text
from wingdesk.gui.labels import code_label, error_text
from wingdesk.i18n import _, ngettext
from wingdesk.i18n.formats import format_date

if TYPE_CHECKING:
    from wingdesk.domain.associations import AssociationGraph
    from wingdesk.gui.tasks import TaskRunner
    from wingdesk.services.wing import WingServices

NODE_RADIUS = 7
NAV_KEYS = {Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1, Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1}


class AssociationGraphWidget(QWidget):
    """Paints the graph; `chosen(index)` when the keyboard or a click picks a person, `opened(id)` on Enter."""

    chosen = Signal(int)
    opened = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.graph: AssociationGraph | None = None
        self.names: dict[str, str] = {}
        self.current = 0
        self._picture: QPixmap | None = None
        self._picture_key: tuple[Any, ...] = ()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(240, 220)

    def set_graph(self, graph: AssociationGraph | None, names: dict[str, str]) -> None:
        self.graph, self.names, self.current = graph, names, 0
        self._picture = None
        self.update()

    def positions(self) -> list[QPointF]:
        """The centre person in the middle, the others on a circle (the most linked at the top)."""
        people = self.graph.people if self.graph else ()
        middle = QPointF(self.width() / 2, self.height() / 2)
        radius = max(30.0, min(self.width(), self.height()) / 2 - 28)
        spots = [middle]
        others = len(people) - 1
        for n in range(others):
            angle = -math.pi / 2 + 2 * math.pi * n / max(1, others)
            spots.append(QPointF(middle.x() + radius * math.cos(angle), middle.y() + radius * math.sin(angle)))
        return spots

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        """Drawn once into a picture per graph, size, choice and focus; a repaint (an expose, a scroll) only copies
        it: drawing makes hundreds of calls into Qt, and PySide6 6.12 on Python 3.11 leaks a reference to None
        on each (see the report of issue 16)."""
        key = (id(self.graph), self.width(), self.height(), self.current, self.hasFocus(), self.devicePixelRatio())
        if self._picture is None or self._picture_key != key:
            picture = QPixmap(self.size() * self.devicePixelRatio())
            picture.setDevicePixelRatio(self.devicePixelRatio())
            self._draw(picture)
            self._picture, self._picture_key = picture, key
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._picture)
        painter.end()

    def _draw(self, target: QPixmap) -> None:
        painter = QPainter(target)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        if self.graph is None or len(self.graph.people) < 2:
            painter.end()
            return
        spots, people = self.positions(), self.graph.people
        index = {p: n for n, p in enumerate(people)}
        for (a, b), reports in self.graph.links.items():
            if a in index and b in index:
                painter.setPen(QPen(QColor("#6b7a8f"), min(6, 1 + len(reports))))
                painter.drawLine(spots[index[a]], spots[index[b]])
        metrics = QFontMetrics(self.font())
        for n, spot in enumerate(spots):
            chosen = n == self.current
            painter.setPen(QPen(QColor("#1b3a5c"), 3 if chosen and self.hasFocus() else 1))
            painter.setBrush(QColor("#e8a33d") if chosen else QColor("#2f6fad") if n else QColor("#1b3a5c"))
            painter.drawEllipse(spot, NODE_RADIUS + (2 if chosen else 0), NODE_RADIUS + (2 if chosen else 0))
            if n == 0 or chosen or len(spots) <= 12:  # a crowded graph names only the centre and the chosen one
                text = metrics.elidedText(self.names.get(people[n], "—").split(" (")[0],
                                          Qt.TextElideMode.ElideRight, 150)
                box = QRectF(spot.x() - 80, spot.y() + NODE_RADIUS + 1, 160, metrics.height())
                painter.setPen(self.palette().text().color())
                painter.drawText(box, Qt.AlignmentFlag.AlignHCenter, text)
        painter.end()

    def step(self, step: int) -> None:
        if self.graph is None or len(self.graph.people) < 2:
            return
        self.current = (self.current + step) % len(self.graph.people)
        self.chosen.emit(self.current)
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in NAV_KEYS and self.graph is not None and len(self.graph.people) > 1:
            self.step(NAV_KEYS[Qt.Key(event.key())])
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.graph is not None and self.current:
            self.opened.emit(self.graph.people[self.current])
        elif event.key() == Qt.Key.Key_Home:
            self.step(-self.current)
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        for n, spot in enumerate(self.positions()):
            if (spot - event.position()).manhattanLength() <= NODE_RADIUS * 2:
                self.step(n - self.current)
                return
        super().mousePressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        self.chosen.emit(self.current)
        self.update()


class AssociationPanel(QGroupBox):
    """Loads the graph for one prisoner on a worker thread; `prisoner_requested(id)` when Enter opens someone."""

    prisoner_requested = Signal(str)

    def __init__(self, session: WingServices, tasks: TaskRunner, prisoner_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks, self.prisoner_id = session, tasks, prisoner_id
        self.view = AssociationGraphWidget()
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        # the reports about or linking this prisoner (all of them with the centre chosen, else those shared with
        # the chosen person): the subject's timeline alone would miss the ones that only link them (issue 16)
        self.linked: list[Any] = []
        self.reports_caption = QLabel()
        self.reports = QListWidget()
        self.reports.setWordWrap(True)
        self.reports.setMaximumHeight(140)
        self.reports_caption.setBuddy(self.reports)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.caption)
        layout.addWidget(self.reports_caption)
        layout.addWidget(self.reports)
        self.view.chosen.connect(self._say)
        self.view.opened.connect(self.prisoner_requested)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(_("Associations (graded intelligence)"))
        self.view.setAccessibleName(_("Associations: arrow keys move between people, Enter opens one"))
        self.reports_caption.setText(_("Linked &reports"))
        self.reports.setAccessibleName(_("Intelligence reports about or linking the chosen person"))
        self._say(self.view.current)

    def refresh(self) -> None:
        session, prisoner_id = self.session, self.prisoner_id

        def load() -> tuple[Any, dict[str, str], list[Any]]:
            from wingdesk.gui.prisoner_names import prisoner_label

            graph = session.intelligence.associations(prisoner_id)
            names = {p: prisoner_label(session.prisoners.get(p)) for p in graph.people}
            return graph, names, session.intelligence.linked_reports(prisoner_id)

        self.tasks.run(load, self._on_loaded, lambda error: self.caption.setText(error_text(error)))

    def _on_loaded(self, loaded: tuple[Any, dict[str, str], list[Any]]) -> None:
        graph, names, self.linked = loaded
        self.view.set_graph(graph, names)
        self._say(0)

    def _say(self, index: int) -> None:
        graph = self.view.graph
        if graph is None or len(graph.people) < 2:
            self.caption.setText(_("No one is linked through graded reports."))
        elif index == 0:
            others = len(graph.people) - 1
            self.caption.setText(ngettext("Linked with {n} person through graded reports. Arrow keys move.",
                                          "Linked with {n} people through graded reports. Arrow keys move.",
                                          others).format(n=others))
        else:
            person = graph.people[index]
            shared = len(graph.reports_between(graph.center, person))
            self.caption.setText(ngettext("{name}: {n} shared report. Enter opens.",
                                          "{name}: {n} shared reports. Enter opens.", shared).format(
                name=self.view.names.get(person, "—"), n=shared))
        self.view.setAccessibleDescription(self.caption.text())
        self._list_reports(index)

    def _list_reports(self, index: int) -> None:
        graph = self.view.graph
        shown = self.linked
        if graph is not None and 0 < index < len(graph.people):
            between = set(graph.reports_between(graph.center, graph.people[index]))
            shown = [r for r in self.linked if r.id in between]
        self.reports.clear()
        for report in shown:
            text = " · ".join((format_date(report.occurred_at[:10]), code_label(report.body.get("subject")),
                               grade_text(report.body) or _("not graded")))
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, report.id)
            self.reports.addItem(item)
        if not shown:
            self.reports.addItem(_("No linked reports."))
