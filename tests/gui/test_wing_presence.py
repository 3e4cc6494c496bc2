"""Workflows of issue 14 items 1, 2 and 4 through the GUI: admission at the wing (with its refusals), a court
return that was overdue, an IN without an OUT, and an open roll discrepancy resolved from the home page
(domain.md scenarios 1, 2 and 12)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox

from tests.gui.pages_fixtures import demo_template, settle, tasks, wing, wing_dir  # noqa: F401
from wingdesk.domain.people import PrisonerFilter
from wingdesk.gui.entry_text import entry_fields, entry_summary
from wingdesk.gui.pages.home_page import HomePage
from wingdesk.gui.pages.prisoner_page import PrisonerPage
from wingdesk.gui.pages.prisoners_page import PrisonersPage
from wingdesk.gui.pages.wing_log_page import WingLogPage


def _nineteen() -> QDate:
    today = date.today()
    return QDate(today.year - 19, today.month, min(today.day, 28))


def _fill_admission(qtbot, dialog, number: str, born: QDate) -> None:
    form = dialog.form
    form.editors["number"].setText(number)
    form.editors["family_name_cyrillic"].insert("Бојовић")  # as typed (QTest cannot type Cyrillic keys)
    qtbot.keyClicks(form.editors["given_name"], "Ljubica")
    form.editors["date_of_birth"].setDate(born)
    form.set_values({"sex": "F", "legal_status": "REMAND", "first_time": True, "languages": "Serbian",
                     "cell": "B3-07"})


def test_supervisor_admits_a_young_first_timer(qtbot, wing, tasks):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    session = wing.sign_in("supervisor")
    page = PrisonersPage(session, tasks)
    qtbot.addWidget(page)
    page.refresh()
    settle(qtbot, tasks)
    before = page.model.count
    assert page.admit_button.isVisibleTo(page)
    dialog = page.open_admission()
    settle(qtbot, tasks)
    _fill_admission(qtbot, dialog, "N-2026-0001", _nineteen())
    form = dialog.form
    # each name is offered in the other script, from whichever the supervisor typed
    assert form.value("family_name") == "Bojović" and form.value("given_name_cyrillic") == "Љубица"
    form.editors["family_name"].setText("Bojovic")  # a correction is kept; the Cyrillic stays as typed
    assert form.value("family_name_cyrillic") == "Бојовић"
    assert dialog.groups.text() == "Special groups: Young adult (under 21), Woman, First time in custody"
    with qtbot.waitSignal(page.prisoner_requested, timeout=5000) as opened:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    settle(qtbot, tasks)
    assert page.model.count == before + 1
    admitted = session.prisoners.get(opened.args[0])
    assert (admitted.family_name, admitted.name_cyrillic, admitted.first_time) == ("Bojovic", "Љубица Бојовић", True)

    rows = [r for r in range(page.model.rowCount()) if page.model.prisoner_id(r) == admitted.id]
    assert page.model.data(page.model.index(rows[0], 5)) == "Young adult, Woman, First time"
    profile = PrisonerPage(session, tasks, admitted.id)
    qtbot.addWidget(profile)
    profile.refresh()
    settle(qtbot, tasks)
    assert profile.profile_labels["groups"][1].text() == "Young adult (under 21), Woman, First time in custody"
    assert profile.profile_labels["location"][1].text() == "On the wing"


def test_admission_refusals_save_nothing(qtbot, wing, tasks):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    session = wing.sign_in("supervisor")
    page = PrisonersPage(session, tasks)
    qtbot.addWidget(page)
    taken = session.prisoners.page(PrisonerFilter(), 0, 1)[0].number
    before = session.prisoners.count()
    dialog = page.open_admission()
    settle(qtbot, tasks)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()  # empty: the form says what is missing
    assert dialog.form.errors["date_of_birth"].text() == "Date of birth is required."
    _fill_admission(qtbot, dialog, taken, _nineteen())
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    settle(qtbot, tasks)
    assert dialog.isVisible() and dialog.form.errors["number"].text() == "Prison number is already in use."
    dialog.form.editors["number"].setText("N-2026-0002")
    dialog.form.editors["date_of_birth"].setDate(QDate.currentDate().addDays(3))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    settle(qtbot, tasks)
    assert dialog.form.errors["date_of_birth"].text() == ("A date of birth must be in the past and less than "
                                                          "120 years ago.")
    dialog.form.editors["date_of_birth"].setDate(QDate(date.today().year - 130, 1, 1))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    settle(qtbot, tasks)
    assert dialog.form.errors["date_of_birth"].isVisibleTo(dialog) and dialog.isVisible()
    assert session.prisoners.count() == before
    assert not wing.sign_in("officer").prisoners.page(PrisonerFilter()) == []
    officer_page = PrisonersPage(wing.sign_in("officer"), tasks)
    qtbot.addWidget(officer_page)
    assert not officer_page.admit_button.isVisibleTo(officer_page)


def test_overdue_court_return_then_in_and_in_without_out(qtbot, wing, tasks):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    officer = wing.sign_in("officer")
    home = HomePage(officer, tasks)
    qtbot.addWidget(home)
    home.refresh()
    settle(qtbot, tasks)
    panel = home.presence
    overdue = [panel.out_list.item(i) for i in range(panel.out_list.count())
               if panel.out_list.item(i).text().startswith("Overdue: ")]
    assert len(overdue) == 1 and "Court since" in overdue[0].text()
    late_id = overdue[0].data(Qt.ItemDataRole.UserRole)
    figures = officer.movements.roll()
    assert f"out: 2 (Court 1, Hospital 1); expected on the wing: {figures.on_roll - 2}" in panel.summary.text()
    with qtbot.waitSignal(home.prisoner_requested, timeout=2000) as opened:
        panel.out_list.itemActivated.emit(overdue[0])
    assert opened.args[0] == late_id

    log = WingLogPage(officer, tasks)
    qtbot.addWidget(log)
    log.refresh()
    settle(qtbot, tasks)
    editor = log.editor
    editor.set_entry_type("ROLL_COUNT")
    assert editor.form().value("expected") == figures.on_roll - 2  # the roll expects who is in
    at_home = next(p for p in officer.prisoners.page(PrisonerFilter(), 0, 50) if not p.location)
    editor.set_entry_type("MOVEMENT")
    # a chosen minute: the demo sessions' clock drops the milliseconds an untouched "now" box still carries
    editor.when.set_utc_iso((datetime.now(UTC) - timedelta(minutes=1)).replace(microsecond=0).isoformat())
    editor.prisoner.set_current(at_home.id)
    editor.form().set_values({"destination": "COURT", "direction": "IN"})
    entries = len(log.view.entries)
    editor.save_button.click()
    settle(qtbot, tasks)
    assert log.bar.text() == "This prisoner is not out of the wing, so there is no movement to come back from."
    assert len(log.view.entries) == entries

    editor.prisoner.set_current(late_id)
    editor.form().set_values({"destination": "COURT", "direction": "IN", "escort": "Two officers"})
    editor.save_button.click()
    settle(qtbot, tasks)
    assert len(log.view.entries) == entries + 1 and officer.movements.where(late_id) is None
    home.refresh()
    settle(qtbot, tasks)
    texts = [panel.out_list.item(i).text() for i in range(panel.out_list.count())]
    assert len(texts) == 1 and "Hospital since" in texts[0] and not texts[0].startswith("Overdue")


def test_open_discrepancy_stays_on_home_page_until_resolved(qtbot, wing, tasks):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    officer = wing.sign_in("officer")
    home = HomePage(officer, tasks)
    qtbot.addWidget(home)
    home.refresh()
    settle(qtbot, tasks)
    panel = home.presence
    assert panel.rolls.count() == 1 and panel.rolls.item(0).text().endswith("– not yet resolved")
    assert panel.rolls.item(0).text().startswith("Roll count (Informal), ")
    dialog = panel.resolve_selected()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()  # where was the prisoner? required
    assert dialog.form.errors["whereabouts"].isVisibleTo(dialog)
    dialog.form.set_values({"whereabouts": "Healthcare unit, seen by the nurse"})
    assert dialog.form.value("checked_by") == officer.user.display_name
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    settle(qtbot, tasks)
    assert not dialog.isVisible() and dialog.entry.body["whereabouts"] == "Healthcare unit, seen by the nurse"
    settle(qtbot, tasks)
    assert panel.rolls.item(0).text() == "No open roll discrepancy." and not panel.resolve_button.isEnabled()
    assert officer.movements.open_discrepancies() == []
    assert "Discrepancy not yet resolved." not in home.today_label.text()
    summary = entry_summary(dialog.entry)
    assert summary.startswith("Roll discrepancy resolved at ") and summary.endswith(
        f"Where: Healthcare unit, seen by the nurse. Checked by: {officer.user.display_name}")
    assert [label for label, _value in entry_fields(dialog.entry)] == ["Resolved at", "Where the prisoner was",
                                                                       "Checked by"]
