"""Screenshots of name search (gui.screenshots): the roster searched in the other script, and the Ctrl+F window."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from wingdesk.domain.name_key import name_key
from wingdesk.domain.people import PrisonerFilter
from wingdesk.gui import navigation

if TYPE_CHECKING:
    from wingdesk.gui.main_window import MainWindow
    from wingdesk.gui.tasks import TaskRunner
    from wingdesk.services.wing import WingServices


def search_word(session: WingServices) -> str | None:
    """A family name of the demo wing, as someone types it without diacritics in Latin letters, whose prisoner is
    listed in Cyrillic in sr and mk (worker thread)."""
    if not navigation.can_read_prisoners(session.user.role):
        return None
    words = [name_key(p.family_name) for p in session.prisoners.page(PrisonerFilter(), 0, 200) if p.name_cyrillic]
    for word in words[:10]:  # one whose records this role may read, so the search window shows some
        if session.search.search(word, limit=1):
            return word
    return words[0] if words else None


def grab_search(window: MainWindow, tasks: TaskRunner, word: str | None, folder: Path, role: str,
                settle: Any, grab: Any) -> None:
    """`{role}-prisoners_search.png` (roster filtered by `word`) and `{role}-search.png` (Ctrl+F with `word`)."""
    if not word:
        return
    page: Any = window.show_page("prisoners")
    window.stack.setCurrentWidget(page)  # the prisoner page may be in front, with the list still chosen
    page.search_edit.setText(word)
    page.apply_filter()  # now, not after the typing pause
    settle(tasks)
    grab(window, folder / f"{role}-prisoners_search.png")
    page.search_edit.clear()
    page.apply_filter()
    settle(tasks)
    window.search_records()
    dialog = window.search_dialog
    dialog.resize(1000, 560)
    dialog.query.setText(word)
    dialog.search()
    settle(tasks)
    grab(dialog, folder / f"{role}-search.png")
    dialog.hide()
