"""Main window frame: pages per role from the access policy, menus, shortcuts, language switch, geometry."""

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from wingdesk.gui.main_window import MainWindow
from wingdesk.i18n import current_language


def _window(qtbot, session, tasks, settings):
    window = MainWindow(session, tasks, settings)
    qtbot.addWidget(window)
    window.show()
    return window


def _nav(window):
    return [spec.key for spec in window.specs]


@pytest.mark.parametrize(("user", "expected", "absent"), [
    ("officer", ["home", "wing_log", "prisoners"], ["treatment", "review", "admin"]),
    ("supervisor", ["home", "wing_log", "review", "prisoners", "sync", "admin"], ["treatment"]),
    ("psychologist", ["home", "prisoners", "treatment"], ["review", "admin", "wing_log", "sync"]),
    ("admin", ["home", "sync", "admin"], ["prisoners", "treatment", "wing_log"]),
])
def test_pages_follow_the_access_policy(qtbot, sign_in, tasks, settings, user, expected, absent):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    window = _window(qtbot, sign_in(user), tasks, settings)
    keys = _nav(window)
    assert all(k in keys for k in expected)
    assert not any(k in keys for k in absent)
    assert window.nav.count() == len(keys)
    texts = [window.nav.item(i).text() for i in range(window.nav.count())]
    if user == "officer":
        assert "Treatment" not in texts
        assert window.observe_action.isVisible()
    if user == "psychologist":
        assert not window.observe_action.isEnabled()


def test_every_page_opens_and_the_officer_never_builds_a_treatment_page(qtbot, sign_in, tasks, settings):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    window = _window(qtbot, sign_in("officer"), tasks, settings)
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        assert window.stack.currentWidget() is window.pages[window.specs[row].key]
    tasks.wait()
    assert "treatment" not in window.pages
    assert not any(type(p).__name__ == "TreatmentPage" for p in window.findChildren(QWidget))


def test_ctrl_l_requests_a_lock(qtbot, sign_in, tasks, settings):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    window = _window(qtbot, sign_in("officer"), tasks, settings)
    with qtbot.waitSignal(window.lock_requested, timeout=1000):
        window.lock_action.trigger()
    assert window.lock_action.shortcut().toString() == "Ctrl+L"
    assert window.observe_action.shortcut().toString() == "Ctrl+N"


def test_language_menu_switches_at_run_time_and_is_remembered(qtbot, sign_in, tasks, settings):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    window = _window(qtbot, sign_in("supervisor"), tasks, settings)
    home = window.pages["home"]
    calls = []
    home.retranslate_ui = lambda: calls.append(1)
    window.language_actions["sq"].trigger()
    assert current_language() == "sq"
    assert settings.value("language") == "sq"
    assert calls, "pages are retranslated when the language changes"
    assert window.language_actions["sq"].isChecked()


def test_window_geometry_is_remembered(qtbot, sign_in, tasks, tmp_path):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    settings = QSettings(str(tmp_path / "geo.ini"), QSettings.Format.IniFormat)
    session = sign_in("officer")
    first = _window(qtbot, session, tasks, settings)
    first.resize(720, 520)
    first.close()
    second = _window(qtbot, session, tasks, settings)
    assert (second.width(), second.height()) == (720, 520)


def test_status_bar_sync_state(qtbot, wing, sign_in, tasks, settings):
    from wingdesk.crypto.kdf import floor_params
    from wingdesk.storage.backend import LocalWing
    from wingdesk.sync.wing_sync import WingSync

    session = LocalWing(wing.directory, kdf=floor_params(), sync_factory=WingSync).sign_in(
        "supervisor", "granite-harbour-watch")
    try:
        supervisor = _window(qtbot, session, tasks, settings)
        qtbot.waitUntil(lambda: "Not yet synchronised with HQ;" in supervisor.sync_label.text(), timeout=5000)
        assert "records waiting" in supervisor.sync_label.text()
    finally:
        session.lock()
    officer = _window(qtbot, sign_in("officer"), tasks, settings)
    assert officer.sync_label.text() == "Sync with HQ is done by a supervisor"


def test_a_clock_set_back_is_shown_on_every_screen_and_goes_once_it_is_right(qtbot, sign_in, tasks, settings):
    from datetime import UTC, datetime, timedelta

    from wingdesk.domain.hlc import WingClockState

    session = sign_in("officer")
    ahead = datetime.now(UTC) + timedelta(days=2)  # the PC showed this before someone set it back two days
    with session.ctx.repo.transaction():
        session.ctx.repo.put_wing_clock(WingClockState("", int(ahead.timestamp() * 1000), None))
    window = _window(qtbot, session, tasks, settings)
    qtbot.waitUntil(lambda: window.clock_bar.isVisible(), timeout=5000)
    assert "clock" in window.clock_bar.text() and window.clock_bar.kind == "error"
    with session.ctx.repo.transaction():
        session.ctx.repo.put_wing_clock(WingClockState("", 0, None))
    window.refresh_current()
    qtbot.waitUntil(lambda: not window.clock_bar.isVisible(), timeout=5000)


def test_the_home_pages_training_reminder_opens_the_learning_page(qtbot, sign_in, tasks, settings):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    window = _window(qtbot, sign_in("officer"), tasks, settings)
    home = window.page("home")
    qtbot.waitUntil(home.training.isVisible, timeout=5000)  # the demo officer has done no training yet
    home.training.linkActivated.emit("#learning")
    assert window.current_key() == "learning" and window.stack.currentWidget() is window.pages["learning"]
