"""Enrolment with HQ on the Sync page: choose HQ's key file, compare its fingerprint with the one HQ gave by
phone, enrol (in the background), save the request file for HQ and read the confirmation code out to HQ."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wingdesk.domain.errors import WingError
from wingdesk.gui.dialogs.confirm_password import ask_password
from wingdesk.gui.labels import error_text
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.widgets.message_bar import MessageBar, ask_yes_no
from wingdesk.i18n import _
from wingdesk.i18n.sync_messages import describe_sync
from wingdesk.services.sync_types import SyncFailed

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices

MAX_KEY_FILE = 64 * 1024  # HQ's key file is well under 1 KiB; anything larger is not one


def read_key_file(path: str) -> bytes:
    """The file's bytes; an unreadable or oversized file is SyncFailed("key_file_unreadable")."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_KEY_FILE + 1)
    except OSError:
        raise SyncFailed("key_file_unreadable") from None
    if len(data) > MAX_KEY_FILE:
        raise SyncFailed("key_file_unreadable")
    return data


class EnrolmentPanel(QGroupBox):
    enrolled = Signal()  # the request was made: the page's status is stale

    def __init__(self, session: WingServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks = session, tasks
        self.ask_password, self.confirm = ask_password, ask_yes_no  # replaced in tests
        self.choose_key_file: Callable[[], str] = lambda: QFileDialog.getOpenFileName(
            self, _("HQ's key file"), "", _("HQ key file (*.json);;All files (*)"))[0]
        self.choose_request_file: Callable[[], str] = lambda: QFileDialog.getSaveFileName(
            self, _("Save the request for HQ"), "enrolment-request.json", _("Request file (*.json)"))[0]
        self.key_file: bytes | None = None
        self.preview: Any = None
        self.state = "none"
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.choose_button, self.enrol_button = QPushButton(), QPushButton()
        self.fingerprint = QLabel()
        self.fingerprint.setWordWrap(True)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.matches = QCheckBox()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.code = QLabel()
        self.code.setWordWrap(True)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bar = MessageBar()
        row = QHBoxLayout()
        row.addWidget(self.choose_button)
        row.addWidget(self.matches, 1)
        row.addWidget(self.enrol_button)
        layout = QVBoxLayout(self)
        for widget in (self.intro, self.fingerprint):
            layout.addWidget(widget)
        layout.addLayout(row)
        layout.addWidget(self.progress)
        layout.addWidget(self.bar)
        layout.addWidget(self.code)
        self.choose_button.clicked.connect(self.choose)
        self.matches.toggled.connect(self._update)
        self.enrol_button.clicked.connect(self.enrol)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(_("Enrolment with HQ"))
        self.choose_button.setText(_("&Choose HQ's key file…"))
        self.enrol_button.setText(_("&Enrol this PC"))
        self.matches.setText(_("HQ read me the same fingerprint"))
        self.show_state(self.state)
        self._show_preview()

    def show_state(self, state: str) -> None:
        """The enrolment state from the page's status: what to do next, said in one sentence."""
        self.state = state
        self.intro.setText({
            "none": _("This PC is not enrolled. Ask HQ for its key file and for its fingerprint by phone, then "
                      "choose the file."),
            "requested": _("The request was made. Give the request file to HQ and read them the confirmation code; "
                           "the PC is enrolled when HQ's first file arrives."),
            "enrolled": _("This PC is enrolled with HQ. Choose a key file only when HQ has issued new keys."),
            "revoked": _("HQ has revoked this PC. Contact HQ before sending anything."),
        }.get(state, ""))
        self._update()

    def _show_preview(self) -> None:
        p = self.preview
        self.fingerprint.setVisible(p is not None)
        self.matches.setVisible(p is not None)
        if p is not None:
            self.fingerprint.setText(_("Key file of {hq} ({env}). HQ key fingerprint: <b>{fingerprint}</b>. Compare "
                                       "it with the fingerprint HQ read to you by phone.").format(
                hq=p.hq_name, env=p.env, fingerprint=p.fingerprint))

    def _update(self, *_args: Any) -> None:
        busy = self.progress.isVisible()
        self.choose_button.setEnabled(not busy and self.state != "revoked")
        self.enrol_button.setEnabled(not busy and self.preview is not None and self.matches.isChecked())

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self._update()

    def _fail(self, error: BaseException) -> None:
        self._busy(False)
        self.bar.show_error(describe_sync(error) if isinstance(error, WingError) else error_text(error))

    # --- steps -----------------------------------------------------------------------------------------
    def choose(self) -> None:
        path = self.choose_key_file()
        if not path:
            return
        self.preview, self.key_file = None, None
        self.matches.setChecked(False)
        self.code.clear()
        self.bar.clear_message()
        self._show_preview()
        sync = self.session.sync

        def read() -> tuple[bytes, Any]:
            data = read_key_file(path)
            return data, sync.read_hq_key_file(data)

        self._busy(True)
        self.tasks.run(read, self._on_read, self._fail)

    def _on_read(self, result: tuple[bytes, Any]) -> None:
        self._busy(False)
        self.key_file, self.preview = result
        self._show_preview()
        self._update()

    def enrol(self, again: bool = False) -> None:
        if self.key_file is None or not self.matches.isChecked():
            return
        if not again and not self.ask_password(self.session, self.tasks,
                                               _("Enter your passphrase to enrol this PC with HQ."), self):
            return
        sync, data = self.session.sync, self.key_file
        self._busy(True)
        self.bar.show_info(_("Making this PC's keys and the request for HQ…"))
        self.tasks.run(lambda: sync.enrol(data, again=again), self._on_enrolled, self._on_enrol_failed)

    def _on_enrol_failed(self, error: BaseException) -> None:
        if isinstance(error, SyncFailed) and error.code == "already_enrolled":
            self._busy(False)
            self.bar.show_error(describe_sync(error))
            if self.confirm(self, _("Enrolment with HQ"), describe_sync(error) + " " + _(
                    "Install this key file now?"), _("Install")):
                self.enrol(again=True)
            return
        self._fail(error)

    def _on_enrolled(self, result: Any) -> None:
        self._busy(False)
        path = self.choose_request_file()
        saved = False
        if path:
            try:
                Path(path).write_bytes(result.request)
                saved = True
            except OSError:
                self.bar.show_error(_("The request could not be saved there. Choose another place."))
        if saved:
            self.bar.show_ok(_("Request saved to {path}. Give it to HQ.").format(path=path))
        elif not path:
            self.bar.show_info(_("The request was not saved. Choose the key file again to make it once more."))
        self.code.setText(_("Confirmation code: <b>{code}</b>. Read it out to HQ by phone when they load the "
                            "request.").format(code=result.confirmation_code))
        self.preview, self.key_file = None, None
        self.matches.setChecked(False)
        self._show_preview()
        self.enrolled.emit()
