"""Auto-lock after idle time on a monotonic clock: database closed, views destroyed, clipboard cleared."""

import shiboken6
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from wingdesk.gui.app_controller import AppController


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def _signed_in(qtbot, sign_in, tasks, settings, username="officer"):
    controller = AppController(None, tasks, settings)
    controller.quit_on_close = False
    controller.show_login = lambda username="": setattr(controller, "login_again", True)
    session = sign_in(username)
    controller._on_signed_in(session)
    qtbot.addWidget(controller.window)
    clock = FakeClock()
    controller.guard.clock = clock
    controller.guard.last_activity = controller.guard.started = clock.now
    return controller, session, clock


def _settle(tasks):
    """Background tasks done and their results delivered (the idle lock waits for running tasks)."""
    tasks.wait()
    QApplication.processEvents()


def _flush_deletes():
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


def test_idle_lock_closes_the_database_and_destroys_the_views(qtbot, sign_in, tasks, settings):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    controller, session, clock = _signed_in(qtbot, sign_in, tasks, settings)
    window = controller.window
    _settle(tasks)
    pages = list(window.pages.values())
    assert controller.guard.idle_seconds == session.users.idle_lock_seconds() == 300
    clock.now += 299
    controller.guard.check()
    assert not session.locked
    clock.now += 2
    controller.guard.check()
    assert session.locked
    assert controller.window is None and controller.guard is None
    assert getattr(controller, "login_again", False)
    _flush_deletes()
    assert not shiboken6.isValid(window)
    assert not any(shiboken6.isValid(p) for p in pages)


def test_input_resets_the_idle_clock(qtbot, sign_in, tasks, settings):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    controller, session, clock = _signed_in(qtbot, sign_in, tasks, settings)
    clock.now += 250
    qtbot.keyClick(controller.window.nav, Qt.Key.Key_Down)
    clock.now += 100
    controller.guard.check()
    assert not session.locked
    assert controller.guard.idle_for() == 100
    controller.guard.lock()


def test_lock_clears_the_clipboard_we_wrote(qtbot, sign_in, tasks, settings):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    controller, session, _clock = _signed_in(qtbot, sign_in, tasks, settings)
    QApplication.clipboard().setText("copied in WingDesk")
    controller.guard._wrote_clipboard = controller.guard._wrote_clipboard or QApplication.clipboard().ownsClipboard()
    controller.guard._wrote_clipboard = True
    controller.lock_now()
    assert session.locked
    assert QApplication.clipboard().text() == ""


def test_sessions_end_after_twelve_hours_even_when_busy(qtbot, sign_in, tasks, settings):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    controller, session, clock = _signed_in(qtbot, sign_in, tasks, settings)
    _settle(tasks)
    for _hour in range(12):
        clock.now += 3600
        controller.guard.last_activity = clock.now
        controller.guard.check()
    assert session.locked


def test_a_copy_made_in_wingdesk_is_cleared_after_ten_seconds(qtbot, sign_in, tasks, settings):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    """security.md §2.4: copies of record text do not outlive 10 s; what another program copied is left alone."""
    controller, session, _clock = _signed_in(qtbot, sign_in, tasks, settings)
    guard = controller.guard
    assert guard.clipboard_timer.interval() == 10_000
    guard.clipboard_timer.setInterval(50)
    clipboard = QApplication.clipboard()
    ours = [True]
    guard._copy_is_ours = lambda: ours[0]  # offscreen, the application never has the focus

    clipboard.setText("Observation text copied in WingDesk")
    assert guard.clipboard_timer.isActive()
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=2000)

    clipboard.setText("copied in WingDesk")
    ours[0] = False
    clipboard.setText("copied in another program afterwards")
    qtbot.wait(150)
    assert clipboard.text() == "copied in another program afterwards"
    controller.lock_now()


def test_the_idle_lock_waits_for_a_running_task(qtbot, sign_in, tasks, settings):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    """Locking in the middle of an export would hide whether the stick may be pulled: the idle lock waits."""
    controller, session, clock = _signed_in(qtbot, sign_in, tasks, settings)
    busy = [True]
    controller.guard.busy = lambda: busy[0]
    clock.now += 300 + 60
    controller.guard.check()
    assert not session.locked
    busy[0] = False
    controller.guard.check()
    assert session.locked


def test_a_task_that_hangs_cannot_keep_the_session_open(qtbot, sign_in, tasks, settings):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    controller, session, clock = _signed_in(qtbot, sign_in, tasks, settings)
    controller.guard.busy = lambda: True
    clock.now += 300 + 599
    controller.guard.check()
    assert not session.locked
    clock.now += 2
    controller.guard.check()
    assert session.locked


def test_locking_with_a_half_written_observation_asks_nothing(qtbot, sign_in, tasks, settings, monkeypatch):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    """The observation dialog asks before Esc discards typed words; a lock must stay instant all the same."""
    from wingdesk.gui.dialogs import observation_dialog

    asked = []
    monkeypatch.setattr(observation_dialog, "ask_yes_no", lambda *args: asked.append(args) or False)
    controller, session, _clock = _signed_in(qtbot, sign_in, tasks, settings)
    controller.window.record_observation()
    controller.window._observation_dialog.facts.setPlainText("Asked twice about his transfer")
    controller.lock_now()
    assert session.locked and not asked


def test_an_observation_being_written_at_the_lock_comes_back_to_its_author_only(qtbot, sign_in, tasks, settings):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    """The idle lock (5 minutes) must not cost an officer called away the observation they were writing."""
    controller, session, clock = _signed_in(qtbot, sign_in, tasks, settings)
    _settle(tasks)
    prisoner = session.prisoners.page()[2]
    controller.window.record_observation()
    dialog = controller.window._observation_dialog
    dialog.picker.select(prisoner.id)
    dialog.category.setCurrentIndex(dialog.category.findData("NEEDS_REQUEST"))
    dialog.facts.setPlainText("Asked twice about his transfer, then went quiet")
    dialog.where.setText("Landing 2")
    dialog.when.setDateTime(dialog.when.dateTime().addSecs(-1800))
    chosen = dialog.when.dateTime().toString("yyyy-MM-dd HH:mm")
    _settle(tasks)  # the idle lock waits for running tasks (the prisoner list loading)
    clock.now += 301
    controller.guard.check()  # the idle lock
    assert session.locked
    _flush_deletes()

    other, _session, _clock = _signed_in(qtbot, sign_in, tasks, settings, "officer2")
    _settle(tasks)
    assert other.window._observation_dialog is None  # not shown to the next person at this PC
    other.lock_now()
    _flush_deletes()

    again, _session, _clock = _signed_in(qtbot, sign_in, tasks, settings)
    _settle(tasks)
    back = again.window._observation_dialog
    assert back is not None and back.isVisible()
    qtbot.waitUntil(lambda: back.picker.prisoner_id == prisoner.id, timeout=5000)
    assert back.facts.toPlainText() == "Asked twice about his transfer, then went quiet"
    assert back.where.text() == "Landing 2" and back.category.currentData() == "NEEDS_REQUEST"
    assert back.when.dateTime().toString("yyyy-MM-dd HH:mm") == chosen and not back.when.is_now
    assert back.hint.text().startswith("You were writing this when WingDesk locked (")
    with qtbot.waitSignal(back.observation_saved, timeout=5000) as saved:
        back.save()
    assert saved.args[0].body["where"] == "Landing 2"
    again.lock_now()
    _flush_deletes()
    last, _session, _clock = _signed_in(qtbot, sign_in, tasks, settings)
    _settle(tasks)
    assert last.window._observation_dialog is None  # given back once


def test_a_wing_log_entry_being_written_at_the_lock_comes_back_on_the_log_page(qtbot, sign_in, tasks, settings):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    controller, session, clock = _signed_in(qtbot, sign_in, tasks, settings)
    page = controller.window.show_page("wing_log")
    _settle(tasks)
    _settle(tasks)
    assert page.editor.isEnabled()  # the demo officer's early shift is running
    page.editor.set_entry_type("GENERAL")
    page.editor.form().set_values({"text": "Water leak on landing 2, maintenance called"})
    prisoner = next(iter(page.editor.prisoner.prisoners))
    page.editor.prisoner.set_current(prisoner)
    _settle(tasks)
    clock.now += 301
    controller.guard.check()
    assert session.locked
    _flush_deletes()

    again, _session, _clock = _signed_in(qtbot, sign_in, tasks, settings)
    _settle(tasks)
    _settle(tasks)
    page = again.window.pages.get("wing_log")
    assert page is not None and again.window.current_key() == "wing_log"
    qtbot.waitUntil(lambda: page.editor.prisoner.current_id() == prisoner, timeout=5000)
    assert page.editor.entry_type() == "GENERAL"
    assert page.editor.form().value("text") == "Water leak on landing 2, maintenance called"
    assert page.bar.text().startswith("You were writing this entry when WingDesk locked (")
    assert again.window._observation_dialog is None  # no observation was being written


def test_a_failure_keeping_the_draft_never_stops_the_lock(qtbot, sign_in, tasks, settings):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    import sqlcipher3

    controller, session, clock = _signed_in(qtbot, sign_in, tasks, settings)
    _settle(tasks)
    controller.window.record_observation()
    controller.window._observation_dialog.facts.setPlainText("Asked twice about his transfer")
    _settle(tasks)

    def broken_keep(form, fields):
        raise sqlcipher3.DatabaseError("database disk image is malformed")  # not a WingError

    session.drafts.keep = broken_keep
    clock.now += 301
    controller.guard.check()
    assert session.locked  # database closed, keys wiped, window gone all the same


def test_a_draft_taken_at_sign_in_and_locked_again_before_it_shows_is_kept_again(qtbot, sign_in, tasks, settings):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    first = sign_in("officer")
    first.drafts.keep("observation", {"what_seen_heard": "Asked twice about his transfer"})
    first.lock()
    controller, _session, _clock = _signed_in(qtbot, sign_in, tasks, settings)
    controller.switch_user()  # straight after signing in, before the window shows the draft
    QApplication.processEvents()
    _flush_deletes()
    again, _s2, _c = _signed_in(qtbot, sign_in, tasks, settings)
    _settle(tasks)
    back = again.window._observation_dialog
    assert back is not None and back.facts.toPlainText() == "Asked twice about his transfer"


def test_a_resumed_draft_keeps_the_time_it_was_written_not_the_time_it_is_finished(qtbot, sign_in, tasks, settings):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    import json
    from datetime import UTC, datetime, timedelta

    from wingdesk.domain.records import iso

    first = sign_in("officer")
    prisoner = first.prisoners.page()[2]
    written_at = first.ctx.clock.now() - timedelta(hours=20)  # locked at the end of yesterday's shift
    kept = {"prisoner_id": prisoner.id, "what_seen_heard": "Asked twice about his transfer",
            "category": "NEEDS_REQUEST", "happened_at": None}  # as an older WingDesk kept it: no time
    first.ctx.repo.put_draft(first.user.id, "observation", json.dumps(kept), iso(written_at))
    first.lock()
    controller, _session, _clock = _signed_in(qtbot, sign_in, tasks, settings)
    _settle(tasks)
    back = controller.window._observation_dialog
    qtbot.waitUntil(lambda: back.picker.prisoner_id == prisoner.id, timeout=5000)
    back._checked_text, back.warnings = back._texts(), []
    with qtbot.waitSignal(back.observation_saved, timeout=5000) as saved:
        back.save()
    assert saved.args[0].occurred_at <= iso(written_at)
    controller.window.record_observation()  # and a new draft keeps its time even when it was left at "now"
    dialog = controller.window._observation_dialog
    dialog.facts.setPlainText("Quiet")
    fields = dialog.draft_fields()
    assert abs(datetime.fromisoformat(fields["happened_at"]) - datetime.now(UTC)) < timedelta(minutes=1)


def test_an_observation_being_saved_at_the_lock_is_not_kept_as_a_draft_too(qtbot, sign_in, tasks, settings):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    """Kept as well, it would be offered again after it was stored: saving it again would make a duplicate."""
    controller, _session, _clock = _signed_in(qtbot, sign_in, tasks, settings)
    _settle(tasks)
    controller.window.record_observation()
    dialog = controller.window._observation_dialog
    dialog.facts.setPlainText("Asked twice about his transfer")
    assert dialog.draft_fields() is not None
    dialog.save_button.setEnabled(False)  # what save() does while the record is being stored
    assert dialog.draft_fields() is None


def test_locking_stops_a_send_to_hq_that_is_still_running(qtbot, sign_in, tasks, settings):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    """A send to HQ still running when the supervisor locks is told to stop at its next part, instead of going on
    against a closed database (its receipts could not be stored any more)."""
    import threading

    from wingdesk.services.progress import Cancelled
    from wingdesk.services.sync_types import PushResult

    controller, session, _clock = _signed_in(qtbot, sign_in, tasks, settings, "supervisor")
    page = controller.window.show_page("sync")
    _settle(tasks)
    sending, ended = threading.Event(), []

    def push(progress):
        try:
            for part in range(10_000):  # a slow link: a part every 10 ms
                progress(part, 10_000)
                sending.set()
                threading.Event().wait(0.01)
        except Cancelled:
            ended.append("stopped")
            return PushResult(sent=0, stopped=True)
        ended.append("finished")
        return PushResult()

    session.sync.push = push
    page.start_push()
    assert sending.wait(5)
    controller.lock_now()
    assert session.locked
    assert tasks.wait(5000) and ended == ["stopped"]
    QApplication.processEvents()
    _flush_deletes()
