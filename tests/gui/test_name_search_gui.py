"""Names in the GUI: the roster in Cyrillic for sr/mk (shown as sorted), pickers across scripts, Ctrl+F search."""

from wingdesk.domain.collation import sort_key
from wingdesk.domain.name_key import name_key
from wingdesk.domain.people import PrisonerFilter
from wingdesk.gui.dialogs.search_dialog import SearchDialog
from wingdesk.gui.main_window import MainWindow
from wingdesk.gui.pages.prisoners_page import PrisonersPage
from wingdesk.gui.widgets.prisoner_picker import PrisonerPicker
from wingdesk.gui.widgets.prisoner_quick_pick import PrisonerQuickPick
from wingdesk.i18n import set_language


def _cyrillic_prisoner(session):
    return next(p for p in session.prisoners.page(PrisonerFilter(), 0, 1000) if p.name_cyrillic)


def _roster_names(qtbot, page):
    with qtbot.waitSignal(page.model.counted, timeout=5000):
        page.refresh()
    return [page.model.data(page.model.index(r, 1)) for r in range(page.model.rowCount())]


def test_serbian_and_macedonian_show_the_cyrillic_names_they_sort_by(qtbot, sign_in, tasks):
    session = sign_in("officer")
    page = PrisonersPage(session, tasks)
    qtbot.addWidget(page)
    english = _roster_names(qtbot, page)
    cyrillic = _cyrillic_prisoner(session)
    assert f"{cyrillic.family_name}, {cyrillic.given_name}" in english
    for language in ("sr", "mk"):
        set_language(language)
        shown = _roster_names(qtbot, page)
        family, given = cyrillic.name_cyrillic.split()[-1], " ".join(cyrillic.name_cyrillic.split()[:-1])
        assert f"{family}, {given}" in shown
        assert shown == sorted(shown, key=lambda n: sort_key(n.replace(",", ""), language)), language
    set_language("en")


def test_the_roster_box_finds_a_name_typed_in_the_other_script(qtbot, sign_in, tasks):
    session = sign_in("officer")
    cyrillic = _cyrillic_prisoner(session)
    page = PrisonersPage(session, tasks)
    qtbot.addWidget(page)
    _roster_names(qtbot, page)
    typed = cyrillic.family_name.upper()  # the Latin name, upper-case: finds the prisoner listed in Cyrillic
    with qtbot.waitSignal(page.model.counted, timeout=5000):
        page.search_edit.setText(name_key(cyrillic.name_cyrillic.split()[-1]))  # ASCII only, no diacritics
    ids = [page.model.prisoner_id(r) for r in range(page.model.rowCount())]
    assert cyrillic.id in ids
    with qtbot.waitSignal(page.model.counted, timeout=5000):
        page.search_edit.setText(typed)
    assert cyrillic.id in [page.model.prisoner_id(r) for r in range(page.model.rowCount())]


def test_pickers_match_across_scripts_and_diacritics(qtbot, sign_in, tasks):
    session = sign_in("officer")
    cyrillic = _cyrillic_prisoner(session)
    picker = PrisonerPicker(session, tasks)
    qtbot.addWidget(picker)
    with qtbot.waitSignal(picker.loaded, timeout=5000):
        picker.refresh()
    quick = PrisonerQuickPick(session, tasks)
    qtbot.addWidget(quick)
    qtbot.waitUntil(lambda: quick.roster_count() > 0, timeout=5000)
    cyr_given, cyr_family = " ".join(cyrillic.name_cyrillic.split()[:-1]), cyrillic.name_cyrillic.split()[-1]
    for typed in (f"{cyr_family} {cyr_given}", name_key(cyrillic.family_name + " " + cyrillic.given_name)):
        picker.setEditText(typed)
        assert picker.current_id() == cyrillic.id, typed
        assert cyrillic.id in [pid for _label, pid in quick.matches(typed)], typed
    quick.show()
    quick.setFocus()
    quick.insert(cyr_family)  # typed (QTest types ASCII only): offers the Latin-listed prisoner in the popup
    assert any(cyrillic.family_name in label for label in quick.completer_.labels.stringList())
    assert quick.completer_.popup().isVisible()


def test_ctrl_f_searches_readable_records_and_opens_the_prisoner(qtbot, sign_in, tasks, settings):
    session = sign_in("officer")
    cyrillic = _cyrillic_prisoner(session)
    session.observations.record(cyrillic.id, "NEEDS_REQUEST", "NEUTRAL", "Asked for a Ljubičasta notebook")
    window = MainWindow(session, tasks, settings)
    qtbot.addWidget(window)
    window.show()
    assert window.search_action.shortcut().toString() == "Ctrl+F" and window.search_action.isVisible()
    window.search_action.trigger()
    dialog = window.search_dialog
    assert isinstance(dialog, SearchDialog) and dialog.isVisible()
    for typed in ("ЉУБИЧАСТА", "ljubicasta", cyrillic.name_cyrillic.split()[-1] + " notebook"):
        dialog.query.setText(typed)
        dialog.search()
        qtbot.waitUntil(lambda: dialog.status.text() == "1 record found", timeout=5000)
        assert "Ljubičasta" in dialog.table.item(0, 3).text()
    with qtbot.waitSignal(dialog.prisoner_requested, timeout=1000) as opened:
        dialog.table.itemActivated.emit(dialog.table.item(0, 0))
    assert opened.args == [cyrillic.id]
    assert window.current_key() == "prisoner"


def test_search_is_not_offered_to_a_role_that_may_not_read_prisoners(qtbot, sign_in, tasks, settings):
    window = MainWindow(sign_in("admin"), tasks, settings)
    qtbot.addWidget(window)
    assert not window.search_action.isVisible() and not window.search_action.isEnabled()
    window.search_records()
    assert window.search_dialog is None
