"""The inbox on a shared wing PC: an officer's urgent observation shows at once (badge and banner, no modal) when
the supervisor, then security, sign in; each acknowledges with one click, audited; other roles see nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from tests.gui.pages_fixtures import PASSWORDS, demo_template, settle, tasks, wing, wing_dir  # noqa: F401
from wingdesk.demo.accounts import DEMO_ACCOUNTS
from wingdesk.gui.app_controller import AppController
from wingdesk.gui.widgets.inbox_banner import BADGE_ROLE
from wingdesk.storage.backend import LocalWing

THREAT = 'Said to his cellmate: "you will not see the morning". Heard at the door of B2-14 at 21:40.'


def _sign_in(qtbot, controller, username):
    login = controller.login
    qtbot.addWidget(login)
    login.username_edit.setText(username)
    login.passphrase_edit.setText(PASSWORDS[username])
    with qtbot.waitSignal(controller.window_shown, timeout=20000) as shown:
        qtbot.keyClick(login.passphrase_edit, Qt.Key.Key_Return)
    window = shown.args[0]
    qtbot.addWidget(window)
    return window


def _lock(qtbot, controller, window):
    with qtbot.waitSignal(controller.login_shown, timeout=10000):
        window.lock_action.trigger()


def _record_urgent(qtbot, window, tasks):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    window.record_observation()
    dialog = window._observation_dialog
    qtbot.waitUntil(lambda: dialog.picker.roster_count() > 0, timeout=10000)
    qtbot.keyClicks(dialog.picker, "Morina")
    qtbot.keyClick(dialog.picker, Qt.Key.Key_Return)
    dialog.category.setCurrentIndex(dialog.category.findData("CONFLICT_INTIMIDATION"))
    dialog.facts.setPlainText(THREAT)
    dialog.urgent.setChecked(True)
    with qtbot.waitSignal(dialog.observation_saved, timeout=10000) as saved:
        dialog.save()
    settle(qtbot, tasks)
    return saved.args[0]


def _badge(window):
    row = [s.key for s in window.specs].index("inbox")
    return window.nav.item(row).data(BADGE_ROLE)


def test_urgent_observation_reaches_supervisor_and_security_at_sign_in(qtbot, wing_dir, tasks, settings):  # noqa: F811
    backend = LocalWing(wing_dir)
    controller = AppController(backend, tasks, settings, True, DEMO_ACCOUNTS)
    controller.quit_on_close = False
    controller.start()
    officer = _sign_in(qtbot, controller, "officer")
    assert "inbox" in [s.key for s in officer.specs]  # returned entries reach officers; urgent items do not
    record = _record_urgent(qtbot, officer, tasks)
    assert record.body["urgent"] is True
    assert not officer.inbox.banner.isVisible()
    _lock(qtbot, controller, officer)

    for username in ("supervisor", "security"):
        window = _sign_in(qtbot, controller, username)
        focused = QApplication.focusWidget()
        qtbot.waitUntil(lambda w=window: w.inbox.banner.isVisible(), timeout=10000)
        banner = window.inbox.banner
        assert "Urgent observation about" in banner.label.text() and "Arben Krasniqi" in banner.label.text()
        assert THREAT not in banner.label.text()  # the banner names the matter, not the record's words
        count, urgent = _badge(window)
        assert count >= 1 and urgent
        assert not any(isinstance(w, QDialog) and w.isModal() and w.isVisible()
                       for w in QApplication.topLevelWidgets())
        assert QApplication.focusWidget() is focused  # nothing took the keyboard
        assert banner.ack_button.focusPolicy() == Qt.FocusPolicy.TabFocus
        banner.open_button.click()
        page = window.pages["inbox"]
        assert window.stack.currentWidget() is page
        qtbot.waitUntil(lambda p=page: any(c.item.urgent for c in p.cards), timeout=10000)
        card = next(c for c in page.cards if c.item.urgent)
        assert card.item.key == f"urgent_observation:{record.id}"
        before = count
        qtbot.mouseClick(card.ack_button, Qt.MouseButton.LeftButton)
        key = card.item.key
        qtbot.waitUntil(lambda p=page, k=key: all(c.item.key != k for c in p.cards), timeout=10000)
        settle(qtbot, tasks)
        assert (_badge(window) or (0, False))[0] == before - 1
        while window.inbox.banner.isVisible():  # the demo's own urgent item: one click on the banner each
            shown = window.inbox.banner.key
            qtbot.mouseClick(window.inbox.banner.ack_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda w=window, k=shown: w.inbox.banner.key != k, timeout=10000)
        assert not any(c.item.urgent for c in page.cards)
        session = controller.session
        acks = [e for e in session.ctx.repo.audit_page(0, 20) if e.action == "inbox_ack"]
        assert (session.user.id, f"inbox:urgent_observation:{record.id}") in [(a.actor, a.object) for a in acks]
        _lock(qtbot, controller, window)

    governor = _sign_in(qtbot, controller, "governor")
    settle(qtbot, tasks)
    assert not governor.inbox.banner.isVisible()
    _lock(qtbot, controller, governor)
    qtbot.addWidget(controller.login)
    tasks.wait()


def test_the_banner_acknowledges_with_one_click_while_the_keyboard_stays_in_the_editor(qtbot, wing, tasks,  # noqa: F811
                                                                                      settings):
    import warnings

    from wingdesk.gui.main_window import MainWindow

    officer = wing.sign_in("officer")
    record = officer.observations.record(officer.prisoners.page()[0].id, "CONFLICT_INTIMIDATION", "CONCERN", THREAT,
                                         urgent=True)
    session = wing.sign_in("supervisor")
    window = MainWindow(session, tasks, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(window)  # offscreen windows are not activated by the platform
    page = window.show_page("prisoners")
    qtbot.waitUntil(lambda: window.inbox.banner.isVisible(), timeout=10000)
    with warnings.catch_warnings():  # the offscreen platform does not give activation back after a page's popups
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(window)
    editor = page.search_edit  # the roster search box: an officer typing when the urgent item arrives
    editor.setFocus()
    qtbot.keyClicks(editor, "Krasniq")

    assert QApplication.focusWidget() is editor
    acknowledged = set()
    while window.inbox.banner.isVisible():
        key = window.inbox.banner.key
        qtbot.mouseClick(window.inbox.banner.ack_button, Qt.MouseButton.LeftButton)
        assert QApplication.focusWidget() is editor
        qtbot.waitUntil(lambda k=key: window.inbox.banner.key != k, timeout=10000)
        acknowledged.add(key)
    qtbot.keyClicks(editor, "i")
    assert editor.text() == "Krasniqi" and QApplication.focusWidget() is editor
    assert f"urgent_observation:{record.id}" in acknowledged  # with the demo's own urgent ones, one click each
    assert not any(i.urgent for i in session.inbox.items())
    settle(qtbot, tasks)
    window.dispose()


def test_the_inbox_is_read_on_a_worker_thread_and_refreshed_on_a_timer(qtbot, wing, tasks, settings):  # noqa: F811
    import threading

    from wingdesk.gui import inbox_watcher
    from wingdesk.gui.main_window import MainWindow

    session = wing.sign_in("security")
    threads = []
    real = session.inbox.items
    session.inbox.items = lambda: threads.append(threading.current_thread()) or real()
    window = MainWindow(session, tasks, settings)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(threads), timeout=10000)
    assert threading.main_thread() not in threads
    assert window.inbox.timer.isActive() and window.inbox.timer.interval() == inbox_watcher.REFRESH_MS
    settle(qtbot, tasks)
    seen = len(threads)
    window.inbox.timer.timeout.emit()
    qtbot.waitUntil(lambda: len(threads) > seen, timeout=10000)
    settle(qtbot, tasks)
    window.dispose()
    assert not window.inbox.timer.isActive()
