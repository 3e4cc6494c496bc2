"""How a prisoner's name is shown in a list: in Serbian and Macedonian (Cyrillic) the Cyrillic name when there is
one, so the list reads in the script it is sorted by (domain.collation); otherwise the Latin name."""

from __future__ import annotations

from wingdesk.domain.name_key import prisoner_name_key
from wingdesk.domain.people import Prisoner

CYRILLIC_LANGUAGES = ("sr", "mk")


def shown_name(p: Prisoner, language: str) -> str:
    """"Family, Given" in the language's script: "Петровић, Марко" in sr and mk, "Petrović, Marko" elsewhere."""
    if language in CYRILLIC_LANGUAGES and p.name_cyrillic and p.name_cyrillic.split():
        parts = p.name_cyrillic.split()  # stored in the order written: given name(s), then the family name
        return f"{parts[-1]}, {' '.join(parts[:-1])}" if len(parts) > 1 else parts[0]
    return p.display_name


def other_script_name(p: Prisoner, language: str) -> str | None:
    """The name in the script the list does not show (for a tooltip), if the prisoner has it."""
    if not p.name_cyrillic:
        return None
    return p.display_name if shown_name(p, language) != p.display_name else p.name_cyrillic


def pick_key(p: Prisoner) -> tuple[str, str, str]:
    """What a picker matches typed text against (domain.name_key.matches): the name in both scripts as a key, the
    number and the cell."""
    return prisoner_name_key(p.given_name, p.family_name, p.name_cyrillic), p.number, p.cell or ""
