"""Sort keys for names in the region's alphabets (Latin and Cyrillic), comparable as plain text.

Each language's alphabet order (with its digraphs: lj, nj, dž in Gaj's Latin; dh, gj, ll, nj, rr, sh, th, xh, zh
in Albanian) becomes a code-point sequence, so SQLite's binary comparison sorts like a person of that language
would: "Čolić" after "Cvijić", "Đurić" after "Džeko", "Ljubić" after "Lukić".
"""

from __future__ import annotations

import unicodedata

GAJ = "a b c č ć d dž đ e f g h i j k l lj m n nj o p r s š t u v z ž".split()
ALBANIAN = "a b c ç d dh e ë f g gj h i j k l ll m n nj o p q r rr s sh t th u v x xh y z zh".split()
ENGLISH = "a b c d e f g h i j k l m n o p q r s t u v w x y z".split()
SERBIAN_CYRILLIC = "а б в г д ђ е ж з и ј к л љ м н њ о п р с т ћ у ф х ц ч џ ш".split()
MACEDONIAN = "а б в г д ѓ е ж з ѕ и ј к л љ м н њ о п р с т ќ у ф х ц ч џ ш".split()

# Which alphabet each UI language sorts by, and which script comes first for names in the other script.
ALPHABETS = {"en": [ENGLISH, SERBIAN_CYRILLIC], "sq": [ALBANIAN, SERBIAN_CYRILLIC],
             "sr_Latn": [GAJ, SERBIAN_CYRILLIC], "bs": [GAJ, SERBIAN_CYRILLIC], "hr": [GAJ, SERBIAN_CYRILLIC],
             "cnr": [GAJ, SERBIAN_CYRILLIC], "sr": [SERBIAN_CYRILLIC, GAJ], "mk": [MACEDONIAN, GAJ]}
KEY_COLUMNS = {"en": "sort_en", "sq": "sort_sq", "sr_Latn": "sort_gaj", "bs": "sort_gaj", "hr": "sort_gaj",
               "cnr": "sort_gaj", "sr": "sort_sr", "mk": "sort_mk"}
_BASE = 0x4E00  # keys are built from a block of plain code points far above any letter


def _table(alphabets: list[list[str]]) -> tuple[dict[str, int], int]:
    table: dict[str, int] = {}
    for alphabet in alphabets:
        for letter in alphabet:
            table.setdefault(letter, len(table) + 1)
    return table, max(len(letter) for alphabet in alphabets for letter in alphabet)


_TABLES = {lang: _table(alphabets) for lang, alphabets in ALPHABETS.items()}


def sort_key(text: str, language: str) -> str:
    """A text whose binary order is the language's alphabetical order of `text` (case-insensitive)."""
    table, longest = _TABLES.get(language, _TABLES["en"])
    folded = unicodedata.normalize("NFC", text.casefold().strip())
    out, i = [], 0
    while i < len(folded):
        for size in range(longest, 0, -1):
            piece = folded[i:i + size]
            if len(piece) == size and piece in table:
                out.append(chr(_BASE + table[piece]))
                i += size
                break
        else:
            ch = folded[i]
            if ch.isspace() or ch in ",-'’.":
                out.append(" ")  # word separators sort before every letter
            else:
                base = unicodedata.normalize("NFD", ch)[0]  # é -> e when the alphabet lacks é
                out.append(chr(_BASE + table[base]) if base in table else chr(_BASE + 0x1000 + ord(ch)))
            i += 1
    return "".join(out)


def name_keys(family: str, given: str, cyrillic: str | None) -> dict[str, str]:
    """Sort-key columns for a prisoner: Cyrillic-script languages sort by the Cyrillic name when there is one."""
    keys = {}
    for language, column in KEY_COLUMNS.items():
        if column in keys:
            continue
        if language in ("sr", "mk") and cyrillic:
            parts = cyrillic.split()
            text = " ".join(parts[-1:] + parts[:-1])  # "Марко Петровић" -> "Петровић Марко"
        else:
            text = f"{family} {given}"
        keys[column] = sort_key(text, language)
    return keys
