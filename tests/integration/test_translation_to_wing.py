"""Scenario 14's "Macedonian strings" end to end (issue 17 item 3): HQ uploads a Macedonian .po in the console that
changes one visible text, publishes it, and the wing's next HQ→wing bundle installs it: the main window shows the
new text at once, and again after the next sign-in. A translation update HQ's key did not sign is refused and
audited while the rest of the bundle applies; a newer version replaces the older as a whole; entries that no
longer fit this program (its English text gone, its placeholders changed) are ignored and the shipped text shown."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QSettings

from tests.hq.console_fixtures import form_token
from tests.integration.sync_helpers import enrol
from tests.integration.test_publish_to_wing import console  # noqa: F401 - the console fixture
from tests.translation_files import po_file
from wingdesk import i18n
from wingdesk.config.catalog_template import shipped_catalogue
from wingdesk.crypto import signing
from wingdesk.domain.canonical import canonical_bytes
from wingdesk.gui.main_window import MainWindow
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.translation_updates import load_translation_updates
from wingdesk.hq.outbox import add_reference, build_outbox_bundle
from wingdesk.hq.signed_files import signed_file
from wingdesk.sync import keys
from wingdesk.sync.wing_sync import WingSync

NEW_PRISONERS = "Лица лишени од слобода"


@pytest.fixture
def tasks(qtbot):
    runner = TaskRunner()
    yield runner
    runner.wait(10000)


def _publish_po(c, data: bytes) -> None:
    page = c.get("/publish").text
    shown = c.post("/publish/preview", data={"csrf": form_token(page, "/publish/preview"), "kind": "translation"},
                   files={"file": ("mk.po", data, "text/x-gettext-translation")})
    assert shown.status_code == 200, shown.text
    digest = shown.text.split('name="sha256" value="')[1].split('"')[0]
    assert c.post("/publish", data={"csrf": form_token(shown.text, "/publish"), "sha256": digest}).status_code == 303


def _import(session, hq, device, path):
    path.write_bytes(build_outbox_bundle(hq, device))
    return session.sync.import_files([path])


def _actions(session) -> list[tuple[str, str]]:
    return [(e.action, e.object) for e in session.ctx.repo.iter_audit()]


def _signed(hq, raw: dict, private: bytes | None = None) -> bytes:
    return signed_file(raw, private or hq.keys.current.sign_private, datetime.now(UTC), signing.TRANSLATION_PREFIX,
                       "translation_file")


def _queue(hq, raw: dict, record_id: str, file: bytes | None = None) -> None:
    """Queue a translation file for every wing as HQ's publishing does: `file`, or else `raw` signed by HQ."""
    add_reference(hq, "translation", {"id": raw["language"], "version": raw["version"],
                                      "file": base64.b64encode(file or _signed(hq, raw)).decode()},
                  record_id=record_id, rev=raw["version"])


def test_a_macedonian_update_reaches_the_wing_and_the_window_shows_it(wing, login, hq, console, tmp_path,  # noqa: F811
                                                                      qtbot, tasks, macedonian):
    wing.sync_factory = WingSync
    device = enrol(login("admin"), hq)
    shipped = shipped_catalogue("mk")["Prisoners"].forms[0]
    _publish_po(console, po_file("mk", {"Prisoners": NEW_PRISONERS}, whole=True))
    sup = login("sup")
    window = MainWindow(sup, tasks, QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    row = [spec.key for spec in window.specs].index("prisoners")
    assert window.nav.item(row).text() == shipped
    result = _import(sup, hq, device, tmp_path / "1.wdb")
    assert (result.files[0].outcome, result.translations_installed) == ("applied", 1)
    page = window.page("sync")
    said: list[str] = []
    shown = page.message.setText
    page.message.setText = lambda text: (said.append(text), shown(text))  # the page's outcome line
    page._on_imported(result)  # what the sync page does once the import task is done
    qtbot.waitUntil(lambda: window.nav.item(row).text() == NEW_PRISONERS, timeout=5000)
    notice = ("A translation update from HQ is now in use; a window that was already open may show the new texts "
              "only when it is next opened.")
    assert any(text.endswith(i18n._(notice)) for text in said) and i18n._(notice) != notice  # in Macedonian
    assert i18n._("Home") == shipped_catalogue("mk")["Home"].forms[0]  # every other text stays the shipped one
    installed = [o for a, o in _actions(sup) if a == "translation_installed"]
    assert installed == ["translation:mk@1:used:1:skipped:0"]
    # the next start: the update is read from the wing's database at sign-in
    i18n.apply_updates({})
    assert i18n._("Prisoners") == shipped
    again = login("off1")
    load_translation_updates(again, tasks)
    qtbot.waitUntil(lambda: i18n._("Prisoners") == NEW_PRISONERS, timeout=5000)
    assert _import(sup, hq, device, tmp_path / "2.wdb").translations_installed == 0  # the same snapshot again


def test_a_forged_update_is_refused_and_the_rest_applies(wing, login, hq, console, tmp_path):  # noqa: F811
    wing.sync_factory = WingSync
    device = enrol(login("admin"), hq)
    forger = keys.generate_key_pairs()
    raw = {"format": 1, "language": "sr", "version": 9, "entries": [{"id": "Prisoners", "str": ["Кривотворено"]}]}
    _queue(hq, raw, "0b7a4c55-2d1e-4f3a-9c8b-7e6d5f4a3b21", _signed(hq, raw, forger.sign_private))
    tampered = _signed(hq, dict(raw, version=10)).replace("Кривотворено".encode(), "Измењено ово".encode())
    assert "Измењено ово".encode() in tampered  # a file HQ signed, changed after signing
    _queue(hq, dict(raw, version=10), "0b7a4c55-2d1e-4f3a-9c8b-7e6d5f4a3b21", tampered)
    _publish_po(console, po_file("mk", {"Prisoners": NEW_PRISONERS}))
    sup = login("sup")
    result = _import(sup, hq, device, tmp_path / "1.wdb")
    assert (result.files[0].outcome, result.translations_installed) == ("applied", 1)
    assert sup.translations.versions_in_force() == {"mk": 1}
    actions = _actions(sup)
    assert ("translation_refused", "translation:translation_signature") in actions
    assert ("published_refused", "hq_bundle:translation_signature") in actions
    # rev 9 (another key) was superseded by rev 10 in HQ's outbox; the next test sends such a file alone


def test_a_file_signed_by_another_key_is_refused(wing, login, hq, tmp_path):
    wing.sync_factory = WingSync
    device = enrol(login("admin"), hq)
    forger = keys.generate_key_pairs()
    raw = {"format": 1, "language": "sr", "version": 3, "entries": [{"id": "Prisoners", "str": ["Кривотворено"]}]}
    _queue(hq, raw, "0b7a4c55-2d1e-4f3a-9c8b-7e6d5f4a3b22", _signed(hq, raw, forger.sign_private))
    good = {"format": 1, "language": "mk", "version": 1, "entries": [{"id": "Prisoners", "str": [NEW_PRISONERS]}]}
    _queue(hq, good, "0b7a4c55-2d1e-4f3a-9c8b-7e6d5f4a3b23")
    sup = login("sup")
    result = _import(sup, hq, device, tmp_path / "1.wdb")
    assert (result.files[0].outcome, result.translations_installed) == ("applied", 1)
    assert sup.translations.versions_in_force() == {"mk": 1}
    actions = _actions(sup)
    assert ("translation_refused", "translation:translation_wrong_key") in actions
    assert ("published_refused", "hq_bundle:translation_wrong_key") in actions


def test_a_newer_version_replaces_the_older_as_a_whole(wing, login, hq, console, tmp_path):  # noqa: F811
    wing.sync_factory = WingSync
    device = enrol(login("admin"), hq)
    _publish_po(console, po_file("mk", {"Prisoners": NEW_PRISONERS}))
    sup = login("sup")
    assert _import(sup, hq, device, tmp_path / "1.wdb").translations_installed == 1
    assert sup.translations.in_force() == {"mk": {"Prisoners": (NEW_PRISONERS,)}}
    _publish_po(console, po_file("mk", {"Home": "Почетна страница"}))
    assert _import(sup, hq, device, tmp_path / "2.wdb").translations_installed == 1
    assert sup.translations.versions_in_force() == {"mk": 2}
    assert sup.translations.in_force() == {"mk": {"Home": ("Почетна страница",)}}
    assert [o for a, o in _actions(sup) if a == "translation_installed"] == ["translation:mk@1:used:1:skipped:0",
                                                                                  "translation:mk@2:used:1:skipped:0"]


def test_entries_that_no_longer_fit_this_program_are_ignored(wing, login, hq, tmp_path, macedonian):
    """An update made for another program version: one English text this program no longer has, one whose
    placeholders differ from this program's, and one sound entry. The wing keeps it (the evidence), uses the sound
    entry only, and every format call on the others gets the shipped text."""
    wing.sync_factory = WingSync
    device = enrol(login("admin"), hq)
    named = next(m for m, s in shipped_catalogue("mk").items() if s.plural is None and m.count("{name}") == 1
                 and m.count("{") == 1)
    raw = {"format": 1, "language": "mk", "version": 1, "entries": [
        {"id": "{count} prisoners on the old list", "str": ["{count} стари"]},
        {"id": named, "str": ["{full_name} — ново"]},
        {"id": "Prisoners", "str": [NEW_PRISONERS]}]}
    _queue(hq, raw, "0b7a4c55-2d1e-4f3a-9c8b-7e6d5f4a3b24")
    sup = login("sup")
    assert _import(sup, hq, device, tmp_path / "1.wdb").translations_installed == 1
    assert ("translation_installed", "translation:mk@1:used:1:skipped:2") in _actions(sup)
    found = sup.translations.in_force()
    assert found == {"mk": {"Prisoners": (NEW_PRISONERS,)}}
    stored = sup.ctx.repo.translation_updates_in_force()[0]  # the document as HQ signed it is kept whole
    assert canonical_bytes(raw).decode() == stored.document
    i18n.apply_updates({"mk": {e["id"]: tuple(e["str"]) for e in raw["entries"]}})  # even if handed in whole
    assert i18n._(named).format(name="X") == shipped_catalogue("mk")[named].forms[0].format(name="X")
    assert i18n._("Prisoners") == NEW_PRISONERS


def test_the_command_line_import_says_it_installed_one(wing, login, hq, tmp_path, monkeypatch, capsys):
    from tests.integration.test_sync_cli import _run

    wing.sync_factory = WingSync
    device = enrol(login("admin"), hq)
    good = {"format": 1, "language": "mk", "version": 1, "entries": [{"id": "Prisoners", "str": [NEW_PRISONERS]}]}
    _queue(hq, good, "0b7a4c55-2d1e-4f3a-9c8b-7e6d5f4a3b25")
    (tmp_path / "1.wdb").write_bytes(build_outbox_bundle(hq, device))
    assert _run(wing.directory, monkeypatch, "sync", "import", str(tmp_path / "1.wdb")) == 0
    assert "Installed from HQ: translation updates 1; they are shown from the next start." in capsys.readouterr().out


FINGERPRINT = ("Key file of {hq} ({env}). HQ key fingerprint: <b>{fingerprint}</b>. Compare it with the fingerprint "
               "HQ read to you by phone.")


def _insert_by_hand(session, language: str, version: int, document: str, hq_key_id: str, signed_at: str,
                    signature: bytes) -> None:
    """What an insider holding the database key can do: the append-only triggers stop UPDATE and DELETE, not INSERT."""
    session.ctx.repo.execute(
        "INSERT INTO translation_updates (language, version, document, content_sha256, hq_key_id, signed_at, "
        "signature, installed_at, installed_by) VALUES (?, ?, ?, 'x', ?, ?, ?, '2026-12-07T00:00:00Z', ?)",
        (language, version, document, hq_key_id, signed_at, signature, session.user.id))


def test_a_translation_row_written_by_hand_is_not_put_in_force(wing, login, hq, tmp_path):
    """An unsigned row, a row with another document under HQ's real signature and key id, and a genuine older
    document copied under a higher version: none is put in force, the newest genuine version stays, every skipped
    row is audited at each load, and a genuine newer version still installs over them."""
    wing.sync_factory = WingSync
    device = enrol(login("admin"), hq)
    good = {"format": 1, "language": "mk", "version": 1, "entries": [{"id": "Prisoners", "str": [NEW_PRISONERS]}]}
    _queue(hq, good, "0b7a4c55-2d1e-4f3a-9c8b-7e6d5f4a3b26")
    admin = login("admin")
    assert _import(admin, hq, device, tmp_path / "1.wdb").translations_installed == 1
    genuine = admin.ctx.repo.translation_updates_in_force()[0]
    forged = {"format": 1, "language": "mk", "version": 99, "entries": [
        {"id": "Prisoners", "str": ["Кривотворено"]}]}
    _insert_by_hand(admin, "mk", 99, canonical_bytes(forged).decode(), "forged", "2026-12-07T00:00:00Z", b"\0" * 64)
    _insert_by_hand(admin, "mk", 98, canonical_bytes(dict(forged, version=98)).decode(), genuine.hq_key_id,
                    genuine.signed_at, genuine.signature)  # HQ's signature of another document
    _insert_by_hand(admin, "mk", 97, genuine.document, genuine.hq_key_id, genuine.signed_at,
                    genuine.signature)  # HQ's document of version 1, stored as version 97
    officer = login("off1")
    assert officer.translations.in_force() == {"mk": {"Prisoners": (NEW_PRISONERS,)}}
    assert officer.translations.versions_in_force() == {"mk": 1}
    refused = [o for a, o in _actions(officer) if a == "translation_refused"]
    assert refused == ["translation:translation_unverified:mk@99", "translation:translation_unverified:mk@98",
                       "translation:translation_unverified:mk@97"]
    newer = {"format": 1, "language": "mk", "version": 2, "entries": [{"id": "Home", "str": ["Почетна страница"]}]}
    _queue(hq, newer, "0b7a4c55-2d1e-4f3a-9c8b-7e6d5f4a3b27")  # not "older than version 99"
    assert _import(admin, hq, device, tmp_path / "2.wdb").translations_installed == 1
    assert officer.translations.in_force() == {"mk": {"Home": ("Почетна страница",)}}


def test_an_unsigned_row_on_a_wing_not_enrolled_is_not_put_in_force(wing, login):
    """The reviewer's reproduction: no HQ key at all, a row inserted by hand hiding the fingerprint."""
    admin = login("admin")
    doc = {"format": 1, "language": "mk", "version": 99, "entries": [
        {"id": FINGERPRINT, "str": ["Клуч на {hq} ({env}). Отпечаток: <b>1A2B 3C4D</b><!-- {fingerprint} -->."]},
        {"id": "Prisoners", "str": [NEW_PRISONERS]}]}
    _insert_by_hand(admin, "mk", 99, canonical_bytes(doc).decode(), "forged", "2026-12-07T00:00:00Z", b"\0" * 64)
    officer = login("off1")
    assert officer.translations.in_force() == {}, "unsigned row put in force"
    assert ("translation_refused", "translation:translation_unverified:mk@99") in _actions(officer)
