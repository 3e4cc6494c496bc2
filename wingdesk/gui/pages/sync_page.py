"""Sync with HQ: pending bundles, last receipt, HQ reachability, USB export/import and background push."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wingdesk.domain.errors import WingError
from wingdesk.gui.dialogs.confirm_password import ask_password
from wingdesk.gui.labels import error_text
from wingdesk.gui.tasks import Task, TaskRunner
from wingdesk.gui.volumes import removable_volumes
from wingdesk.gui.widgets.enrolment_panel import EnrolmentPanel
from wingdesk.gui.widgets.message_bar import MessageBar
from wingdesk.i18n import _, ngettext
from wingdesk.i18n.formats import format_datetime
from wingdesk.i18n.sync_messages import describe_sync, hq_rollback_text, refusal_text

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices

PUSH_FIRST_MS = 60_000
PUSH_MAX_MS = 60 * 60_000
_STYLE = {"error": "color:#7f0015", "ok": "color:#0f4d1c", "info": "color:#0b3d6b"}


class SyncPage(QWidget):
    sync_changed = Signal()  # bundles sealed, written, sent or acknowledged: the status bar's count is stale

    def __init__(self, session: WingServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks = session, tasks
        self.ask_password = ask_password  # replaced in tests
        self.volumes = removable_volumes  # replaced in tests
        self.push_interval_ms = PUSH_FIRST_MS
        self.busy = False
        self._transient = False  # the message showing is "Sending…"/"Stopping…", taken down when the work ends
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600")
        self.enrolment_caption, self.enrolment_value = QLabel(), QLabel()
        self.pending_caption, self.pending_value = QLabel(), QLabel()
        self.receipt_caption, self.receipt_value = QLabel(), QLabel()
        self.hq_caption, self.hq_value = QLabel(), QLabel()
        form = QFormLayout()
        for caption, value in ((self.enrolment_caption, self.enrolment_value),
                               (self.pending_caption, self.pending_value),
                               (self.receipt_caption, self.receipt_value), (self.hq_caption, self.hq_value)):
            value.setWordWrap(True)
            caption.setBuddy(value)
            form.addRow(caption, value)
        self.url_caption, self.url_edit, self.url_button = QLabel(), QLineEdit(), QPushButton()
        self.url_caption.setBuddy(self.url_edit)
        self.url_edit.setPlaceholderText("https://")
        url_row = QHBoxLayout()
        url_row.addWidget(self.url_edit, 1)
        url_row.addWidget(self.url_button)
        form.addRow(self.url_caption, url_row)
        self.drive_caption = QLabel()
        self.drive_combo = QComboBox()
        self.drive_caption.setBuddy(self.drive_combo)
        self.rescan_button, self.folder_button = QPushButton(), QPushButton()
        drives = QHBoxLayout()
        for widget in (self.drive_caption, self.drive_combo, self.rescan_button, self.folder_button):
            drives.addWidget(widget)
        drives.setStretch(1, 1)
        self.export_button, self.import_button, self.push_button = QPushButton(), QPushButton(), QPushButton()
        self.stop_button = QPushButton()  # shown while a write to the stick or a send to HQ runs
        self.stop_button.hide()
        self._task: Task | None = None
        actions = QHBoxLayout()
        for widget in (self.export_button, self.import_button, self.push_button, self.stop_button):
            actions.addWidget(widget)
        actions.addStretch(1)
        self.progress = QProgressBar()
        self.progress.hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        self.hq_history = MessageBar()  # HQ's data went back (restored from a backup): said until HQ is told
        self.enrolment = EnrolmentPanel(session, tasks)  # choose HQ's key file, compare, enrol (no CLI needed)
        self.enrolment.enrolled.connect(self.refresh)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.hq_history)
        layout.addLayout(form)
        layout.addWidget(self.enrolment)
        layout.addLayout(drives)
        layout.addLayout(actions)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.url_button.clicked.connect(self.save_url)
        self.rescan_button.clicked.connect(self.scan_drives)
        self.folder_button.clicked.connect(self._choose_folder)
        self.export_button.clicked.connect(self.start_export)
        self.import_button.clicked.connect(self.start_import)
        self.push_button.clicked.connect(self.start_push)
        self.stop_button.clicked.connect(self.stop)
        self.push_timer = QTimer(self)
        self.push_timer.setSingleShot(True)
        self.push_timer.timeout.connect(lambda: self.start_push(background=True))
        self.retranslate_ui()
        self.scan_drives()

    title = staticmethod(lambda: _("Sync with HQ"))

    def retranslate_ui(self) -> None:
        self.heading.setText(self.title())
        self.enrolment_caption.setText(_("Enrolment:"))
        self.pending_caption.setText(_("Waiting for HQ:"))
        self.receipt_caption.setText(_("Last receipt:"))
        self.hq_caption.setText(_("HQ over the network:"))
        self.url_caption.setText(_("HQ &address:"))
        self.url_button.setText(_("Save address"))
        self.url_edit.setAccessibleName(_("HQ address (https://…); leave empty to sync by stick only"))
        self.drive_caption.setText(_("&Stick:"))
        self.rescan_button.setText(_("Look for sticks again"))
        self.folder_button.setText(_("Choose a folder…"))
        self.export_button.setText(_("&Write to stick"))
        self.import_button.setText(_("&Read from stick"))
        self.push_button.setText(_("Send to HQ &now"))
        self.stop_button.setText(_("S&top"))
        self.stop_button.setAccessibleName(_("Stop after the file being written or the part being sent"))
        self.export_button.setAccessibleName(_("Write pending bundles to the stick"))
        self.import_button.setAccessibleName(_("Read HQ files from the stick"))
        self.enrolment.retranslate_ui()
        if hasattr(self, "message"):  # a message written in the previous language is redone or dropped
            self.message.hide()
            if self.drive_combo.count() == 0:
                self._say("info", self._no_stick_text())
        if getattr(self, "_status", None) is not None:  # the values too, not only the captions
            self._show_status(self._status)

    # --- state -----------------------------------------------------------------------------------------
    def _say(self, kind: str, text: str, transient: bool = False) -> None:
        """Show a message; a `transient` one ("Sending…", "Stopping…") is taken down when its work ends."""
        self.message.setStyleSheet(_STYLE[kind])
        self.message.setText(text)
        self.message.show()
        self._transient = transient

    def _end_transient(self) -> None:
        if self._transient:
            self.message.hide()
            self._transient = False

    def _fail(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, WingError):
            self._say("error", describe_sync(error))
        else:
            self._say("error", error_text(error))

    def _set_busy(self, busy: bool, task: Task | None = None) -> None:
        """Disable the sync buttons while `task` runs; a task that can be stopped gets the Stop button."""
        self.busy = busy
        self._task = task if busy else None
        for button in (self.export_button, self.import_button, self.push_button, self.rescan_button,
                       self.folder_button):
            button.setEnabled(not busy)
        self.stop_button.setEnabled(True)
        self.stop_button.setVisible(self._task is not None)
        if not busy:
            self.progress.hide()

    def stop(self) -> None:
        """Ask the running write or send to stop at its next safe point (a file complete, a part of an upload)."""
        if self._task is None:
            return
        self._task.cancel()
        self.stop_button.setEnabled(False)
        self._say("info", _("Stopping…"), transient=True)

    def refresh(self) -> None:
        """Reload the status (quick: counts only) and probe HQ in the background when an address is set."""
        if self.session is None or getattr(self.session, "locked", False):
            return
        try:
            status = self.session.sync.status()
        except WingError as error:
            self._fail(error)
            return
        self._show_status(status)
        if status.hq_url:
            self.hq_value.setText(_("checking…"))
            self.tasks.run(lambda: self.session.sync.probe(), self._on_probe, lambda _e: self._on_probe(False))
            if not self.push_timer.isActive():
                self.push_timer.start(self.push_interval_ms)
        else:
            self.hq_value.setText(_("no address set (use the stick)"))

    def save_url(self) -> None:
        """Store HQ's https address; background sending starts when HQ answers there."""
        try:
            self.session.sync.set_hq_url(self.url_edit.text().strip())
        except WingError as error:
            self._fail(error)
            return
        self._say("ok", _("HQ address saved."))
        self.refresh()

    def _show_status(self, status: Any) -> None:
        self._status = status
        states = {"none": _("not enrolled"), "requested": _("request sent, waiting for HQ"),
                  "enrolled": _("enrolled"), "revoked": _("revoked by HQ")}
        text = states.get(status.enrolment_state, status.enrolment_state)
        if status.hq_fingerprint:
            text += " · " + _("HQ key {fingerprint}").format(fingerprint=status.hq_fingerprint)
        self.enrolment_value.setText(text)
        self.enrolment.show_state(status.enrolment_state)
        self.pending_value.setText(
            ngettext("{n} bundle", "{n} bundles", status.pending_bundles).format(n=status.pending_bundles) + ", "
            + ngettext("{n} record", "{n} records", status.pending_records).format(n=status.pending_records))
        if status.last_receipt_at:
            receipt_states = {"accepted": _("accepted"), "duplicate": _("already at HQ"),
                              "quarantined": _("held by HQ for checking")}
            shown = receipt_states.get(str(status.last_receipt_status), str(status.last_receipt_status))
            self.receipt_value.setText(_("{at} ({status})").format(at=format_datetime(status.last_receipt_at),
                                                                   status=shown))
        else:
            self.receipt_value.setText(_("none yet"))
        if not self.url_edit.hasFocus():
            self.url_edit.setText(status.hq_url or "")
        if getattr(status, "hq_rollback_at", None):
            self.hq_history.show_error(hq_rollback_text(status.hq_rollback_from, status.hq_rollback_to,
                                                        format_datetime(status.hq_rollback_at)))
        else:
            self.hq_history.clear_message()
        can_move = status.enrolled
        self.export_button.setEnabled(can_move and not self.busy)
        self.import_button.setEnabled(can_move and not self.busy)
        self.push_button.setEnabled(can_move and bool(status.hq_url) and not self.busy)

    def _on_probe(self, reachable: object) -> None:
        self.hq_value.setText(_("reachable") if reachable else _("not reachable; bundles wait here"))

    # --- drives ----------------------------------------------------------------------------------------
    def scan_drives(self) -> None:
        current = self.drive_combo.currentData()
        self.drive_combo.clear()
        for label, root in self.volumes():
            self.drive_combo.addItem(label, root)
        if current:
            index = self.drive_combo.findData(current)
            if index >= 0:
                self.drive_combo.setCurrentIndex(index)
        if self.drive_combo.count() == 0:
            self._say("info", self._no_stick_text())
        elif self.message.text() == self._no_stick_text():
            self.message.hide()

    _no_stick_text = staticmethod(lambda: _("No stick found. Insert one, then press \"Look for sticks again\"."))

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Choose the stick or folder"))
        if folder:
            self.drive_combo.addItem(folder, folder)
            self.drive_combo.setCurrentIndex(self.drive_combo.count() - 1)

    def _root(self) -> str | None:
        root = self.drive_combo.currentData()
        if not root:
            self._say("error", _("Choose a stick first."))
        return root  # type: ignore[no-any-return]

    # --- USB -------------------------------------------------------------------------------------------
    def start_export(self) -> None:
        root = self._root()
        if not root or self.busy:
            return
        if not self.ask_password(self.session, self.tasks, _("Enter your passphrase to write records for HQ."),
                                 self):
            return
        self.progress.setRange(0, 0)
        self.progress.show()
        self._say("info", _("Writing… Do not remove the stick."))
        task = self.tasks.run(lambda report: self.session.sync.export(root, report), self._on_exported, self._fail,
                              self._on_progress)
        self._set_busy(True, task)

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _on_exported(self, result: Any) -> None:
        self._set_busy(False)
        if result.stopped:
            if result.written:
                self._say("info", ngettext(
                    "Stopped after {n} file, written and checked. You may now remove the stick; the other bundles "
                    "stay on this PC for next time.",
                    "Stopped after {n} files, each written and checked. You may now remove the stick; the other "
                    "bundles stay on this PC for next time.", len(result.written)).format(n=len(result.written)))
            else:
                self._say("info", _("Stopped before anything was written. You may now remove the stick."))
        elif not result.written:
            self._say("info", _("Nothing new to write for HQ; the stick was not changed."))
        else:
            self._say("ok", ngettext("{n} file written and checked.", "{n} files written and checked.",
                                     len(result.written)).format(n=len(result.written))
                      + " " + _("You may now remove the stick."))
        self.refresh()
        self.sync_changed.emit()

    def start_import(self) -> None:
        root = self._root()
        if not root or self.busy:
            return
        self._set_busy(True)
        self.progress.setRange(0, 0)
        self.progress.show()
        self._say("info", _("Reading… Do not remove the stick."))  # not the last export's "you may remove"
        self.tasks.run(lambda: self.session.sync.import_files([root]), self._on_imported, self._fail)

    def _on_imported(self, result: Any) -> None:
        self._set_busy(False)
        if not result.files:
            self._say("info", _("There are no HQ files for this PC on the stick."))
        elif result.refused:
            first = result.refused[0]
            self._say("error", describe_sync(WingError(first.code)))
        elif any(f.outcome == "hq_rollback" for f in result.files):
            self._say("error", _("HQ's data went back; see the warning above. The files were applied and you "
                                 "may now remove the stick."))
        elif len(result.stale) == len(result.files):  # an earlier visit's files, already applied
            self._say("info", _("The HQ files on the stick were applied before; there is nothing new. "
                                "You may now remove the stick."))
        else:
            self._say("ok", _("HQ files applied: {acked} bundles confirmed, {roster} roster changes, "
                              "{revoked} accounts revoked. You may now remove the stick.").format(
                acked=result.acknowledged, roster=result.roster_applied, revoked=result.users_revoked))
        self.refresh()
        self.sync_changed.emit()

    # --- HTTPS -----------------------------------------------------------------------------------------
    def start_push(self, background: bool = False) -> None:
        if self.busy or self.session is None or getattr(self.session, "locked", False):
            return
        if not background:
            self._say("info", _("Sending to HQ…"), transient=True)
        task = self.tasks.run(lambda report: self.session.sync.push(progress=report),
                              lambda r: self._on_pushed(r, background), lambda e: self._on_push_failed(e, background),
                              self._on_push_progress)
        self._set_busy(True, task)
        if background:  # until there is something to send
            self.stop_button.hide()

    def _on_push_progress(self, done: int, total: int) -> None:
        """Shown once there is something to send (a background push with nothing pending stays invisible)."""
        if total <= 0:
            return
        if self.progress.isHidden():
            self.progress.show()
            self.stop_button.show()
            if self.stop_button.isEnabled():  # not over "Stopping…"
                self._say("info", _("Sending to HQ…"), transient=True)
        self._on_progress(done, total)

    def _on_pushed(self, result: Any, background: bool) -> None:
        self._set_busy(False)
        self._end_transient()
        # a stop holds background sending back for an hour (the link was wanted for something else), not a minute
        self.push_interval_ms = PUSH_MAX_MS if result.stopped else PUSH_FIRST_MS
        if result.stopped and not result.refused:
            self._say("info", ngettext(
                "Sending stopped after {n} bundle; HQ confirmed {acked}. The others wait on this PC.",
                "Sending stopped after {n} bundles; HQ confirmed {acked}. The others wait on this PC.",
                result.sent).format(n=result.sent, acked=result.acknowledged) + " "
                + _("Sending starts again by itself in an hour, or press \"{button}\".").format(
                    button=self.push_button.text().replace("&", "")))
        elif result.refused:  # shown even after a background push: nothing else would tell the supervisor
            seq, code = result.refused[0]
            self._say("error", ngettext("HQ refused {n} bundle: {reason}", "HQ refused {n} bundles: {reason}",
                                        len(result.refused)).format(n=len(result.refused), reason=refusal_text(code)))
        elif not background or result.acknowledged:
            self._say("ok", _("Sent {sent} bundles; HQ confirmed {acked}.").format(sent=result.sent,
                                                                                  acked=result.acknowledged))
        self.refresh()
        self.sync_changed.emit()

    def _on_push_failed(self, error: BaseException, background: bool) -> None:
        self._set_busy(False)
        self._end_transient()
        self.push_interval_ms = min(self.push_interval_ms * 2, PUSH_MAX_MS)  # back-off
        if not background:
            self._fail(error)
        self.push_timer.start(self.push_interval_ms)
