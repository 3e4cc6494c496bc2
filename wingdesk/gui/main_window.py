"""The frame after sign-in: navigation list and page stack, menus, toolbar and status bar; no business logic."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from wingdesk.domain.roles import Role
from wingdesk.gui import navigation
from wingdesk.gui.draft_keeper import DraftKeeper
from wingdesk.gui.hierarchy_text import place_name
from wingdesk.gui.inbox_watcher import InboxWatcher
from wingdesk.gui.labels import role_label, set_added_labels
from wingdesk.gui.language import LANGUAGE_NAMES, follow_language
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.widgets.message_bar import MessageBar
from wingdesk.gui.widgets.nav_list import NavList
from wingdesk.gui.widgets.sync_status_label import SyncStatusLabel
from wingdesk.i18n import LANGUAGES, N_, _, current_language, remove_listener, set_language
from wingdesk.i18n.formats import format_datetime
from wingdesk.services.policy import Action, Resource, scope_for

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices

NAV_TITLES = {"home": N_("Home"), "wing_log": N_("Wing log"), "review": N_("Review"), "prisoners": N_("Prisoners"),
              "treatment": N_("Treatment"), "sync": N_("Sync with HQ"), "admin": N_("Administration"),
              "inbox": N_("Inbox")}
NAV_TITLES.update({"incidents": N_("Incidents"), "use_of_force": N_("Use of force"),  # issue 14 item 5
                   "daily_summary": N_("Daily summary")})
NAV_TITLES["learning"] = N_("Learning")  # training modules (issue 18)
NAV_TITLES.update({"intelligence": N_("Intelligence"), "security_tasks": N_("Security tasks")})  # issue 16
NAV_TITLES["retention"] = N_("Retention")  # the governor's retention review (issue 19 item 5)
NAV_TITLES["approvals"] = N_("Approvals")  # the governor's approval queue (issue 15)
NAV_TITLES["vetted_people"] = N_("Vetted people")  # outside people HQ vetted (issue 17 item 3)


class MainWindow(QMainWindow):
    lock_requested = Signal()
    switch_user_requested = Signal()
    closed = Signal()

    def __init__(self, session: WingServices, tasks: TaskRunner, settings: QSettings, demo: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks, self.settings, self.demo = session, tasks, settings, demo
        self.setObjectName("mainWindow")
        self.specs = navigation.pages_for(session.user.role)
        self.pages: dict[str, QWidget] = {}
        self.prisoner_page: QWidget | None = None
        self._disposed = False
        self._observation_dialog: QWidget | None = None
        self.search_dialog: Any = None
        self.drafts = DraftKeeper(session, [s.key for s in self.specs])  # before any page starts loading
        self.nav = NavList()  # long titles (sq "Sinkronizimi me Drejtorinë e Përgjithshme") wrap, not clip
        self.nav.setObjectName("navigation")
        self.nav.setMaximumWidth(220)  # the pages need the width more (the wing log table at 1200x760)
        self.nav.setMinimumWidth(170)
        for _spec in self.specs:
            self.nav.addItem("")
        self.stack = QStackedWidget()
        splitter = QSplitter()
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([220, 980])  # the list's own width, not its size hint's
        self.clock_bar = MessageBar()  # the PC's clock went back (services.wing_clock): said on every screen
        self.clock_bar.setObjectName("clockBar")
        self._clock_behind: Any = None
        self._place: Any = None  # where HQ's hierarchy puts this PC (services.hierarchy), once loaded
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.clock_bar)
        self.inbox: InboxWatcher | None = None  # badge, banner and inbox page kept current (gui/inbox_watcher.py)
        keys = [s.key for s in self.specs]
        if "inbox" in keys:
            self.inbox = InboxWatcher(session, tasks, self.nav, keys.index("inbox"), self)
            self.inbox.banner.open_inbox.connect(lambda: self.show_page("inbox"))
            column.addWidget(self.inbox.banner)
        column.addWidget(splitter, 1)
        self.setCentralWidget(central)
        self._build_actions()
        self._build_status_bar()
        self.nav.currentRowChanged.connect(self._on_nav_changed)
        self.nav.itemClicked.connect(lambda _item: self._on_nav_changed(self.nav.currentRow()))
        self.retranslate_ui()
        self._listener = follow_language(self, "_on_language_changed")
        geometry = settings.value("main_window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1200, 760)
        self.nav.setCurrentRow(0)
        self.refresh_sync_state()
        if self.inbox is not None:
            self.inbox.refresh()  # at once: an urgent item is shown as soon as the window is
        if self.drafts.pending:
            QTimer.singleShot(0, self, self._restore_drafts)  # once the window is up

    # --- construction ------------------------------------------------------------------------------------
    def _action(self, shortcut: str | QKeySequence.StandardKey | None, slot: Any) -> QAction:
        action = QAction(self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        role = self.session.user.role
        self.observe_action = self._action("Ctrl+N", self.record_observation)
        self.observe_action.setVisible(navigation.can_record_observation(role))
        self.observe_action.setEnabled(navigation.can_record_observation(role))
        self.print_action = self._action("Ctrl+P", self._on_print_day)
        self.print_action.setVisible(navigation.can_print_day(role))
        self.print_action.setEnabled(navigation.can_print_day(role))
        self.lock_action = self._action("Ctrl+L", self.lock_requested.emit)
        self.switch_action = self._action(None, self.switch_user_requested.emit)
        self.quit_action = self._action("Ctrl+Q", self.close)
        self.refresh_action = self._action("F5", self.refresh_current)
        self.search_action = self._action(QKeySequence.StandardKey.Find, self.search_records)  # Ctrl+F
        self.search_action.setVisible(navigation.can_read_prisoners(role))
        self.search_action.setEnabled(navigation.can_read_prisoners(role))
        self.page_actions = [self._action(f"Ctrl+{i + 1}", lambda _c=False, row=i: self.nav.setCurrentRow(row))
                             for i in range(len(self.specs))]
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code in LANGUAGES:
            action = QAction(LANGUAGE_NAMES.get(code, code), self)
            action.setCheckable(True)
            action.setData(code)
            self.language_group.addAction(action)
            self.language_actions[code] = action
        self.language_group.triggered.connect(self._on_language_picked)
        self.about_action = self._action(None, self._on_about)
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        for item in (self.observe_action, self.print_action, None, self.lock_action, self.switch_action, None,
                     self.quit_action):
            self.file_menu.addSeparator() if item is None else self.file_menu.addAction(item)
        self.go_menu = bar.addMenu("")
        self.go_menu.addActions(self.page_actions)
        self.go_menu.addSeparator()
        self.go_menu.addAction(self.search_action)
        self.go_menu.addAction(self.refresh_action)
        self.language_menu = bar.addMenu("")
        self.language_menu.addActions(list(self.language_actions.values()))
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.about_action)
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.observe_action, self.search_action, self.print_action, self.refresh_action,
                       self.lock_action):
            self.toolbar.addAction(action)
        self.addToolBar(self.toolbar)

    def _build_status_bar(self) -> None:
        self.user_label, self.role_label, self.wing_label = QLabel(), QLabel(), QLabel()
        self.sync_label = SyncStatusLabel(self.session, self.tasks)
        self.demo_label = QLabel()
        self.demo_label.setStyleSheet("background: #fff3cd; color: #5c4400; padding: 0 6px;")
        self.demo_label.setVisible(self.demo)
        bar = self.statusBar()
        for label in (self.user_label, self.role_label, self.wing_label):
            bar.addWidget(label)
        bar.addPermanentWidget(self.demo_label)
        bar.addPermanentWidget(self.sync_label)

    # --- language ------------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        user = self.session.user
        self.setWindowTitle(_("WingDesk: {wing}").format(wing=self.wing_text()))
        self.nav.setAccessibleName(_("Screens"))
        for row, spec in enumerate(self.specs):
            self.nav.item(row).setText(_(NAV_TITLES[spec.key]))
            self.nav.item(row).setToolTip(_(NAV_TITLES[spec.key]))
            self.page_actions[row].setText(_(NAV_TITLES[spec.key]))
        self.nav.doItemsLayout()  # heights follow the new titles
        self.file_menu.setTitle(_("&File"))
        self.go_menu.setTitle(_("&Go"))
        self.language_menu.setTitle(_("&Language"))
        self.help_menu.setTitle(_("&Help"))
        self.observe_action.setText(_("&Record observation…"))
        self.print_action.setText(_("&Print today's log…"))
        self.lock_action.setText(_("&Lock now"))
        self.switch_action.setText(_("S&witch user"))
        self.quit_action.setText(_("E&xit"))
        self.refresh_action.setText(_("Re&fresh"))
        self.search_action.setText(_("&Search records…"))
        self.about_action.setText(_("&About WingDesk"))
        self.toolbar.setWindowTitle(_("Main toolbar"))
        self.language_actions[current_language()].setChecked(True)
        self.user_label.setText(_("Signed in as {name}").format(name=user.display_name))
        self.role_label.setText(_("Role: {role}").format(role=role_label(user.role)))
        self.wing_label.setText(_("Wing: {wing}").format(wing=self.wing_text()))
        self.sync_label.retranslate_ui()
        if self.inbox is not None:
            self.inbox.render()
        self._show_clock(self._clock_behind)
        self.demo_label.setText(_("DEMO: synthetic data"))
        for label, name in ((self.user_label, _("Signed-in user")), (self.role_label, _("Role")),
                            (self.wing_label, _("Wing"))):
            label.setAccessibleName(name)
        for page in [*self._all_pages(), *([self.search_dialog] if self.search_dialog is not None else [])]:
            page.retranslate_ui()

    def wing_text(self) -> str:
        """The official prison and wing names HQ published for this PC, else the wing's own name."""
        return place_name(self._place, self.session.wing)

    def _show_place(self, place: Any) -> None:
        if self._disposed:
            return
        self._place = place
        self.setWindowTitle(_("WingDesk: {wing}").format(wing=self.wing_text()))
        self.wing_label.setText(_("Wing: {wing}").format(wing=self.wing_text()))

    def refresh_sync_state(self) -> None:
        self.sync_label.refresh()
        if not self._disposed:
            self.tasks.run(self.session.clock.check, self._show_clock, lambda _error: None)
            self.tasks.run(self.session.hierarchy.place, self._show_place, lambda _error: None)
            if scope_for(Role(self.session.user.role), Action.READ, Resource.PLAN) is not None:
                # the step types HQ added (docs/publishing.md): every screen and printout labels them
                self.tasks.run(self.session.treatment.added_step_types, lambda added: set_added_labels(
                    {code: entry.labels for code, entry in added.entries.items()}), lambda _error: None)

    def _show_clock(self, behind: Any) -> None:
        """Say so while the PC's clock is behind the latest time it showed (the check audits it once)."""
        self._clock_behind = behind
        if behind is None:
            self.clock_bar.clear_message()
            return
        self.clock_bar.show_error(_("This PC's clock shows an earlier time than it already showed ({latest}). "
                                    "Entries keep the order they were written in. Ask an administrator to set the "
                                    "correct date and time.").format(latest=format_datetime(behind.latest_seen)))

    def _on_language_changed(self) -> None:
        if not self._disposed:
            self.retranslate_ui()

    def _on_language_picked(self, action: QAction) -> None:
        code = str(action.data())
        self.settings.setValue("language", code)
        if code != current_language():
            set_language(code)

    # --- pages ---------------------------------------------------------------------------------------------
    def _all_pages(self) -> list[QWidget]:
        return [*self.pages.values(), *([self.prisoner_page] if self.prisoner_page is not None else [])]

    def page(self, key: str) -> QWidget:
        """The page for `key`, built on first use (keeps unlock fast)."""
        if key not in self.pages:
            spec = next(s for s in self.specs if s.key == key)
            widget = spec.load()(self.session, self.tasks, self)
            widget.setObjectName(f"page_{key}")
            for name, slot in (("prisoner_requested", self.open_prisoner), ("page_requested", self.show_page)):
                if hasattr(widget, name):  # page_requested: the home page's training reminder opens Learning
                    getattr(widget, name).connect(slot)
            changed = getattr(widget, "sync_changed", None)
            if changed is not None:
                changed.connect(self.refresh_sync_state)
            if key == "inbox" and self.inbox is not None:
                self.inbox.page = widget
                widget.inbox_changed.connect(self.inbox.refresh)
            self.pages[key] = widget
            self.stack.addWidget(widget)
            widget.refresh()
        return self.pages[key]

    def current_key(self) -> str:
        if self.prisoner_page is not None and self.stack.currentWidget() is self.prisoner_page:
            return "prisoner"
        row = self.nav.currentRow()
        return self.specs[row].key if 0 <= row < len(self.specs) else ""

    def show_page(self, key: str) -> QWidget:
        row = next(i for i, s in enumerate(self.specs) if s.key == key)
        self.nav.setCurrentRow(row)
        self._on_nav_changed(row)  # also when the row was current already (a prisoner page shown over it)
        return self.pages[key]

    def _on_nav_changed(self, row: int) -> None:
        if 0 <= row < len(self.specs):
            widget = self.page(self.specs[row].key)
            self.stack.setCurrentWidget(widget)
            self.nav.item(row).setSelected(True)

    def open_prisoner(self, prisoner_id: str) -> None:
        from wingdesk.gui.pages.prisoner_page import PrisonerPage

        if self.prisoner_page is not None:
            self.stack.removeWidget(self.prisoner_page)
            self.prisoner_page.deleteLater()
        page = PrisonerPage(self.session, self.tasks, prisoner_id, self)
        page.setObjectName("page_prisoner")
        page.back_requested.connect(self._on_back)
        page.observation_requested.connect(self.record_observation)
        page.prisoner_requested.connect(self.open_prisoner, Qt.ConnectionType.QueuedConnection)  # issue 16
        self.prisoner_page = page
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        self.nav.clearSelection()  # the prisoner page is not one of the listed screens
        page.refresh()

    def _on_back(self) -> None:
        self._on_nav_changed(max(0, self.nav.currentRow()))

    def refresh_current(self) -> None:
        widget = self.stack.currentWidget()
        if widget is not None:
            widget.refresh()  # type: ignore[attr-defined]
        self.refresh_sync_state()
        if self.inbox is not None:
            self.inbox.refresh()

    # --- actions -------------------------------------------------------------------------------------------
    def record_observation(self) -> None:
        """Ctrl+N from anywhere: the prisoner on screen (if any) is pre-selected."""
        if not navigation.can_record_observation(self.session.user.role):
            return
        from wingdesk.gui.dialogs.observation_dialog import ObservationDialog

        widget = self.stack.currentWidget()
        current = getattr(widget, "current_prisoner_id", None)
        prisoner_id = current() if callable(current) else None
        self.open_observation(ObservationDialog(self.session, self.tasks, prisoner_id, self))

    def search_records(self) -> None:
        """Ctrl+F from anywhere: one search window, brought back to the front when open (gui.dialogs.search_dialog)."""
        from wingdesk.gui.dialogs.search_dialog import SearchDialog

        if not navigation.can_read_prisoners(self.session.user.role):
            return
        if self.search_dialog is None:
            self.search_dialog = SearchDialog(self.session, self.tasks, self)
            self.search_dialog.prisoner_requested.connect(self.open_prisoner)
        self.search_dialog.show()
        self.search_dialog.raise_()
        self.search_dialog.activateWindow()
        self.search_dialog.query.setFocus()
        self.search_dialog.query.selectAll()

    def _restore_drafts(self) -> None:
        if not self._disposed:
            self.drafts.restore(self)

    def open_observation(self, dialog: Any) -> None:
        dialog.observation_saved.connect(self._on_observation_saved)
        dialog.finished.connect(dialog.deleteLater)
        self._observation_dialog = dialog
        dialog.open()

    def _on_observation_saved(self, _record: object) -> None:
        self.statusBar().showMessage(_("Observation saved."), 5000)
        self.refresh_current()

    def _on_print_day(self) -> None:
        from wingdesk.gui.printing import print_day

        print_day(self.session, self.tasks, self.session.prisoners.today().isoformat(), self)

    def _on_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, _("About WingDesk"), _("WingDesk: offline wing records for prison services."))

    # --- life cycle ----------------------------------------------------------------------------------------
    def dispose(self) -> None:
        """Called by the session guard before deletion: stop listening and forget the session."""
        if self._disposed:
            return
        self._disposed = True
        if self.inbox is not None:
            self.inbox.stop()
        self.drafts.keep(self._observation_dialog, self.pages.get("wing_log"))  # what is being written
        remove_listener(self._listener)
        self.settings.setValue("main_window/geometry", self.saveGeometry())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self._disposed:
            self.dispose()
            self.closed.emit()
        super().closeEvent(event)
