"""The Learning page (issue 18 item 2): the user's required and optional modules, opening one, the knowledge check
with feedback and a completion recorded in the user's name; supervisors see their team, officers do not."""

from __future__ import annotations

from tests.gui.pages_fixtures import demo_template, settle, shown_page, tasks, wing, wing_dir  # noqa: F401
from tests.module_packages import package
from wingdesk.domain.canonical import canonical_bytes
from wingdesk.gui.pages.learning_page import LearningPage


def _install(wing):  # noqa: F811
    wing.sign_in("admin").modules.install_shipped([canonical_bytes(package(required_for=("officer",)))])


def _page(qtbot, tasks, session):  # noqa: F811
    return shown_page(qtbot, tasks, LearningPage, session)


def _row(page, module_id):
    return next(n for n, item in enumerate(page.items) if item.module_id == module_id)


def test_an_officer_takes_a_required_module_and_it_is_recorded(qtbot, wing, tasks):  # noqa: F811
    _install(wing)
    officer = wing.sign_in("officer")
    page = _page(qtbot, tasks, officer)
    row = _row(page, "wd.test_module")
    assert page.modules.item(row, 1).text() == "Required" and page.modules.item(row, 2).text() == "To do"
    assert page.tabs.count() == 1  # no team tab for an officer
    page.modules.selectRow(row)
    page.open_selected()
    assert page.dialog is None  # read and rendered on a worker first: the UI thread does not wait for it
    settle(qtbot, tasks)
    dialog = page.dialog
    assert dialog.browser.toPlainText().startswith("Objective writing")
    dialog.questions[0].group.button(0).setChecked(True)
    dialog.check_answers()
    assert "Answer every question" in dialog.outcome.text()  # nothing sent with a question unanswered
    dialog.questions[1].group.button(1).setChecked(True)
    dialog.check_answers()
    settle(qtbot, tasks)
    assert dialog.questions[1].feedback.text() == "✗ No: this is why not." and "Try once more" not in \
        dialog.outcome.text() and "Right answers: 1 of 2." in dialog.outcome.text()
    dialog.questions[1].group.button(0).setChecked(True)
    dialog.check_answers()
    settle(qtbot, tasks)
    assert "recorded and signed in your name" in dialog.outcome.text()
    settle(qtbot, tasks)
    assert page.modules.item(_row(page, "wd.test_module"), 2).text() == "Done"
    assert dialog.browser.refused == []  # the package's own picture loaded, nothing else was asked for


def test_the_supervisor_sees_the_team(qtbot, wing, tasks):  # noqa: F811
    _install(wing)
    page = _page(qtbot, tasks, wing.sign_in("supervisor"))
    names = {page.team_table.item(r, 0).text(): r for r in range(page.team_table.rowCount())}
    assert page.tabs.count() == 2 and len(names) == 7  # everyone but the supervisor and the administrator
    assert page.team_table.item(names["Arben Krasniqi"], 2).text() == "0 of 4"  # three shipped + the test module
    assert page.team_table.item(names["Amra Hodžić"], 2).text() == "0 of 1"  # radicalisation awareness only


def test_the_home_page_reminds_of_required_training_until_it_is_done(qtbot, wing, tasks):  # noqa: F811
    from wingdesk.gui.pages.home_page import HomePage

    _install(wing)
    officer = wing.sign_in("officer")
    home = shown_page(qtbot, tasks, HomePage, officer)
    assert home.training.isVisible()
    text = home.training.accessibleName()
    assert text.startswith("Required training not done yet:") and "Title en" in text
    assert "Writing objective observations" in text  # the shipped modules the officer's role requires too
    with qtbot.waitSignal(home.page_requested) as opened:
        home.training.linkActivated.emit("#learning")
    assert opened.args == ["learning"]
    officer.learning.check("wd.test_module", 1, "en", [0, 0])
    home.refresh()
    settle(qtbot, tasks)
    assert "Title en" not in home.training.accessibleName()  # done: no longer reminded


def test_each_role_is_reminded_of_what_it_requires_and_the_administrator_of_nothing(qtbot, wing, tasks):  # noqa: F811
    from wingdesk.gui.pages.home_page import HomePage

    _install(wing)
    for user in ("admin", "psychologist"):
        home = HomePage(wing.sign_in(user), tasks)
        qtbot.addWidget(home)
        home.refresh()
        settle(qtbot, tasks)
        if user == "psychologist":  # treatment staff: radicalisation awareness only, not the test module
            text = home.training.accessibleName()
            assert "Radicalisation awareness without bias" in text and "Title en" not in text
            continue
        assert not home.training.isVisibleTo(home)


def test_a_module_that_cannot_be_shown_is_said_in_one_sentence(qtbot, wing, tasks):  # noqa: F811
    page = _page(qtbot, tasks, wing.sign_in("officer"))
    page.open_module("wd.not_installed")
    settle(qtbot, tasks)
    assert page.dialog is None and page.progress.text().endswith("is not installed on this wing.")
