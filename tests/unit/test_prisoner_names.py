"""Inbox, daily summary, pickers and prints name a prisoner in the script the roster shows (issue 14 item 8)."""

import pytest

from wingdesk import i18n
from wingdesk.domain.people import Prisoner
from wingdesk.gui.prisoner_names import prisoner_label

MARKO = Prisoner("p1", "A-1001", "B1", "Marko", "Petrović", "M", "SENTENCED", name_cyrillic="Марко Петровић")
ANA = Prisoner("p2", "A-1002", "B1", "Ana", "Hoxha", "F", "REMAND")


@pytest.mark.parametrize(("language", "marko"), [
    ("en", "Petrović, Marko (A-1001)"), ("sq", "Petrović, Marko (A-1001)"), ("sr_Latn", "Petrović, Marko (A-1001)"),
    ("sr", "Петровић, Марко (A-1001)"), ("mk", "Петровић, Марко (A-1001)"),
])
def test_a_name_is_shown_in_the_script_of_the_language(language, marko):
    try:
        i18n.set_language(language)
        assert prisoner_label(MARKO) == marko
        assert prisoner_label(ANA) == "Hoxha, Ana (A-1002)"  # no Cyrillic name: the Latin one in every language
    finally:
        i18n.set_language("en")
