"""The sync panel: status, drive list, export after the password re-ask, import, background push back-off."""

import threading
from types import SimpleNamespace

import pytest

pytest.importorskip("PySide6")

from wingdesk.gui.pages.sync_page import PUSH_FIRST_MS, SyncPage  # noqa: E402
from wingdesk.gui.tasks import TaskRunner  # noqa: E402
from wingdesk.services.progress import Cancelled  # noqa: E402
from wingdesk.services.sync_types import (  # noqa: E402
    ExportResult,
    FileOutcome,
    ImportResult,
    PushResult,
    SyncFailed,
    SyncStatus,
    WrittenBundle,
)


def _status(**overrides):
    values = dict(enrolment_state="enrolled", device_id="d", env="prod", hq_name="HQ", hq_fingerprint="ABCD-EFGH",
                  pending_records=3, unsealed_records=0, pending_bundles=1, sealed_bundles=1,
                  last_receipt_at=None, last_receipt_status=None, ref_seq=0, reference_stale=False,
                  hq_accounts_waiting=0, hq_url=None)
    values.update(overrides)
    return SyncStatus(**values)


class FakeSync:
    def __init__(self):
        self.current = _status()
        self.calls = []
        self.push_error = None

    def status(self):
        return self.current

    def probe(self):
        return True

    def export(self, root, report=None):
        self.calls.append(("export", root))
        if report:
            report(1, 1)
        return ExportResult([WrittenBundle(1, "ab" * 32, f"{root}/x.wdb")], 1, 0, 3)

    def import_files(self, paths):
        self.calls.append(("import", paths))
        return ImportResult([FileOutcome("a.wdb", "applied")], acknowledged=1)

    def push(self, progress=None):
        self.calls.append(("push",))
        if self.push_error:
            raise self.push_error
        if progress:
            progress(0, 2048)
            progress(2048, 2048)
        return PushResult(sent=1, acknowledged=1)


@pytest.fixture
def page(qtbot, tmp_path):
    session = SimpleNamespace(sync=FakeSync(), locked=False)
    tasks = TaskRunner()
    widget = SyncPage(session, tasks)
    widget.volumes = lambda: [("STICK", str(tmp_path))]
    widget.scan_drives()
    qtbot.addWidget(widget)
    yield widget
    widget.push_timer.stop()
    tasks.wait()


def test_status_and_drives(page, tmp_path):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    page.refresh()
    assert "1 bundle" in page.pending_value.text() and "3 records" in page.pending_value.text()
    assert "ABCD-EFGH" in page.enrolment_value.text()
    assert page.receipt_value.text() == "none yet"
    assert page.drive_combo.currentData() == str(tmp_path)
    assert page.title() == "Sync with HQ"
    assert not page.push_button.isEnabled()  # no HQ address configured


def test_export_asks_the_password_then_says_the_stick_may_be_pulled(page, qtbot, tmp_path):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    page.refresh()
    page.ask_password = lambda *a: False
    page.start_export()
    assert page.session.sync.calls == []
    page.ask_password = lambda *a: True
    page.start_export()
    qtbot.waitUntil(lambda: not page.busy, timeout=5000)
    assert page.session.sync.calls == [("export", str(tmp_path))]
    assert "may now remove the stick" in page.message.text()


def test_import_reports_and_errors_are_one_sentence(page, qtbot):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    page.start_import()
    qtbot.waitUntil(lambda: not page.busy, timeout=5000)
    assert "1 bundles confirmed" in page.message.text()
    page._fail(SyncFailed("unsafe_write"))
    assert "Writing to the stick failed" in page.message.text()


def test_background_push_backs_off(page, qtbot):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    page.session.sync.current = _status(hq_url="https://hq.example")
    page.refresh()
    assert page.push_timer.isActive() and page.push_button.isEnabled()
    qtbot.waitUntil(lambda: page.hq_value.text() == "reachable", timeout=5000)
    page.session.sync.push_error = SyncFailed("hq_unreachable")
    page.start_push(background=True)
    qtbot.waitUntil(lambda: not page.busy, timeout=5000)
    assert page.push_interval_ms == 2 * PUSH_FIRST_MS and not page.message.isVisible()
    page.session.sync.push_error = None
    page.start_push(background=True)
    qtbot.waitUntil(lambda: page.push_interval_ms == PUSH_FIRST_MS, timeout=5000)


def test_hq_address_is_saved_and_errors_are_shown(page):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    saved = []

    def set_hq_url(url, ca_file=None):
        if url and not url.startswith("https://"):
            raise SyncFailed("bad_url")
        saved.append(url)
        page.session.sync.current = _status(hq_url=url)

    page.session.sync.set_hq_url = set_hq_url
    page.url_edit.setText("http://plain.example")
    page.save_url()
    assert saved == [] and not page.message.isHidden() and page.message.text()
    page.url_edit.setText("https://hq.example.invalid")
    page.save_url()
    assert saved == ["https://hq.example.invalid"] and page.url_edit.text() == "https://hq.example.invalid"
    assert page.push_button.isEnabled()


def test_outcomes_say_what_really_happened(page, qtbot):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    """Nothing to write is not 'written'; an earlier HQ file left on the stick is not an error; a push that HQ
    refused is not a green 'sent'."""
    page._on_exported(ExportResult([], 0, 0, 0))
    assert "Nothing new to write" in page.message.text() and "remove" not in page.message.text()
    page._on_imported(ImportResult([FileOutcome("old.wdb", "stale", "stale_reference_data")]))
    assert "applied before" in page.message.text() and "may now remove the stick" in page.message.text()
    page._on_imported(ImportResult([FileOutcome("old.wdb", "stale", "stale_reference_data"),
                                    FileOutcome("new.wdb", "applied")], acknowledged=2))
    assert "2 bundles confirmed" in page.message.text()
    page._on_pushed(PushResult(sent=1, acknowledged=0, refused=[(7, "http_404")]), background=True)
    assert "HQ refused 1 bundle: the address answered with HTTP status 404" in page.message.text()
    page._on_pushed(PushResult(sent=1, acknowledged=0, refused=[(7, "hq_storage_unavailable")]), background=False)
    assert "will be sent again" in page.message.text()


def test_the_status_bar_hears_of_every_sync(page, qtbot):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    with qtbot.waitSignal(page.sync_changed, timeout=2000):
        page._on_exported(ExportResult([], 0, 0, 0))
    with qtbot.waitSignal(page.sync_changed, timeout=2000):
        page._on_pushed(PushResult(sent=1, acknowledged=1), background=True)


def test_status_values_follow_the_language_and_the_receipt_time_is_readable(page):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    from wingdesk.i18n import set_language

    page.session.sync.current = _status(last_receipt_at="2026-11-26T21:18:49Z", last_receipt_status="accepted")
    page.refresh()
    assert "2026-11-26T" not in page.receipt_value.text() and "2026" in page.receipt_value.text()
    assert "(accepted)" in page.receipt_value.text()
    try:
        set_language("sq")
        page.retranslate_ui()
        assert "bundle" not in page.pending_value.text() and "accepted" not in page.receipt_value.text()
    finally:
        set_language("en")
        page.retranslate_ui()


def _held(page, qtbot, reached, release):
    """Wait until the page's task is in the middle of its work, press Stop, and let the task go on."""
    assert reached.wait(5)
    qtbot.waitUntil(lambda: not page.stop_button.isHidden(), timeout=5000)
    assert not page.export_button.isEnabled() and not page.push_button.isEnabled()
    page.stop_button.click()
    assert page.message.text() == "Stopping…" and not page.stop_button.isEnabled()
    release.set()
    qtbot.waitUntil(lambda: not page.busy, timeout=5000)
    assert page.stop_button.isHidden() and page.progress.isHidden()


def test_stop_ends_a_write_to_the_stick_after_a_complete_file(page, qtbot, tmp_path):
    reached, release = threading.Event(), threading.Event()

    def export(root, report):
        written = []
        try:
            report(0, 3)
            written.append(WrittenBundle(1, "ab" * 32, f"{root}/1.wdb"))
            report(1, 3)
            reached.set()  # writing file 2 when Stop is pressed
            release.wait(5)
            written.append(WrittenBundle(2, "cd" * 32, f"{root}/2.wdb"))
            report(2, 3)  # the page asked to stop: this report raises
        except Cancelled:
            return ExportResult(written, 1, 0, 3, stopped=True)
        raise AssertionError("the stop was not passed on")

    page.session.sync.export = export
    page.ask_password = lambda *a: True
    page.export_button.setEnabled(True)
    page.start_export()
    _held(page, qtbot, reached, release)
    assert page.message.text().startswith("Stopped after 2 files, each written and checked. You may now remove")


def test_stop_ends_a_send_to_hq_and_says_what_reached_hq(page, qtbot):
    reached, release = threading.Event(), threading.Event()

    def push(progress):
        try:
            progress(0, 4096)
            progress(2048, 4096)  # bundle 1 sent, HQ's receipt applied
            reached.set()
            release.wait(5)
            progress(2112, 4096)  # part of bundle 2: raises, the upload is cut off
        except Cancelled:
            return PushResult(sent=1, acknowledged=1, stopped=True)
        raise AssertionError("the stop was not passed on")

    page.session.sync.push = push
    page.start_push()
    _held(page, qtbot, reached, release)
    assert page.message.text().startswith("Sending stopped after 1 bundle; HQ confirmed 1. The others wait on this PC.")


def test_a_background_push_with_nothing_to_send_shows_no_progress(page, qtbot):
    page.session.sync.push = lambda progress: PushResult()
    page.start_push(background=True)
    assert page.stop_button.isHidden()
    qtbot.waitUntil(lambda: not page.busy, timeout=5000)
    assert page.progress.isHidden() and page.stop_button.isHidden() and not page.message.isVisible()


def test_a_background_push_that_fails_mid_send_takes_its_sending_message_down(page, qtbot):
    def push(progress):
        progress(0, 4096)
        progress(1024, 4096)
        raise SyncFailed("hq_unreachable")  # the network drops during the upload

    page.session.sync.push = push
    page.start_push(background=True)
    qtbot.waitUntil(lambda: not page.busy, timeout=5000)
    assert page.progress.isHidden() and page.stop_button.isHidden() and page.message.isHidden()


def test_stop_then_a_failure_does_not_leave_stopping_on_screen(page, qtbot):
    reached, release = threading.Event(), threading.Event()

    def push(progress):
        progress(0, 4096)
        reached.set()
        release.wait(5)
        raise SyncFailed("hq_unreachable")

    page.session.sync.push = push
    page.start_push(background=True)
    assert reached.wait(5)
    qtbot.waitUntil(lambda: not page.stop_button.isHidden(), timeout=5000)
    page.stop_button.click()
    release.set()
    qtbot.waitUntil(lambda: not page.busy, timeout=5000)
    assert page.message.isHidden() or page.message.text() != "Stopping…"


def test_a_stop_holds_background_sending_back_for_an_hour(page, qtbot):
    from wingdesk.gui.pages.sync_page import PUSH_MAX_MS

    page._on_pushed(PushResult(sent=1, acknowledged=1, stopped=True), background=False)
    assert page.push_interval_ms == PUSH_MAX_MS
    assert page.message.text().endswith('Sending starts again by itself in an hour, or press "Send to HQ now".')


def test_an_hq_restored_from_a_backup_is_said_plainly_until_then(page, qtbot):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    assert page.hq_history.isHidden()
    page.session.sync.current = _status(hq_rollback_from=5, hq_rollback_to=4, hq_rollback_at="2025-03-03T08:00:00Z")
    page.refresh()
    assert not page.hq_history.isHidden() and page.hq_history.kind == "error"
    assert "restored from a backup" in page.hq_history.text() and "number 5" in page.hq_history.text()
    page._on_imported(ImportResult([FileOutcome("new.wdb", "hq_rollback", "hq_rollback")]))
    assert "went back" in page.message.text() and "may now remove the stick" in page.message.text()
