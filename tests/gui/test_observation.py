"""Recording an observation from anywhere with Ctrl+N, wording hints before saving, and the key-press budget."""

import warnings

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from wingdesk.gui.dialogs.observation_dialog import ObservationDialog
from wingdesk.gui.main_window import MainWindow
from wingdesk.gui.widgets.record_card import RecordCard

FACTS = 'At 14:20 in the yard he told a new arrival: "You sit with us now or you sit alone."'
ASSESSMENT = "Looks like pressure on a first-timer; worth a conversation."


class KeyCounter:
    """Counts key presses other than typed text (the brief's budget is ≤ 8)."""

    def __init__(self, qtbot):
        self.qtbot, self.count = qtbot, 0

    def press(self, widget, key, modifier=Qt.KeyboardModifier.NoModifier):
        self.count += 1
        self.qtbot.keyClick(widget, key, modifier)

    def type(self, widget, text):
        self.qtbot.keyClicks(widget, text)


def _focus(qtbot):
    return QApplication.focusWidget()


def _window(qtbot, session, tasks, settings):
    window = MainWindow(session, tasks, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(window)  # offscreen windows are not activated by the platform
    return window


def test_ctrl_n_record_and_see_it_on_the_prisoner_page(qtbot, sign_in, tasks, settings):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    session = sign_in("officer")
    window = _window(qtbot, session, tasks, settings)
    tasks.wait()
    keys = KeyCounter(qtbot)
    keys.press(window.nav, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window._observation_dialog
    assert isinstance(dialog, ObservationDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.picker.roster_count() == 40, timeout=5000)
    assert _focus(qtbot) is dialog.picker
    keys.type(dialog.picker, "Morina")
    keys.press(dialog.picker, Qt.Key.Key_Return)
    assert dialog.picker.prisoner_id
    assert _focus(qtbot) is dialog.category
    keys.press(dialog.category, Qt.Key.Key_7)
    assert dialog.category.currentData() == "PRESSURE_ON_OTHERS"
    assert dialog.polarity.currentData() == "CONCERN"
    assert _focus(qtbot) is dialog.facts
    keys.type(dialog.facts, FACTS)
    keys.press(dialog.facts, Qt.Key.Key_Tab)
    assert _focus(qtbot) is dialog.assessment
    keys.type(dialog.assessment, ASSESSMENT)
    with qtbot.waitSignal(dialog.observation_saved, timeout=5000) as saved:
        keys.press(dialog.assessment, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    record = saved.args[0]
    print(f"\nkey presses besides typed text: {keys.count}")
    assert keys.count <= 8
    assert record.body["what_seen_heard"] == FACTS and record.body["officer_assessment"] == ASSESSMENT
    assert session.observations.get(record.id).prisoner_id == dialog.picker.prisoner_id
    window.open_prisoner(record.prisoner_id)
    page = window.prisoner_page
    qtbot.waitUntil(lambda: any(c.record.id == record.id for c in page.findChildren(RecordCard)), timeout=5000)
    assert "Morina" in page.heading.text()


def test_wording_hints_show_while_typing_and_hold_the_first_save(qtbot, sign_in, tasks):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    session = sign_in("officer")
    prisoner = session.prisoners.page()[0]
    dialog = ObservationDialog(session, tasks, prisoner.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.picker.prisoner_id == prisoner.id, timeout=5000)
    qtbot.keyClicks(dialog.facts, "He seems radicalised, prays a lot")
    qtbot.waitUntil(dialog.warning_label.isVisible, timeout=3000)
    assert "radicalised" in dialog.warning_label.text()
    assert "prays" in dialog.warning_label.text()
    saved = []
    dialog.observation_saved.connect(saved.append)
    qtbot.keyClick(dialog.facts, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    tasks.wait()
    QApplication.processEvents()
    assert not saved and dialog.save_button.text() == "Save anyway"
    with qtbot.waitSignal(dialog.observation_saved, timeout=5000):
        qtbot.keyClick(dialog.facts, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_missing_prisoner_or_facts_are_reported_inline(qtbot, sign_in, tasks):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    dialog = ObservationDialog(sign_in("officer"), tasks)
    qtbot.addWidget(dialog)
    dialog.save()
    assert dialog.error_label.text() == "Choose a prisoner."
    assert not tasks.busy or tasks.wait()


def test_record_text_cannot_be_copied(qtbot, sign_in, tasks):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    dialog = ObservationDialog(sign_in("officer"), tasks)
    qtbot.addWidget(dialog)
    dialog.facts.setPlainText("secret words")
    dialog.facts.selectAll()
    clipboard = QApplication.clipboard()
    clipboard.setText("before")
    qtbot.keyClick(dialog.facts, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard.text() == "before"
    assert not dialog.facts.createMimeDataFromSelection().hasText()
    for widget in dialog.rows.values():
        assert widget.accessibleName()


def test_ctrl_n_on_a_prisoner_page_preselects_that_prisoner(qtbot, sign_in, tasks, settings):
    session = sign_in("supervisor")
    window = _window(qtbot, session, tasks, settings)
    prisoner = session.prisoners.page()[3]
    window.open_prisoner(prisoner.id)
    qtbot.keyClick(window.prisoner_page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window._observation_dialog
    qtbot.waitUntil(lambda: dialog.picker.prisoner_id == prisoner.id, timeout=5000)
    assert prisoner.number in dialog.picker.text()
    dialog.reject()


def test_esc_asks_before_throwing_typed_words_away(qtbot, sign_in, tasks, monkeypatch):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    from wingdesk.gui.dialogs import observation_dialog

    dialog = ObservationDialog(sign_in("officer"), tasks)
    qtbot.addWidget(dialog)
    answers, asked = [False], []
    monkeypatch.setattr(observation_dialog, "ask_yes_no", lambda *args: asked.append(args[2]) or answers[0])
    dialog.show()
    dialog.reject()  # nothing typed: closes without a question
    assert not asked and not dialog.isVisible()
    dialog.show()
    dialog.facts.setPlainText("Quiet all morning, then asked twice about his transfer")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked and dialog.isVisible()  # 'Cancel' kept the words
    answers[0] = True
    dialog.reject()
    assert not dialog.isVisible()


def test_an_observation_written_up_later_keeps_when_it_happened(qtbot, sign_in, tasks):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    from datetime import UTC, datetime, timedelta

    session = sign_in("officer")
    prisoner = session.prisoners.page()[0]

    def written(when=None):
        dialog = ObservationDialog(session, tasks, prisoner.id)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.picker.prisoner_id == prisoner.id, timeout=5000)
        dialog.facts.setPlainText(FACTS)
        if when is not None:
            dialog.when.setDateTime(dialog.when.dateTime().addSecs(when))
        return dialog

    dialog = written(-2 * 3600)  # seen in the yard two hours ago, written up now
    assert dialog.form.labelForField(dialog.when).text() == "Happened a&t"
    with qtbot.waitSignal(dialog.observation_saved, timeout=5000) as saved:
        dialog.save()
    record = saved.args[0]
    occurred, recorded = datetime.fromisoformat(record.occurred_at), datetime.fromisoformat(record.recorded_at)
    assert timedelta(hours=1, minutes=58) < recorded - occurred < timedelta(hours=2, minutes=2)
    untouched = written()
    with qtbot.waitSignal(untouched.observation_saved, timeout=5000) as saved:
        untouched.save()
    assert abs(datetime.fromisoformat(saved.args[0].occurred_at) - datetime.now(UTC)) < timedelta(minutes=1)
    future = written(3 * 3600)
    future.save()
    qtbot.waitUntil(future.error_label.isVisible, timeout=5000)
    assert "Happened at" in future.error_label.text() and future.save_button.isEnabled()


def test_tab_walks_from_the_source_through_the_time_to_the_place(qtbot, sign_in, tasks):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    dialog = ObservationDialog(sign_in("officer"), tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    dialog.source.setFocus()
    qtbot.keyClick(dialog.source, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: _focus(qtbot) is dialog.when, timeout=2000)
    qtbot.keyClick(dialog.when, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: _focus(qtbot) is dialog.where, timeout=2000)
