"""HQ's translation update stored on the wing is in force from sign-in (the sign-in window itself shows the shipped
texts: the update lives in the encrypted database), read off the UI thread and layered over the shipped catalogue;
its HQ signature is checked again at that load."""

from datetime import UTC, datetime

from PySide6.QtCore import Qt

from tests.gui.pages_fixtures import PASSWORDS
from tests.gui.test_login import _controller, _pick
from tests.integration.sync_helpers import enrol
from wingdesk import i18n
from wingdesk.config.catalog_template import shipped_catalogue
from wingdesk.crypto import signing
from wingdesk.crypto.kdf import floor_params
from wingdesk.hq.ingest import HqContext
from wingdesk.hq.keystore import HqKeys
from wingdesk.hq.signed_files import signed_file
from wingdesk.hq.store import open_store
from wingdesk.services.translation_updates import install_signed_file
from wingdesk.storage.backend import LocalWing
from wingdesk.sync import keys
from wingdesk.sync.wing_sync import WingSync

NEW = "Лица лишени од слобода"


def _install_signed_update(wing, tmp_path) -> None:
    """Enrol the demo wing with an HQ and install a Macedonian update that HQ signed."""
    store = open_store(tmp_path / "hq")
    try:
        hq = HqContext(store, HqKeys("prod", "HQ test", "2025-01-01T00:00:00Z", keys.generate_key_pairs()))
        local = LocalWing(wing.directory, kdf=floor_params())
        local.sync_factory = WingSync
        admin = local.sign_in("admin", PASSWORDS["admin"])
        try:
            enrol(admin, hq)
            data = signed_file({"format": 1, "language": "mk", "version": 1,
                                "entries": [{"id": "Prisoners", "str": [NEW]}]}, hq.keys.current.sign_private,
                               datetime.now(UTC), signing.TRANSLATION_PREFIX, "translation_file")
            assert install_signed_file(admin.ctx, admin.sync.audit, admin.user.id, data).outcome == "installed"
        finally:
            admin.lock()
    finally:
        store.close()


def test_an_installed_update_is_shown_from_sign_in(qtbot, wing, tasks, settings, tmp_path):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    _install_signed_update(wing, tmp_path)
    wing.sync_factory = WingSync  # as app.py wires it: the HQ key the wing enrolled with is read through it
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
