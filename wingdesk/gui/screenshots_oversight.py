"""The oversight screens for `wingdesk demo --screenshots` (issue 14 item 7): the audit viewer, the read-only wing
log of the roles that only read it, and the Sync page's enrolment at its fingerprint step."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QTabWidget

from wingdesk.config.package_data import resource
from wingdesk.gui import navigation
from wingdesk.gui.screenshots_deletion import grab_hard_delete


def _sample_key_file() -> Path:
    """The demo HQ's key file (public keys only, "Demo HQ (synthetic)"), copied out for the file chooser; it is
    only read for the picture, never installed."""
    path = Path(tempfile.mkdtemp()) / "hq-keys.json"
    path.write_bytes(resource("resources", "demo", "hq-keys-sample.json").read_bytes())
    return path


def oversight_screens(window: Any, settle: Callable[[], None], grab: Callable[[Any, str], None]) -> None:
    """Grab the extra screens for the window's role; `grab(widget, name)` saves `{role}-{name}.png`."""
    role = window.session.user.role
    if "wing_log" in window.pages and not navigation.can_write_log(role):
        window.show_page("wing_log")
        settle()
        grab(window, "wing_log_read_only")
    admin = window.pages.get("admin")
    if admin is not None:
        window.show_page("admin")
        settle()
        grab(window, "admin_page")
        tabs = admin.findChild(QTabWidget)
        if tabs is not None and tabs.isTabVisible(1):
            tabs.setCurrentIndex(1)
            settle()
            grab(window, "audit_viewer")
            grab_hard_delete(admin, settle, grab)  # the administrator's Delete record… dialog (scenario 8)
            tabs.setCurrentIndex(0 if tabs.isTabVisible(0) else 1)
    sync = window.pages.get("sync")
    if sync is not None:
        window.show_page("sync")
        key_file = _sample_key_file()
        sync.enrolment.choose_key_file = lambda: str(key_file)
        sync.enrolment.choose()
        settle()
        grab(window, "sync_enrolment")
        sync.enrolment.preview = sync.enrolment.key_file = None
        sync.enrolment.retranslate_ui()
