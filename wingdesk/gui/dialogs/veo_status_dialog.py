"""A prisoner's extremism (VEO) status (issue 15 item 3, domain.md §5 scenario 12). Security and the governor see the
status in force, until when a radicalisation concern holds (its review date, or a later countersigned assessment's)
and whether it has lapsed, every status set with its basis, and set a new one with its basis — renewing a concern
is setting it again with the reason and a new review date. Treatment staff read it. Officers and supervisors never
get this dialog (the policy gives them no read). People set the status: nothing here suggests one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from wingdesk.domain.kinds.veo_status import CONCERN, VEO_STATUS
from wingdesk.domain.records import Record
from wingdesk.domain.veo_rules import VeoInForce
from wingdesk.gui.labels import code_label, error_text
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.when import day_text
from wingdesk.gui.widgets.field_form import FieldForm
from wingdesk.i18n import _
from wingdesk.i18n.formats import format_datetime
from wingdesk.services.policy import Action, Resource, scope_for

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices

REVIEW_AFTER_DAYS = 90


def may_read_veo(session: WingServices) -> bool:
    return scope_for(session.user.role, Action.READ, Resource.VEO_STATUS) is not None


def may_set_veo(session: WingServices) -> bool:
    return scope_for(session.user.role, Action.CREATE, Resource.VEO_STATUS) is not None


@dataclass(frozen=True)
class VeoData:
    in_force: VeoInForce
    history: list[Record]


def load_veo(session: WingServices, prisoner_id: str) -> VeoData:
    return VeoData(session.veo.in_force(prisoner_id), session.veo.history(prisoner_id))


def in_force_text(state: VeoInForce) -> str:
    text = _("Status in force: {status}").format(status=code_label(state.status))
    if state.lapsed:
        text += "\n" + _("The radicalisation concern lapsed after {date}: it was not renewed. Decide again: set a "
                         "status with its basis.").format(date=day_text(state.until))
    elif state.set_status == CONCERN and state.until:
        text += "\n" + _("The concern holds until {date} unless it is renewed.").format(date=day_text(state.until))
    return text


class VeoStatusDialog(QDialog):
    saved = Signal(object)

    def __init__(self, session: WingServices, tasks: TaskRunner, prisoner_id: str, title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks, self.prisoner_id, self.title = session, tasks, prisoner_id, title
        self.can_set = may_set_veo(session)
        self.data: VeoData | None = None
        self.resize(900, 640)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setStyleSheet("font-weight: 600;")
        self.history_label = QLabel()
        self.history = QListWidget()
        self.history.setWordWrap(True)
        self.history_label.setBuddy(self.history)
        self.set_box = QGroupBox()
        self.form = FieldForm(VEO_STATUS.fields, choose_explicitly=True)
        self.form.set_value("review_date", (date.today() + timedelta(days=REVIEW_AFTER_DAYS)).isoformat())
        self.form.submitted.connect(self.save)
        self.form.changed.connect(self._review_for_concern)
        self._review_for_concern()
        self.set_hint = QLabel()
        self.set_hint.setWordWrap(True)
        set_layout = QVBoxLayout(self.set_box)
        set_layout.addWidget(self.set_hint)
        set_layout.addWidget(self.form)
        self.set_box.setVisible(self.can_set)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.error.hide()
        buttons = QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close if self.can_set \
            else QDialogButtonBox.StandardButton.Close
        self.buttons = QDialogButtonBox(buttons)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        if self.save_button is not None:
            self.save_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(self.history_label)
        layout.addWidget(self.history, 1)
        layout.addWidget(self.set_box)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        self.load()

    def _review_for_concern(self) -> None:
        """Only a radicalisation concern has a review date (it lapses after it)."""
        self.form.editors["review_date"].setEnabled(self.form.value("veo_status") == CONCERN)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Extremism status") + " · " + self.title)
        self.history_label.setText(_("&Statuses set at the wing (newest first)"))
        self.set_box.setTitle(_("Set or renew the status"))
        self.set_hint.setText(_("Give the basis: the offence, or why the concern was raised; to renew a concern, "
                                "why it still holds. A radicalisation concern needs a review date and lapses after "
                                "it unless a countersigned assessment or a new setting renews it."))
        if self.save_button is not None:
            self.save_button.setText(_("&Set the status"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        self.form.retranslate_ui()
        self._show()

    def load(self) -> None:
        session, pid = self.session, self.prisoner_id
        self.tasks.run(lambda: load_veo(session, pid), self._loaded, self._failed)

    def _loaded(self, data: VeoData) -> None:
        self.data = data
        self._show()

    def _show(self) -> None:
        data = self.data
        if data is None:
            self.state.setText(_("Loading…"))
            return
        self.state.setText(in_force_text(data.in_force))
        self.state.setStyleSheet("font-weight: 600; color: #b3261e;" if data.in_force.lapsed else "font-weight: 600;")
        self.history.clear()
        for record in data.history:
            body = record.body
            line = f"{format_datetime(record.recorded_at)} · {code_label(body.get('veo_status'))}"
            if body.get("review_date"):
                line += " · " + _("review {date}").format(date=day_text(str(body["review_date"])))
            self.history.addItem(f"{line} · {record.author_name}\n{body.get('basis', '')}")
        if not data.history:
            self.history.addItem(_("No status set at the wing: the roster's status applies."))

    def save(self) -> None:
        if self.save_button is None or not self.save_button.isEnabled() or not self.form.validate():
            return
        values = self.form.values()
        status, basis = str(values["veo_status"]), str(values["basis"])
        review = values.get("review_date") if status == CONCERN else None
        service, pid = self.session.veo, self.prisoner_id
        self.save_button.setEnabled(False)
        self.error.hide()
        self.tasks.run(lambda: service.set(pid, status, basis, review), self._on_saved, self._failed)

    def _on_saved(self, record: Record) -> None:
        if self.save_button is not None:
            self.save_button.setEnabled(True)
        self.form.set_value("basis", "")
        self.saved.emit(record)
        self.load()

    def _failed(self, error: BaseException) -> None:
        if self.save_button is not None:
            self.save_button.setEnabled(True)
        self.error.setText(error_text(error))
        self.error.show()
