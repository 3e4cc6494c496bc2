"""Keeps the main window's inbox signs current: asks for the user's inbox on a worker thread at sign-in, every
half minute and after anything the user saved or acknowledged; updates the badge, the banner and the inbox page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer

from wingdesk.gui.inbox_text import InboxData, item_text, load_inbox
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.widgets.inbox_banner import BADGE_ROLE, BadgeDelegate, InboxBanner
from wingdesk.i18n import _, ngettext

if TYPE_CHECKING:
    from PySide6.QtWidgets import QListWidget

    from wingdesk.services.wing import WingServices

REFRESH_MS = 30_000


class InboxWatcher(QObject):
    def __init__(self, session: WingServices, tasks: TaskRunner, nav: QListWidget, row: int,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks, self.nav, self.row = session, tasks, nav, row
        self.data = InboxData()
        self.page: Any = None  # the inbox page once it is built
        self.banner = InboxBanner()
        self.banner.acknowledge.connect(self.acknowledge)
        self.nav.setItemDelegate(BadgeDelegate(self.nav))
        self._loading = self._stopped = False
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()

    def refresh(self) -> None:
        if self._loading or self._stopped:
            return
        self._loading = True
        session = self.session
        self.tasks.run(lambda: load_inbox(session), self._on_loaded, self._on_failed)

    def stop(self) -> None:
        self._stopped = True
        self.timer.stop()

    def _on_failed(self, _error: BaseException) -> None:
        self._loading = False  # a locked or busy store: the next turn tries again

    def _on_loaded(self, data: InboxData) -> None:
        self._loading = False
        if self._stopped:
            return
        self.data = data
        if self.page is not None:
            self.page.show_data(data)
        self.render()

    def acknowledge(self, key: str) -> None:
        if key:
            inbox = self.session.inbox
            self.tasks.run(lambda: inbox.acknowledge(key), lambda _r: self.refresh(), self._on_failed)

    def render(self) -> None:
        """Badge and banner from the last items, in the current language."""
        items = self.data.items
        urgent = [i for i in items if i.urgent]
        entry = self.nav.item(self.row)
        if entry is not None:
            entry.setData(BADGE_ROLE, (len(items), bool(urgent)) if items else None)
            title = _("Inbox")
            spoken = ngettext("{title}: {n} item", "{title}: {n} items", len(items)).format(title=title, n=len(items))
            entry.setData(Qt.ItemDataRole.AccessibleTextRole, spoken if items else title)
            self.nav.viewport().update()
        if not urgent:
            self.banner.clear_item()
            return
        text = item_text(urgent[0], self.data)
        if len(urgent) > 1:
            text += " " + ngettext("({n} more urgent item in your inbox.)", "({n} more urgent items in your inbox.)",
                                   len(urgent) - 1).format(n=len(urgent) - 1)
        self.banner.show_item(urgent[0].key, text, _("Open inbox"), _("Acknowledge"))
