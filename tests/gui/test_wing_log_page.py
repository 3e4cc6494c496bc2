"""The officer's wing log page: start shift, accept handover, roll count with discrepancy, movement, submit."""

from __future__ import annotations

import warnings

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from tests.gui.pages_fixtures import demo_template, settle, tasks, wing, wing_dir  # noqa: F401
from wingdesk.domain.daily_log import DayState
from wingdesk.gui.pages.wing_log_page import WingLogPage


def test_officer_shift_roll_movement_submit(qtbot, wing, tasks):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    officer = wing.sign_in("officer")
    page = WingLogPage(officer, tasks)
    qtbot.addWidget(page)
    page.confirm = lambda *args: True
    # a fresh day nobody has logged yet: tomorrow is in the future, so use a past day left OPEN
    day = QDate.currentDate().addDays(-30)
    page.day_edit.setMinimumDate(day)
    page.day_edit.setDate(day)
    settle(qtbot, tasks)
    assert page.view.day.state is DayState.OPEN and not page.view.entries
    assert not page.editor.isEnabled()

    page.shift_panel.shift_combo.setCurrentIndex(page.shift_panel.shift_combo.findData("EARLY"))
    page.shift_panel.start_button.click()
    settle(qtbot, tasks)
    assert page.my_shift() is not None and page.shift_panel.handover_box.isVisibleTo(page)

    handover = page.shift_panel.handover
    handover.set_values({"outgoing_officer": "Night officer", "roll": 48, "open_issues": "Cell 12 light broken",
                         "prisoners_of_concern": "Cell 4 on hourly checks", "keys_equipment": "Set 3, radio 2"})
    page.shift_panel.accept_button.click()
    settle(qtbot, tasks)
    assert page.shift_panel.ready() and page.editor.isEnabled()

    editor = page.editor
    editor.when.setDateTime(editor.when.dateTime().addDays(-30))
    editor.set_entry_type("ROLL_COUNT")
    form = editor.form()
    # before anyone has counted, no red "48 prisoners missing": it asks for the count
    assert editor.roll_label.text() == "Enter the number you counted: the difference from the roll shows here."
    form.set_values({"roll_kind": "FORMAL", "expected": 48, "counted": 47})
    assert editor.discrepancy() == -1
    assert "1" in editor.roll_label.text() and "OPEN" in editor.roll_label.text()
    form.set_value("resolution", "Prisoner at healthcare, confirmed by phone.")
    editor.save_button.click()
    settle(qtbot, tasks)
    roll = [e for e in page.view.entries if e.body["entry_type"] == "ROLL_COUNT"]
    assert roll and roll[0].body["counted"] == 47 and roll[0].body.get("resolved_at")

    editor.set_entry_type("MOVEMENT")
    editor.when.setDateTime(editor.when.dateTime().addDays(-30))
    editor.save_button.click()  # no prisoner chosen: refused inline
    assert editor.prisoner_error.isVisibleTo(editor)
    editor.prisoner.setCurrentIndex(1)
    editor.form().set_values({"destination": "COURT", "direction": "OUT", "escort": "Two officers"})
    editor.save_button.click()
    settle(qtbot, tasks)
    moves = [e for e in page.view.entries if e.body["entry_type"] == "MOVEMENT"]
    assert moves and moves[0].prisoner_id and moves[0].body["destination"] == "COURT"
    assert page.model.rowCount() == 3  # handover, roll count, movement

    late_row = page.model.row_of(moves[0].id)
    assert "Late" in page.model.flags_text(page.model.record(late_row))  # recorded today for a past day

    page.submit_button.click()
    settle(qtbot, tasks)
    assert page.view.day.state is DayState.SUBMITTED
    assert not page.editor.isEnabled() and not page.submit_button.isEnabled()


def test_the_prisoner_saved_is_the_one_the_box_shows(qtbot, wing, tasks):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    """Picking a prisoner and then typing another name over it must not save the first one; text that names no
    single prisoner is refused; a unique part of a name (accents ignored) is enough."""
    from wingdesk.domain.wording import fold as _folded
    from wingdesk.gui.widgets.prisoner_picker import PrisonerPicker

    officer = wing.sign_in("officer")
    picker = PrisonerPicker(officer, tasks, optional=True)
    qtbot.addWidget(picker)
    picker.refresh()
    settle(qtbot, tasks)
    first, second = list(picker.prisoners.values())[:2]
    picker.set_current(first.id)
    assert picker.current_id() == first.id and not picker.unresolved()

    picker.setEditText(second.number)  # typed over the chosen one: the typed prisoner, not the chosen one
    assert picker.current_id() == second.id

    picker.setEditText("no such prisoner zz")
    assert picker.current_id() is None and picker.unresolved()

    family = second.display_name.split(",")[0]
    unique = [p for p in picker.prisoners.values() if _folded(family) in _folded(f"{p.display_name} — {p.number}")]
    picker.setEditText(family.upper())
    assert picker.current_id() == (second.id if len(unique) == 1 else None)

    picker.set_current(None)
    assert picker.current_id() is None and not picker.unresolved()  # "(no prisoner)" is a choice, not an error
    assert _folded("Sehić Đorđe") == "sehic djordje"


def test_tab_walks_every_field_of_every_entry_type_then_add_entry(qtbot, wing, tasks):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    """Keyboard-only entry: from 'Happened at', Tab visits each field of the chosen entry type in order and then
    'Add entry' - date and time boxes included, which Tab used never to leave."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from wingdesk.domain.kinds.wing_log import ENTRY_FIELDS
    from wingdesk.gui.widgets.entry_editor import EntryEditor

    editor = EntryEditor(wing.sign_in("officer"), tasks)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    for code in ("MOVEMENT", "INCIDENT", "CELL_CHANGE", "ROLL_COUNT"):
        if code not in ENTRY_FIELDS:
            continue
        editor.set_entry_type(code)
        expected = [*editor.form().tab_chain(), editor.save_button]
        editor.when.setFocus()
        qtbot.waitUntil(lambda: editor.when.hasFocus(), timeout=2000)
        visited = []
        for _ in expected:
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            visited.append(QApplication.focusWidget())
        owners = [w if w in expected else next((e for e in expected if e.isAncestorOf(w)), w) for w in visited]
        assert owners == expected, code


def test_a_log_entry_never_takes_a_list_choice_nobody_made(qtbot, wing, tasks):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    """An incident saved without choosing its type was an 'Assault'; a movement's direction was 'Out'."""
    from wingdesk.gui.widgets.entry_editor import EntryEditor

    editor = EntryEditor(wing.sign_in("officer"), tasks)
    qtbot.addWidget(editor)
    editor.set_entry_type("INCIDENT")
    form = editor.form()
    assert form.value("incident_type") is None
    form.set_value("description", "Scuffle at the servery")
    saved = []
    editor.save_requested.connect(lambda *args: saved.append(args))
    editor._on_save()
    assert not saved and form.errors["incident_type"].text()
    form.set_value("incident_type", form.fields[0].choices[0])
    editor._on_save()
    assert len(saved) == 1 and saved[0][1]["incident_type"] == form.fields[0].choices[0]
    form.clear()
    assert form.value("incident_type") is None  # the next incident asks again


def test_an_untouched_time_is_the_time_of_saving(qtbot, wing, tasks, monkeypatch):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    """'Happened at' kept the time the page was opened: an entry saved a minute later got the old minute."""
    from PySide6.QtCore import QDateTime

    from wingdesk.gui.widgets import entry_editor as module
    from wingdesk.gui.widgets.entry_editor import EntryEditor

    opened = QDateTime.currentDateTime()
    editor = EntryEditor(wing.sign_in("officer"), tasks)
    qtbot.addWidget(editor)
    editor.set_entry_type("GENERAL")
    editor.form().set_value("text", "Landing quiet")
    later = opened.addSecs(125)
    monkeypatch.setattr(module.QDateTime, "currentDateTime", staticmethod(lambda: later))
    saved = []
    editor.save_requested.connect(lambda *args: saved.append(args[3]))
    editor._on_save()
    assert saved[-1] == later.toPython().astimezone().astimezone(module.UTC).isoformat()

    chosen = opened.addSecs(-3600)  # a time the officer set is kept as it is
    editor.when.setDateTime(chosen)
    editor.form().set_value("text", "Earlier: yard closed")
    editor._on_save()
    assert saved[-1] == chosen.toPython().astimezone().astimezone(module.UTC).isoformat()


def test_an_officer_corrects_their_own_entry_of_the_open_day(qtbot, wing, tasks):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    officer = wing.sign_in("officer")
    page = WingLogPage(officer, tasks)
    qtbot.addWidget(page)
    page.refresh()
    settle(qtbot, tasks)
    assert page.is_open()  # today, in the demo wing: the early shift's entries are in
    mine = next(e for e in page.view.entries if e.author_id == officer.user.id)
    theirs = next(e for e in page.view.entries if e.author_id != officer.user.id)
    page.table.selectRow(page.model.row_of(theirs.id))
    assert not page.correct_button.isEnabled()  # another officer's entry: not mine to correct
    page.table.selectRow(page.model.row_of(mine.id))
    assert page.correct_button.isEnabled() and page.correct_button.text() == "&Correct entry…"
    page.correct_button.click()
    dialog = page._correction_dialog
    assert dialog.isVisible() and dialog.focusWidget() is dialog.text
    dialog.save()
    assert dialog.error.text() == "Write the correction first." and dialog.isVisible()
    dialog.text.setPlainText("The time was 07:10, not 07:00.")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(dialog)  # offscreen windows are not activated by the platform
    with qtbot.waitSignal(dialog.accepted, timeout=5000):  # Ctrl+Enter saves
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, tasks)
    assert page.bar.text() == "Correction added below the entry."
    assert page._selected().id == mine.id  # selected again, now with its correction
    assert "The time was 07:10, not 07:00." in page.detail.toPlainText()
    assert "Amendment by Arben Krasniqi" in page.detail.toPlainText()
    [corrected] = [e for e in page.view.entries if e.id == mine.id]
    assert corrected.body == mine.body  # the original stays as it was


def test_the_next_roll_count_starts_empty_and_a_count_equal_to_the_last_still_shows_its_discrepancy(qtbot, wing, tasks):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    from wingdesk.gui.widgets.entry_editor import EntryEditor

    editor = EntryEditor(wing.sign_in("officer"), tasks)
    qtbot.addWidget(editor)
    editor.set_entry_type("ROLL_COUNT")
    form = editor.form()
    form.set_values({"roll_kind": "FORMAL", "expected": 48, "counted": 47})
    assert "Discrepancy: 1 prisoner missing" in editor.roll_label.text()
    editor.saved()  # stored; the form is cleared for the next count
    assert form.value("counted") == 0 and form.value("expected") == 48
    assert editor.roll_label.text().startswith("Enter the number you counted")
    form.editors["counted"].setValue(47)
    assert "Discrepancy: 1 prisoner missing" in editor.roll_label.text()
    editor.saved()
    editor._on_save()  # a count left at 0 is not a count: refused, not stored as "0 counted"
    assert form.errors["counted"].text()
