"""Transfer between prisons (issue 19 item 1): the governor seals a prisoner's file for another prison's PC that HQ
lists (`TransferDialog`, from the prisoner page), also saved to a file for a USB stick if asked, and accepts a
package HQ delivered or one opened from a stick (`TransfersWaitingDialog`, from the inbox). What travels and what
never does is said on the dialog; errors are the service's one sentence, shown in place. Sealing, writing, reading
and opening run in the background; the file is written safely (sync.transfer_file)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wingdesk.gui.hierarchy_text import place_name
from wingdesk.gui.labels import error_text
from wingdesk.gui.tasks import TaskRunner
from wingdesk.i18n import _
from wingdesk.i18n.sync_messages import describe_sync
from wingdesk.services.policy import Action, Resource, scope_for
from wingdesk.services.sync_types import SyncFailed
from wingdesk.sync.transfer_file import default_name, read_package, write_package

if TYPE_CHECKING:
    from wingdesk.domain.people import Prisoner
    from wingdesk.services.wing import WingServices


def may_transfer(session: WingServices) -> bool:
    return scope_for(session.user.role, Action.CREATE, Resource.TRANSFER) is not None


def _sentence(error: BaseException) -> str:
    """The service's one sentence; a sync refusal (this PC not enrolled, say) in the sync messages' words."""
    return describe_sync(error) if isinstance(error, SyncFailed) else error_text(error)


def _file_filter() -> str:
    return _("Transfer files (*.wdtransfer)")


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
        self.choose_file: Callable[[], str] = self._ask_file
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
        layout.addWidget(_wrapped(_("To carry it on a USB stick as well, save it to a file: it stays sealed to the "
                                    "receiving prison's computer, and the receiving prison accepts it once, whichever "
                                    "copy comes first. The file name names nobody.")))
        self.message = _wrapped()
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.seal_button = QPushButton(_("&Seal and send"))
        self.buttons.addButton(self.seal_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.seal_button.clicked.connect(self.seal)
        self.file_button = QPushButton(_("Save to a &file for a USB stick…"))
        self.buttons.addButton(self.file_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.file_button.clicked.connect(self.save_to_file)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._enable(False)
        self.tasks.run(lambda: (session.transfer.destinations(), session.hierarchy.places()),
                       lambda found: self._show_destinations(*found), self._fail)

    def _enable(self, on: bool) -> None:
        self.seal_button.setEnabled(on)
        self.file_button.setEnabled(on)

    def _show_destinations(self, peers: list[Any], places: dict[str, Any] | None = None) -> None:
        """Each PC HQ lists, by the official prison and wing names HQ's hierarchy gives it (the name it enrolled
        under as the tooltip), else by that name alone."""
        self.destination.clear()
        for peer in peers:
            place = (places or {}).get(peer.device_id)
            self.destination.addItem(place_name(place, peer.wing_name), peer.device_id)
            if place is not None:
                self.destination.setItemData(self.destination.count() - 1, peer.wing_name,
                                             Qt.ItemDataRole.ToolTipRole)
        self._enable(bool(peers))
        if not peers:
            self.message.setText(_("HQ has not listed any other prison yet: sync with HQ first."))

    def seal(self) -> None:
        device = self.destination.currentData()
        if not device:
            return
        self._enable(False)
        self.tasks.run(lambda: self.session.transfer.seal(self.prisoner.id, device), self._sealed, self._fail)

    def save_to_file(self) -> None:
        """Seal (or take the package sealed earlier for that prison) and write it safely to the chosen file."""
        device = self.destination.currentData()
        if not device:
            return
        path = self.choose_file()
        if not path:
            return
        self._enable(False)
        self.message.setText(_("Writing the file…"))
        self.tasks.run(lambda: self.session.transfer.export(self.prisoner.id, device,
                                                            lambda data: write_package(path, data)),
                       lambda result: self._saved(result, path), self._fail)

    def _sealed(self, result: Any) -> None:
        self.file_button.setEnabled(True)  # the same package may still be saved for a stick
        self.message.setText(_("Sealed for {prison}: {count} records go with the next sync. The file here is now "
                               "read-only.").format(prison=self.destination.currentText(), count=result.carried))

    def _saved(self, result: Any, path: str) -> None:
        self.file_button.setEnabled(True)
        prison, file = self.destination.currentText(), Path(path).name  # the stick's own path says nothing more
        if result.carried is None:
            text = _("The package sealed earlier for {prison} is saved to {file} again.")
        else:
            text = _("Sealed for {prison} and saved to {file}: carry it to the receiving prison. It also goes with "
                     "the next sync through HQ, and is accepted there only once.")
        self.message.setText(text.format(prison=prison, file=file))

    def _ask_file(self) -> str:
        name = default_name(datetime.now().strftime("%Y-%m-%d-%H%M"))
        return QFileDialog.getSaveFileName(self, _("Save the transfer file for a USB stick"), name, _file_filter(),
                                           options=QFileDialog.Option.DontConfirmOverwrite)[0]

    def _fail(self, error: BaseException) -> None:
        self._enable(self.destination.count() > 0)
        self.message.setText(_sentence(error))


class TransfersWaitingDialog(QDialog):
    """Packages HQ delivered to this PC, or opened from a file on a USB stick (checked the same way before it is
    kept): open one (signature and addressing checked), then accept it."""

    def __init__(self, session: WingServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks = session, tasks
        self.choose_file: Callable[[], str] = self._ask_file
        self.opened: str | None = None  # the transfer id of the file just opened: shown first
        self.accepted_text = ""  # what the last acceptance said, kept when the reloaded list is empty
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
        self.file_button = QPushButton(_("&Open a file from a USB stick…"))
        self.buttons.addButton(self.file_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.file_button.clicked.connect(self.open_file)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.reload()

    def open_file(self) -> None:
        """Read the chosen file and have the service check it; only a package that passes waits here."""
        path = self.choose_file()
        if not path:
            return
        self.accepted_text = ""
        self.file_button.setEnabled(False)
        self.detail.setText(_("Checking the file…"))
        self.tasks.run(lambda: self.session.transfer.receive_file(read_package(path)), self._file_opened,
                       self._file_failed)

    def _file_opened(self, row: Any) -> None:
        self.file_button.setEnabled(True)
        self.opened = row.transfer_id
        self.reload()

    def _file_failed(self, error: BaseException) -> None:
        self.file_button.setEnabled(True)
        self._fail(error)

    def _ask_file(self) -> str:
        return QFileDialog.getOpenFileName(self, _("Open a transfer file from a USB stick"), "", _file_filter())[0]

    def reload(self) -> None:
        self.tasks.run(self.session.transfer.pending, self._show, self._fail)

    def _show(self, rows: list[Any]) -> None:
        self.waiting.clear()
        current = 0
        for index, row in enumerate(rows):
            text = (_("Transfer opened from a file on {date}") if row.via == "FILE" else
                    _("Transfer delivered by HQ on {date}")).format(date=row.at[:10])
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, row.transfer_id)
            self.waiting.addItem(item)
            current = index if row.transfer_id == self.opened else current
        if not rows:
            self.detail.setText(self.accepted_text or _("No transfer is waiting for this prison. A transfer file "
                                                        "brought on a USB stick can be opened here."))
        else:
            self.waiting.setCurrentRow(current)

    def _preview(self, item: QListWidgetItem | None) -> None:
        self.accept_button.setEnabled(False)
        if item is None:
            return
        transfer_id = item.data(Qt.ItemDataRole.UserRole)
        session = self.session
        self.tasks.run(lambda: (session.transfer.preview(transfer_id), session.hierarchy.places()),
                       lambda found: self._show_preview(*found), self._fail)

    def _show_preview(self, content: dict[str, Any], places: dict[str, Any] | None = None) -> None:
        """The package's contents; the sending prison by the official names HQ's hierarchy gives its PC, else by the
        wing name the sender wrote into the package."""
        person = content["prisoner"]
        sender = place_name((places or {}).get(str(content.get("from_device"))), str(content.get("from_wing")))
        self.detail.setText(_("{name} ({number}) from {prison}, sealed by {governor}: {records} records, "
                              "{intelligence} intelligence summaries, {logs} log references. The signature "
                              "holds.").format(
            name=f"{person.get('family_name')}, {person.get('given_name')}", number=person.get("number"),
            prison=sender, governor=content.get("governor"), records=len(content["records"]),
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
        self.accepted_text = _("Accepted: the prisoner is on the roll, marked as arrived by transfer. HQ tells the "
                               "sending prison with the next sync.")
        self.detail.setText(self.accepted_text)
        self.reload()

    def _fail(self, error: BaseException) -> None:
        self.detail.setText(_sentence(error))
