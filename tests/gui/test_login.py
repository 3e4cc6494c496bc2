"""Sign-in window: real Argon2id sign-in in the background, wrong passwords, lock-out, demo accounts, first run."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from wingdesk.crypto.kdf import floor_params
from wingdesk.demo.accounts import DEMO_ACCOUNTS
from wingdesk.domain.records import iso, utc_now
from wingdesk.gui.app_controller import AppController
from wingdesk.gui.dialogs.login_dialog import LoginDialog
from wingdesk.storage.backend import LocalWing
from wingdesk.storage.vault import WingVault


def _controller(qtbot, wing, tasks, settings, demo=True):
    controller = AppController(wing, tasks, settings, demo, DEMO_ACCOUNTS)
    controller.quit_on_close = False
    controller.start()
    qtbot.addWidget(controller.login or controller.wizard)
    return controller


def _pick(dialog, username):
    for row in range(dialog.accounts_list.count()):
        item = dialog.accounts_list.item(row)
        if item.data(Qt.ItemDataRole.UserRole) == username:
            return item
    raise AssertionError(username)


def test_sign_in_through_login_dialog_opens_main_window_and_lock_returns_to_login(qtbot, wing, tasks, settings):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    controller = _controller(qtbot, wing, tasks, settings)
    login = controller.login
    assert login.isVisible()
    assert login.demo_label.isVisible() and "DEMO" in login.demo_label.text()
    qtbot.mouseClick(login.accounts_list.viewport(), Qt.MouseButton.LeftButton,
                     pos=login.accounts_list.visualItemRect(_pick(login, "officer")).center())
    assert login.username_edit.text() == "officer"
    qtbot.keyClicks(login.passphrase_edit, "amber-lantern-morning")
    with qtbot.waitSignal(controller.window_shown, timeout=15000) as shown:
        qtbot.keyClick(login.passphrase_edit, Qt.Key.Key_Return)
        assert login.busy.isVisible()  # the KDF runs on a worker; the dialog stays responsive
    window = shown.args[0]
    qtbot.addWidget(window)
    assert "Arben Krasniqi" in window.user_label.text()
    assert "Wing officer" in window.role_label.text()
    assert "B-Wing" in window.wing_label.text()
    assert window.sync_label.text()
    session = controller.session
    with qtbot.waitSignal(controller.login_shown, timeout=5000):
        window.lock_action.trigger()
    assert session.locked
    qtbot.addWidget(controller.login)
    tasks.wait()


def test_wrong_password_shows_delay_then_lock_out(qtbot, wing, tasks):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    dialog = LoginDialog(wing, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    messages = []
    for _attempt in range(3):
        dialog.username_edit.setText("officer")
        dialog.passphrase_edit.setText("not-the-passphrase")
        with qtbot.waitSignal(dialog.sign_in_failed, timeout=15000) as failed:
            dialog.sign_in_button.click()
        messages.append(failed.args[0])
    assert messages[0] == "Wrong user name or password."
    assert "Wait 1 second" in messages[2]
    assert not dialog.sign_in_button.isEnabled()  # re-enabled when the delay has passed
    assert dialog.error_label.isVisible() and dialog.error_label.text() == messages[2]
    assert dialog.passphrase_edit.text() == ""
    vault = WingVault(wing.directory)
    for _n in range(10):
        vault.record_failure("officer", "login_failed", iso(utc_now()))
    qtbot.waitUntil(dialog.sign_in_button.isEnabled, timeout=3000)
    dialog.passphrase_edit.setText("amber-lantern-morning")  # even the right passphrase is refused now
    with qtbot.waitSignal(dialog.sign_in_failed, timeout=15000) as failed:
        dialog.sign_in_button.click()
    assert "locked" in failed.args[0]


def test_empty_fields_are_reported_without_a_sign_in(qtbot, wing, tasks):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    dialog = LoginDialog(wing, tasks)
    qtbot.addWidget(dialog)
    dialog.sign_in_button.click()
    assert not tasks.busy
    assert dialog.error_label.text() == "Enter your user name and passphrase."
    assert not dialog.demo_label.isVisibleTo(dialog) and not dialog.accounts_list.isVisibleTo(dialog)


def test_every_control_has_an_accessible_name(qtbot, wing, tasks):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    dialog = LoginDialog(wing, tasks, demo=True, accounts=DEMO_ACCOUNTS)
    qtbot.addWidget(dialog)
    for widget in (dialog.username_edit, dialog.passphrase_edit, dialog.sign_in_button, dialog.language_combo,
                   dialog.accounts_list):
        assert widget.accessibleName()


def test_first_run_creates_the_wing_in_the_background_then_asks_to_sign_in(qtbot, tmp_path, tasks, settings):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    backend = LocalWing(tmp_path / "new", kdf=floor_params())
    controller = _controller(qtbot, backend, tasks, settings, demo=False)
    wizard = controller.wizard
    assert wizard is not None and controller.login is None
    wizard.wing_edit.setText("C-Wing")
    wizard.prison_edit.setText("Test Prison")
    wizard.next()
    wizard.username_edit.setText("chief")
    wizard.display_edit.setText("Chief Admin")
    wizard.passphrase_edit.setText("orange-window-gravel-seven")
    wizard.repeat_edit.setText("orange-window-gravel-six")
    wizard.accept()
    assert "not the same" in wizard.error_label.text()
    wizard.repeat_edit.setText("orange-window-gravel-seven")
    with qtbot.waitSignal(controller.login_shown, timeout=20000):
        wizard.accept()
    assert backend.exists()
    qtbot.addWidget(controller.login)
    assert controller.login.username_edit.text() == "chief"
    QApplication.processEvents()


def test_first_run_chooses_the_language_and_retranslates_at_once(qtbot, tmp_path, tasks, settings):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    from wingdesk import i18n

    backend = LocalWing(tmp_path / "new", kdf=floor_params())
    controller = _controller(qtbot, backend, tasks, settings, demo=False)
    wizard = controller.wizard
    english = wizard.wing_page.title()
    try:
        wizard.language_combo.setCurrentIndex(wizard.language_combo.findData("sq"))
        assert i18n.current_language() == "sq"
        assert wizard.wing_page.title() != english and wizard.wing_page.title() == i18n._("This wing")
    finally:
        i18n.set_language("en")
    assert wizard.wing_page.title() == english


def test_second_instance_on_the_same_data_folder_is_refused(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QLockFile

    from wingdesk.gui import application

    warnings = []
    monkeypatch.setattr(application.QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    tmp_path.mkdir(exist_ok=True)
    held = QLockFile(str(tmp_path / application.LOCK_FILE))
    assert held.tryLock(100)
    try:
        code = application.run_application(LocalWing(tmp_path, kdf=floor_params()), tmp_path)
    finally:
        held.unlock()
    assert code == 1
    assert warnings and "already open" in warnings[0]
