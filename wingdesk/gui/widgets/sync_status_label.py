"""Status-bar text for the state of sync with HQ, fetched from the sync service in the background."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLabel, QWidget

from wingdesk.gui import navigation
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.when import when
from wingdesk.i18n import _, ngettext

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices


class SyncStatusLabel(QLabel):
    def __init__(self, session: WingServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks = session, tasks
        self.status: Any = None
        self.allowed = navigation.can_sync(session.user.role) and hasattr(session, "sync")
        self.retranslate_ui()

    def refresh(self) -> None:
        if self.allowed:
            self.tasks.run(self.session.sync.status, self._on_status, self._on_failed)

    def _on_status(self, status: Any) -> None:
        self.status = status
        self.retranslate_ui()

    def _on_failed(self, _error: BaseException) -> None:
        self.status = None
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setAccessibleName(_("Synchronisation state"))
        status = self.status
        if not self.allowed:
            text = _("Sync with HQ is done by a supervisor")
        elif status is None:
            text = _("Sync state not known yet")
        elif status.last_receipt_at:
            text = ngettext("Last HQ receipt {when}; {n} record waiting", "Last HQ receipt {when}; {n} records waiting",
                            status.pending_records).format(when=when(status.last_receipt_at), n=status.pending_records)
        else:
            text = ngettext("Not yet synchronised with HQ; {n} record waiting",
                            "Not yet synchronised with HQ; {n} records waiting",
                            status.pending_records).format(n=status.pending_records)
        self.setText(text)
