"""The "Carried from <prison>" section of a prisoner's page (issue 19 item 1): the plan, assessment and sanitised
intelligence that came with a transferred prisoner, read-only, each with its author, date and whether its signature
holds (services.carried decides who sees what, and audits each open). Hidden when nothing came, or nothing this
user may read."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from wingdesk.gui.labels import error_text
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.when import when
from wingdesk.gui.widgets.record_card import RecordCard
from wingdesk.i18n import _
from wingdesk.services.carried import BROKEN, HOLDS, OTHER_WINGS_ACCOUNTS, SEALED, CarriedFile

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices


def signature_text(state: str, prison: str) -> str:
    if state == HOLDS:
        return _("Author's signature holds: unchanged since it was signed.")
    if state == BROKEN:
        return _("Author's signature does NOT hold: this text was changed after it was signed.")
    if state == SEALED:
        return _("Sealed under the signature of the governor of {prison}, which holds.").format(prison=prison)
    return _("The author's signature cannot be checked here: the package does not name their key.")


class CarriedPanel(QGroupBox):
    def __init__(self, session: WingServices, tasks: TaskRunner, prisoner_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks, self.prisoner_id = session, tasks, prisoner_id
        self.carried: CarriedFile | None = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setStyleSheet("color: #555;")
        self.items = QVBoxLayout()
        self.items.setSpacing(6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.intro)
        layout.addLayout(self.items)
        self.hide()

    def refresh(self) -> None:
        session, prisoner_id = self.session, self.prisoner_id
        self.tasks.run(lambda: session.carried.carried(prisoner_id), self._on_loaded, self._on_failed)

    def _on_loaded(self, carried: CarriedFile | None) -> None:
        self.carried = carried
        self.retranslate_ui()

    def _on_failed(self, error: BaseException) -> None:
        self.carried = None
        self._clear()
        self.setTitle(_("Carried from another prison"))
        self.intro.setText(error_text(error))
        self.show()

    def _clear(self) -> None:
        while self.items.count():
            item = self.items.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()

    def retranslate_ui(self) -> None:
        carried = self.carried
        self._clear()
        if carried is None:
            self.hide()
            return
        title = _("Carried from {prison}").format(prison=carried.from_wing)
        self.setTitle(title)
        self.setAccessibleName(title)
        self.intro.setText(_("Read-only: written at {prison} and sealed by its governor {governor}; accepted here "
                             "{when}. Carried alerts are among this prisoner's alerts.").format(
            prison=carried.from_wing, governor=carried.sealed_by, when=when(carried.accepted_at or "")))
        for item in carried.items:
            body = {k: v for k, v in item.record.body.items() if k not in OTHER_WINGS_ACCOUNTS}
            self.items.addWidget(RecordCard(replace(item.record, body=body)))
            check = QLabel(signature_text(item.signature, carried.from_wing))
            check.setWordWrap(True)
            check.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            check.setStyleSheet("color: #b3261e; font-weight: 600;" if item.signature == BROKEN else "color: #555;")
            self.items.addWidget(check)
        self.show()

    def item_texts(self) -> list[Any]:
        """What the panel shows, for tests: each card's heading and each signature line."""
        found = []
        for index in range(self.items.count()):
            item = self.items.itemAt(index)
            widget = item.widget() if item is not None else None
            if isinstance(widget, RecordCard):
                found.append(widget.record.kind)
            elif isinstance(widget, QLabel):
                found.append(widget.text())
        return found
