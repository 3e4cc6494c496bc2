"""Transfer between prisons (issue 19 item 1): the governor seals a prisoner's file for another prison's PC that HQ
lists (`TransferDialog`, from the prisoner page), and accepts a package HQ delivered (`TransfersWaitingDialog`, from
the inbox item that announces it). What travels and what never does is said on the dialog; errors are the
service's one sentence, shown in place. Sealing and opening run in the background."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wingdesk.gui.labels import error_text
from wingdesk.gui.tasks import TaskRunner
from wingdesk.i18n import _
from wingdesk.services.policy import Action, Resource, scope_for

if TYPE_CHECKING:
    from wingdesk.domain.people import Prisoner
    from wingdesk.services.wing import WingServices


def may_transfer(session: WingServices) -> bool:
    return scope_for(session.user.role, Action.CREATE, Resource.TRANSFER) is not None


def _wrapped(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class TransferDialog(QDialog):
    def __init__(self, session: WingServices, tasks: TaskRunner, prisoner: Prisoner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks, self.prisoner = session, tasks, prisoner
        self.setWindowTitle(_("Transfer to another prison"))
        layout = QVBoxLayout(self)
        layout.addWidget(_wrapped(_("{name} ({number}): the file is sealed for the receiving prison's computer, "
                                    "signed by you, and leaves with the next sync through HQ.").format(
            name=prisoner.display_name, number=prisoner.number)))
        form = QFormLayout()
        self.destination = QComboBox()
        self.destination.setAccessibleName(_("Receiving prison"))
        form.addRow(_("Receiving prison"), self.destination)
        layout.addLayout(form)
        layout.addWidget(_wrapped(_("What goes: the profile, active alerts, the open plan, the latest countersigned "
                                    "assessment, intelligence as sanitised text under its handling code, and "
                                    "references to log entries. What never goes: items withheld from disclosure, "
                                    "do-not-disclose alerts, intelligence reports as written.")))
        layout.addWidget(_wrapped(_("Afterwards the file here is read-only: no new records, corrections as "
                                    "amendments only.")))
        self.message = _wrapped()
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.seal_button = QPushButton(_("&Seal and send"))
        self.buttons.addButton(self.seal_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.seal_button.clicked.connect(self.seal)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.tasks.run(session.transfer.destinations, self._show_destinations, self._fail)

    def _show_destinations(self, peers: list[Any]) -> None:
        self.destination.clear()
        for peer in peers:
            self.destination.addItem(peer.wing_name, peer.device_id)
        self.seal_button.setEnabled(bool(peers))
        if not peers:
            self.message.setText(_("HQ has not listed any other prison yet: sync with HQ first."))

    def seal(self) -> None:
        device = self.destination.currentData()
        if not device:
            return
        self.seal_button.setEnabled(False)
        self.tasks.run(lambda: self.session.transfer.seal(self.prisoner.id, device), self._sealed, self._fail)

    def _sealed(self, result: Any) -> None:
        self.message.setText(_("Sealed for {prison}: {count} records go with the next sync. The file here is now "
                               "read-only.").format(prison=self.destination.currentText(), count=result.carried))

    def _fail(self, error: BaseException) -> None:
        self.seal_button.setEnabled(self.destination.count() > 0)
        self.message.setText(error_text(error))


class TransfersWaitingDialog(QDialog):
    """Packages HQ delivered to this PC: open one (signature and addressing checked), then accept it."""

    def __init__(self, session: WingServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks = session, tasks
        self.setWindowTitle(_("Transfers waiting"))
        layout = QVBoxLayout(self)
        self.waiting = QListWidget()
        self.waiting.setAccessibleName(_("Transfers waiting"))
        self.waiting.currentItemChanged.connect(self._preview)
        layout.addWidget(self.waiting)
        self.detail = _wrapped()
        layout.addWidget(self.detail)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.accept_button = QPushButton(_("&Accept transfer"))
        self.accept_button.setEnabled(False)
        self.buttons.addButton(self.accept_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.accept_button.clicked.connect(self.accept_current)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.reload()

    def reload(self) -> None:
        self.tasks.run(self.session.transfer.pending, self._show, self._fail)

    def _show(self, rows: list[Any]) -> None:
        self.waiting.clear()
        for row in rows:
            item = QListWidgetItem(_("Transfer delivered by HQ on {date}").format(date=row.at[:10]))
            item.setData(Qt.ItemDataRole.UserRole, row.transfer_id)
            self.waiting.addItem(item)
        if not rows:
            self.detail.setText(_("No transfer is waiting for this prison."))
        else:
            self.waiting.setCurrentRow(0)

    def _preview(self, item: QListWidgetItem | None) -> None:
        self.accept_button.setEnabled(False)
        if item is None:
            return
        transfer_id = item.data(Qt.ItemDataRole.UserRole)
        self.tasks.run(lambda: self.session.transfer.preview(transfer_id), self._show_preview, self._fail)

    def _show_preview(self, content: dict[str, Any]) -> None:
        person = content["prisoner"]
        self.detail.setText(_("{name} ({number}) from {prison}, sealed by {governor}: {records} records, "
                              "{intelligence} intelligence summaries, {logs} log references. The signature "
                              "holds.").format(
            name=f"{person.get('family_name')}, {person.get('given_name')}", number=person.get("number"),
            prison=content.get("from_wing"), governor=content.get("governor"), records=len(content["records"]),
            intelligence=len(content["intelligence"]), logs=len(content["log_references"])))
        self.accept_button.setEnabled(True)

    def accept_current(self) -> None:
        item = self.waiting.currentItem()
        if item is None:
            return
        transfer_id = item.data(Qt.ItemDataRole.UserRole)
        self.accept_button.setEnabled(False)
        self.tasks.run(lambda: self.session.transfer.accept(transfer_id), self._accepted, self._fail)

    def _accepted(self, _record: Any) -> None:
        self.reload()
        self.detail.setText(_("Accepted: the prisoner is on the roll, marked as arrived by transfer. HQ tells the "
                              "sending prison with the next sync."))

    def _fail(self, error: BaseException) -> None:
        self.detail.setText(error_text(error))
