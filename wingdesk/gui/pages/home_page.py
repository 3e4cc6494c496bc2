"""Wing overview: today's shifts and roll, recent observations, reviews and plan reviews due, active alerts, and a
reminder of the user's own required training not done or overdue (issue 18 item 2)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from wingdesk.domain.roles import Role
from wingdesk.gui.hierarchy_text import place_name
from wingdesk.gui.labels import code_label, error_text
from wingdesk.gui.prisoner_names import prisoner_name
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.when import day_text, when
from wingdesk.gui.widgets.section_box import SectionBox
from wingdesk.i18n import _, current_language, ngettext
from wingdesk.i18n.formats import format_time
from wingdesk.services.movements import has_discrepancy
from wingdesk.services.policy import Action, Resource, Scope, scope_for

if TYPE_CHECKING:
    from wingdesk.gui.widgets.presence_panel import PresencePanel
    from wingdesk.gui.widgets.week_chart import WeekChart
    from wingdesk.services.wing import WingServices


@dataclass
class HomeData:
    day: Any = None
    observations: list[Any] = field(default_factory=list)
    review: list[Any] = field(default_factory=list)
    plans_due: list[Any] = field(default_factory=list)
    alerts: list[Any] = field(default_factory=list)
    names: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (name, number)
    today: str = ""  # ISO: plan reviews before it are overdue, not "due"
    place: Any = None  # where HQ's hierarchy puts this PC (the official names in the heading)
    training: list[Any] = field(default_factory=list)  # the user's required modules not done or overdue


@dataclass(frozen=True)
class HomeSections:
    """Which sections this role sees, straight from the access policy."""

    today: bool
    observations: bool
    review: bool
    plans: bool
    alerts: bool
    chart: bool
    training: bool = False

    @classmethod
    def for_role(cls, role: Role) -> HomeSections:
        def can(action: Action, resource: Resource, *scopes: Scope) -> bool:
            scope = scope_for(role, action, resource)
            return scope is not None and (not scopes or scope in scopes)

        return cls(today=can(Action.READ, Resource.LOG_ENTRY, Scope.ALL, Scope.OWN),
                   observations=can(Action.READ, Resource.OBSERVATION),
                   review=can(Action.APPROVE, Resource.DAILY_LOG),
                   plans=can(Action.READ, Resource.PLAN, Scope.ALL),
                   alerts=can(Action.READ, Resource.ALERT),
                   chart=role in (Role.SUPERVISOR, Role.GOVERNOR),
                   training=can(Action.READ, Resource.TRAINING))


def load_home(session: WingServices, sections: HomeSections) -> HomeData:
    """Runs on a worker thread: every query the page needs, then the prisoners' names in one pass."""
    data = HomeData(place=session.hierarchy.place())
    if sections.today:
        data.day = session.logs.day()
    if sections.observations:
        data.observations = session.observations.recent(12)
    if sections.review:
        data.review = session.logs.review_queue()
    if sections.plans:
        data.today = session.prisoners.today().isoformat()
        data.plans_due = session.treatment.reviews_due((session.prisoners.today() + timedelta(days=14)).isoformat())
    if sections.alerts:
        data.alerts = session.alerts.active(limit=50)
    if sections.training:
        data.training = [m for m in session.learning.my_modules(current_language()) if m.status.needs_action]
    ids = {r.prisoner_id for r in (*data.observations, *data.plans_due, *data.alerts) if r.prisoner_id}
    for prisoner_id in ids:
        prisoner = session.prisoners.get(prisoner_id)
        data.names[prisoner_id] = (prisoner_name(prisoner), prisoner.number)
    return data


class HomePage(QWidget):
    prisoner_requested = Signal(str)
    page_requested = Signal(str)  # a navigation key: the training reminder opens the Learning page

    def __init__(self, session: WingServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks = session, tasks
        self.sections = HomeSections.for_role(session.user.role)
        self.data: HomeData | None = None
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.today_label = QLabel()
        self.today_label.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.training = QLabel()  # required training to do: one line, its link opens the Learning page
        self.training.setObjectName("trainingReminder")
        self.training.setWordWrap(True)
        self.training.setTextFormat(Qt.TextFormat.RichText)
        self.training.setStyleSheet("#trainingReminder { background: #fff3d6; border: 1px solid #d9a400; "
                                    "border-radius: 3px; padding: 4px 8px; color: #5c3d00; }")
        self.training.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                              | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.training.linkActivated.connect(lambda _link: self.page_requested.emit("learning"))
        self.training.hide()
        self.boxes = {key: SectionBox() for key in ("observations", "review", "plans", "alerts")}
        for box in self.boxes.values():
            box.activated.connect(self.prisoner_requested)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.today_label)
        layout.addWidget(self.status_label)
        layout.addWidget(self.training)
        self.presence: PresencePanel | None = None  # roll, movements, open discrepancies (who may read the roster)
        if scope_for(session.user.role, Action.READ, Resource.PRISONER) is not None:
            from wingdesk.gui.widgets.presence_panel import PresencePanel

            self.presence = PresencePanel(session, tasks, self)
            self.presence.activated.connect(self.prisoner_requested)
            self.presence.resolved.connect(self.refresh)
            layout.addWidget(self.presence)
        grid = QGridLayout()
        shown = [key for key in self.boxes if getattr(self.sections, key)]
        for index, key in enumerate(shown):
            grid.addWidget(self.boxes[key], index // 2, index % 2)
        for key in self.boxes:
            self.boxes[key].setVisible(key in shown)
        layout.addLayout(grid, 3)
        self.chart: WeekChart | None = None  # loaded only for the roles that see it
        if self.sections.chart:
            from wingdesk.gui.widgets.week_chart import WeekChart

            self.chart = WeekChart(session, tasks, self)
            self.chart.setMinimumHeight(170)  # with the inbox banner and the roll box the page must fit 1280x800
            self.chart.setMaximumHeight(300)
            layout.addWidget(self.chart, 2)
        if not shown:
            layout.addStretch(1)
        self.retranslate_ui()

    def title(self) -> str:
        return _("Home")

    def refresh(self) -> None:
        self.status_label.setText(_("Loading…"))
        sections, session = self.sections, self.session
        self.tasks.run(lambda: load_home(session, sections), self._on_loaded, self._on_failed)
        if self.presence is not None:
            self.presence.refresh()
        if self.chart is not None:
            self.chart.refresh()

    def _on_loaded(self, data: HomeData) -> None:
        self.data = data
        self.status_label.clear()
        self._show_heading()
        self._render()

    def _show_heading(self) -> None:
        place = self.data.place if self.data is not None else None
        self.heading.setText(_("{wing}: overview").format(wing=place_name(place, self.session.wing)))

    def _on_failed(self, error: BaseException) -> None:
        self.status_label.setText(error_text(error))

    def retranslate_ui(self) -> None:
        self._show_heading()
        self.boxes["observations"].set_title(_("Recent observations"), _("No observations yet."))
        self.boxes["review"].set_title(_("Daily logs awaiting your review"), _("Nothing to review."))
        self.boxes["plans"].set_title(_("Plan reviews due in the next two weeks"), _("No reviews due."))
        self.boxes["alerts"].set_title(_("Active alerts"), _("No active alerts."))
        if not any(getattr(self.sections, k) for k in ("today", "observations", "review", "plans", "alerts")):
            self.today_label.setText(_("You manage staff accounts and settings on the Administration page."))
        if self.chart is not None:
            self.chart.retranslate_ui()
        if self.presence is not None:
            self.presence.retranslate_ui()
        self._render()

    def _name(self, prisoner_id: str | None) -> str:
        found = self.data.names.get(prisoner_id or "") if self.data else None
        if found is None:
            return _("unknown prisoner")
        return _("{name} ({number})").format(name=found[0], number=found[1])

    def _render(self) -> None:
        data = self.data
        if data is None:
            return
        if self.sections.today:
            self.today_label.setText(self._today_text(data.day))
        self._show_training(data.training)
        self.boxes["observations"].set_rows([
            (_("{when} – {prisoner}: {category} ({polarity})").format(
                when=when(r.occurred_at), prisoner=self._name(r.prisoner_id),
                category=code_label(r.body.get("category")), polarity=code_label(r.body.get("polarity"))),
             r.prisoner_id) for r in data.observations])
        self.boxes["review"].set_rows([
            (ngettext("{day}: {state}, {n} entry", "{day}: {state}, {n} entries", d.entry_count).format(
                day=day_text(d.day, "full"), state=code_label(d.state), n=d.entry_count), None)
            for d in data.review])
        self.boxes["plans"].set_rows([
            ((_("{prisoner}: review overdue since {date}") if (_next_review(p.body) or "") < data.today
              else _("{prisoner}: review due {date}")).format(
                prisoner=self._name(p.prisoner_id), date=day_text(_next_review(p.body))), p.prisoner_id)
            for p in data.plans_due])
        self.boxes["alerts"].set_rows([
            (_("{prisoner}: {alert} since {date}").format(
                prisoner=self._name(a.prisoner_id), alert=code_label(a.body.get("code")),
                date=day_text(a.body.get("active_from"))), a.prisoner_id) for a in data.alerts])

    def _show_training(self, items: list[Any]) -> None:
        """"Required training: <titles>" with a link to the Learning page; hidden when nothing is due."""
        if not items:
            self.training.hide()
            return
        overdue = [i.title for i in items if i.status.completed_on is not None]
        new = [i.title for i in items if i.status.completed_on is None]
        parts = []
        if new:
            parts.append(_("Required training not done yet: {modules}.").format(modules=", ".join(new)))
        if overdue:
            parts.append(ngettext("Refresher overdue: {modules}.", "Refreshers overdue: {modules}.",
                                  len(overdue)).format(modules=", ".join(overdue)))
        text = " ".join(parts)
        link = _("Open the Learning page")
        self.training.setText(f'{escape(text)} <a href="#learning">{escape(link)}</a>')
        self.training.setAccessibleName(text)
        self.training.show()

    def _today_text(self, view: Any) -> str:
        if view is None:
            return ""
        lines = [_("Today, {day}: log {state}.").format(day=day_text(view.day.day, "full"),
                                                          state=code_label(view.day.state))]
        handovers = {e.id: e for e in view.entries if e.body.get("entry_type") == "HANDOVER"}
        for shift in view.shifts:
            handover = handovers.get(shift.handover_record_id or "")
            officer = handover.body.get("incoming_officer", "") if handover else ""
            if shift.accepted_at:
                lines.append(_("{shift}: {officer} (handover accepted at {time})").format(
                    shift=code_label(shift.shift), officer=officer, time=format_time(shift.accepted_at)))
            else:
                lines.append(_("{shift}: handover not yet accepted.").format(shift=code_label(shift.shift)))
        rolls = [e for e in view.entries if e.body.get("entry_type") == "ROLL_COUNT"]
        if not rolls:
            lines.append(_("No roll count recorded today."))
        else:
            last = rolls[-1].body
            text = _("Last roll count: {counted} of {expected} (at {time})").format(
                time=format_time(rolls[-1].occurred_at), counted=last.get("counted"), expected=last.get("expected"))
            resolved = {e.body.get("roll_entry") for e in view.entries if e.body.get("entry_type") == "ROLL_RESOLUTION"}
            if has_discrepancy(rolls[-1]) and rolls[-1].id not in resolved:
                text += " " + _("Discrepancy not yet resolved.")
            lines.append(text)
        return "\n".join(lines)


def _next_review(body: dict[str, Any]) -> str | None:
    reviews = body.get("reviews") or []
    return reviews[-1].get("next_review_date") if reviews else body.get("first_review_date")
