"""HQ's translation update stored on the wing is in force from sign-in (the sign-in window itself shows the shipped
texts: the update lives in the encrypted database), read off the UI thread and layered over the shipped catalogue."""

from PySide6.QtCore import Qt

from tests.gui.test_login import _controller, _pick
from wingdesk import i18n
from wingdesk.config.catalog_template import shipped_catalogue
from wingdesk.domain.canonical import canonical_bytes
from wingdesk.domain.translations.installed import InstalledTranslation

NEW = "Лица лишени од слобода"


def test_an_installed_update_is_shown_from_sign_in(qtbot, wing, tasks, settings):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    officer = wing.sign_in("officer", "amber-lantern-morning")
    document = canonical_bytes({"format": 1, "language": "mk", "version": 1,
                                "entries": [{"id": "Prisoners", "str": [NEW]}]}).decode()
    with officer.ctx.repo.transaction():
        officer.ctx.repo.add_translation_update(InstalledTranslation(
            "mk", 1, document, "0" * 64, "0" * 16, "2026-12-07T10:00:00Z", b"\0" * 64, "2026-12-07T10:00:00Z", "x"))
    officer.lock()
    before = i18n.current_language()
    i18n.set_language("mk")
    try:
        controller = _controller(qtbot, wing, tasks, settings)
        login = controller.login
        assert i18n._("Prisoners") == shipped_catalogue("mk")["Prisoners"].forms[0]
        qtbot.mouseClick(login.accounts_list.viewport(), Qt.MouseButton.LeftButton,
                         pos=login.accounts_list.visualItemRect(_pick(login, "officer")).center())
        qtbot.keyClicks(login.passphrase_edit, "amber-lantern-morning")
        with qtbot.waitSignal(controller.window_shown, timeout=15000) as shown:
            qtbot.keyClick(login.passphrase_edit, Qt.Key.Key_Return)
        window = shown.args[0]
        qtbot.addWidget(window)
        row = [spec.key for spec in window.specs].index("prisoners")
        qtbot.waitUntil(lambda: window.nav.item(row).text() == NEW, timeout=5000)
        with qtbot.waitSignal(controller.login_shown, timeout=5000):
            window.lock_action.trigger()
        qtbot.addWidget(controller.login)
        tasks.wait()
    finally:
        i18n.apply_updates({})
        i18n.set_language(before)
