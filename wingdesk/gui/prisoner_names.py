"""A prisoner's name as every screen and print shows it: in the script of the user's language (Cyrillic in sr and mk
when the prisoner has a Cyrillic name, as the roster does), with the prison number where a list needs it."""

from __future__ import annotations

from wingdesk.domain.name_display import shown_name
from wingdesk.domain.people import Prisoner
from wingdesk.i18n import _, current_language


def prisoner_name(p: Prisoner) -> str:
    return shown_name(p, current_language())


def prisoner_label(p: Prisoner) -> str:
    """"Петровић, Марко (A-1001)" in sr and mk, "Petrović, Marko (A-1001)" elsewhere."""
    return _("{name} ({number})").format(name=prisoner_name(p), number=p.number)
