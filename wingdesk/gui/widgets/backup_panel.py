"""The administrator's backup tab (issue 22): the folder or stick backups go to, a daily backup the app makes by
itself while a supervisor or administrator is signed in, "Back up now", progress and Stop."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wingdesk.gui.dialogs.confirm_password import ask_password
from wingdesk.gui.tasks import Cancelled, Task, TaskRunner
from wingdesk.gui.widgets.message_bar import MessageBar
from wingdesk.i18n import _

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices

CHECK_EVERY_MS = 10 * 60 * 1000  # how often the panel asks whether the daily backup is due


class BackupPanel(QWidget):
    def __init__(self, session: WingServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks = session, tasks
        self.ask_password: Callable[..., bool] = ask_password  # replaced in tests
        self.choose_folder: Callable[[], str] = lambda: QFileDialog.getExistingDirectory(
            self, _("Choose the folder or stick for backups"))
        self._task: Task | None = None
        self.runner = TaskRunner(self)  # its own worker: the export runs on a connection of its own, so the page's
        # other work (on the session's one connection, `tasks`) does not queue behind a backup
        self.bar = MessageBar()
        self.intro, self.folder_caption, self.last_label = QLabel(), QLabel(), QLabel()
        self.intro.setWordWrap(True)
        self.folder = QLineEdit()
        self.folder.setReadOnly(True)
        self.folder_caption.setBuddy(self.folder)
        self.browse_button, self.now_button, self.stop_button = QPushButton(), QPushButton(), QPushButton()
        self.daily = QCheckBox()
        self.progress = QProgressBar()
        self.progress.hide()
        self.stop_button.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.intro)
        row = QHBoxLayout()
        row.addWidget(self.folder_caption)
        row.addWidget(self.folder, 1)
        row.addWidget(self.browse_button)
        layout.addLayout(row)
        layout.addWidget(self.daily)
        row = QHBoxLayout()
        row.addWidget(self.now_button)
        row.addWidget(self.stop_button)
        row.addWidget(self.progress, 1)
        row.addStretch(1)  # the button keeps its own width while no progress shows
        layout.addLayout(row)
        layout.addWidget(self.last_label)
        layout.addStretch(1)
        self.browse_button.clicked.connect(self._on_browse)
        self.daily.toggled.connect(self._on_daily)
        self.now_button.clicked.connect(self.back_up_now)
        self.stop_button.clicked.connect(self.stop)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.run_if_due)
        self.retranslate_ui()
        self.refresh()
        self.timer.start()

    def retranslate_ui(self) -> None:
        self.intro.setText(_("A backup is an encrypted copy of the wing, checked before it replaces older ones. "
                             "Keep the stick in another room. Restore with 'wingdesk restore'."))
        self.folder_caption.setText(_("Backup &folder"))
        self.browse_button.setText(_("&Choose…"))
        self.daily.setText(_("Back up &automatically once a day"))
        self.now_button.setText(_("&Back up now"))
        self.stop_button.setText(_("S&top"))
        self.refresh()

    def refresh(self) -> None:
        plan = self.session.backup.schedule()
        self.folder.setText(plan.folder)
        self.daily.blockSignals(True)
        self.daily.setChecked(plan.daily)
        self.daily.blockSignals(False)
        self.last_label.setText(_("Last backup: {when}").format(when=plan.last_at) if plan.last_at
                                else _("No backup made yet."))

    def _save(self, folder: str, daily: bool) -> None:
        self.session.backup.set_schedule(folder, daily)
        self.refresh()

    def _on_browse(self) -> None:
        folder = self.choose_folder()
        if folder:
            self._save(folder, self.daily.isChecked())

    def _on_daily(self, checked: bool) -> None:
        self._save(self.folder.text(), checked)

    def back_up_now(self) -> None:
        if self._task is not None:
            return
        if not self.folder.text():
            self.bar.show_error(_("Choose the backup folder first."))
            return
        if self.ask_password(self.session, self.tasks, _("Enter your passphrase to make a backup."), self):
            self._start()

    def run_if_due(self) -> None:
        """The daily backup, when due and nothing else runs (no passphrase: the schedule was set by a signed-in
        administrator, and the backup is encrypted under the wing's own key)."""
        if self._task is None and not self.session.locked and self.session.backup.due():
            self._start()

    def _start(self) -> None:
        folder = self.folder.text()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.stop_button.setEnabled(True)
        self.stop_button.show()
        self.now_button.setEnabled(False)
        self.bar.show_info(_("Backing up… Do not remove the stick."))
        self._task = self.runner.run(lambda report: self.session.backup.backup(folder, progress=report),
                                    self._on_done, self._on_failed, self._on_progress)

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.stop_button.setEnabled(False)

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _finish(self) -> None:
        self._task = None
        self.progress.hide()
        self.stop_button.hide()
        self.now_button.setEnabled(True)

    def _on_done(self, _result: Any) -> None:
        self._finish()
        self.bar.show_ok(_("Backup written and checked. The stick may now be removed."))
        self.refresh()

    def _on_failed(self, error: BaseException) -> None:
        self._finish()
        if isinstance(error, Cancelled):
            self.bar.show_info(_("Backup stopped; nothing was left behind and older backups were kept."))
        else:
            self.bar.show_error(error)
