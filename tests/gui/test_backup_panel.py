"""The backups tab on the administrator's page: choose a folder, back up now (progress), Stop, daily schedule."""

from __future__ import annotations

from tests.gui.pages_fixtures import (  # noqa: F401
    demo_template,
    settle,
    tasks,
    wing,
    wing_dir,
)
from wingdesk.gui.pages.admin_page import AdminPage


def _panel(qtbot, wing, tasks, tmp_path):  # noqa: F811
    admin = wing.sign_in("admin")
    page = AdminPage(admin, tasks)
    qtbot.addWidget(page)
    panel = page.backups
    assert panel is not None and page.tabs.indexOf(panel) >= 0
    panel.ask_password = lambda *_args: True
    panel.choose_folder = lambda: str(tmp_path / "stick")
    return admin, panel, page


def test_back_up_now_then_daily_schedule(qtbot, wing, tasks, tmp_path):  # noqa: F811
    admin, panel, _page = _panel(qtbot, wing, tasks, tmp_path)
    panel.back_up_now()
    assert panel.bar.kind == "error"  # no folder chosen yet
    panel.browse_button.click()
    assert panel.folder.text() == str(tmp_path / "stick")
    panel.back_up_now()
    qtbot.waitUntil(lambda: panel._task is None, timeout=30000)
    assert panel.bar.kind == "ok" and list((tmp_path / "stick").glob("wingdesk-backup-*"))
    assert "Last backup" in panel.last_label.text()
    panel.daily.setChecked(True)
    assert admin.backup.schedule().daily and not admin.backup.due()  # one was just made


def test_stop_leaves_nothing(qtbot, wing, tasks, tmp_path):  # noqa: F811
    _admin, panel, _page = _panel(qtbot, wing, tasks, tmp_path)
    panel.browse_button.click()
    panel._on_progress = lambda *_args: panel.stop()  # Stop pressed as soon as the first progress shows
    panel.back_up_now()
    qtbot.waitUntil(lambda: panel._task is None, timeout=30000)
    assert panel.bar.kind == "info"
    assert not list((tmp_path / "stick").iterdir())
