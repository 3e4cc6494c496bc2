"""One search key for names and text, whatever the script, case or diacritics they were typed in.

Serbian and Macedonian Cyrillic is transliterated to Latin, then case and diacritics are folded, so "Ђорђе",
"Đorđe", "đorđe" and "djordje" share one key ("djordje"), as do "Петровић", "Petrović" and "Petrovic", "LJUBIŠA"
and "ljubisa", "Thaçi" and "thaci". Digraphs need no rule of their own: љ → lj, њ → nj, џ → dz, and Latin
"dž" folds to "dz" when its caron goes. The roster, the prisoner pickers and full-text search all compare keys made
here (the prisoners' column `name_key`, schema v17; the records' search index), so no two of them fold differently.
"""

from __future__ import annotations

import re
import unicodedata

# Serbian and Macedonian Cyrillic (Macedonian ѓ/ќ as in its official romanisation gj/kj), then the few Russian and
# Ukrainian letters a name written abroad may carry.
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "dj", "ѓ": "gj", "е": "e", "ж": "z", "з": "z",
    "ѕ": "dz", "и": "i", "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "ћ": "c", "ќ": "kj", "у": "u", "ф": "f", "х": "h", "ц": "c",
    "ч": "c", "џ": "dz", "ш": "s",
    "й": "j", "ё": "e", "э": "e", "ы": "y", "я": "ja", "ю": "ju", "щ": "sc", "ь": "", "ъ": "", "і": "i",
    "ї": "ji", "є": "je", "ґ": "g", "ѐ": "e", "ѝ": "i",
}
# Latin letters whose base letter alone would lose a sound: đ is "dj" to everyone who types without it, and the
# Macedonian Latin ǵ/ḱ are the gj/kj of ѓ/ќ.
_LATIN = {"đ": "dj", "ǵ": "gj", "ḱ": "kj", "ß": "ss", "æ": "ae", "ø": "o", "ł": "l", "ı": "i",
          "'": "", "’": "", "ʼ": "", "`": ""}  # O'Brien, D’Amico: typed with or without the apostrophe
_TABLE = str.maketrans({**_CYRILLIC, **_LATIN})
# every combining mark (accents left by decomposition), dropped in one C-level pass
_MARKS = [c for c in range(0x300, 0x20FF + 1) if unicodedata.combining(chr(c))] + list(range(0xFE20, 0xFE30))
_NOT_WORD = re.compile(r"[^0-9a-z]+")
# the same marks as one regular expression: dropping them this way is a C-level scan, where str.translate looks up a
# dict for every character (restoring 100k records from HQ spent ~0.7 s making their search keys)
_MARK_RUNS = re.compile("[" + "".join(f"\\U{c:08x}" for c in _MARKS) + "]+")
# in ASCII text only the apostrophe and the backtick of the tables above do anything, and every other character
# that is not [0-9a-z] separates words: one translate and a split do what the steps below do to such text
_ASCII_APOSTROPHES = "'`"
_ASCII_WORDS = str.maketrans({chr(c): None if chr(c) in _ASCII_APOSTROPHES else " " for c in range(128)
                              if not ("0" <= chr(c) <= "9" or "a" <= chr(c) <= "z")})


def name_key(text: str) -> str:
    """Lower-case Latin letters and digits in words separated by single spaces; every other character goes."""
    if text.isascii():  # NFC, NFKD and the marks change nothing here, and casefold is lower (tested against both)
        return " ".join(text.lower().translate(_ASCII_WORDS).split())
    lowered = unicodedata.normalize("NFC", text).casefold().translate(_TABLE)
    bare = _MARK_RUNS.sub("", unicodedata.normalize("NFKD", lowered))
    if bare.isascii():  # a compatibility form may decompose to an ASCII apostrophe (U+FF07): dropped as typed ones
        return " ".join(bare.translate(_ASCII_WORDS).split())
    return _NOT_WORD.sub(" ", bare.translate(_TABLE)).strip()


def key_words(text: str, limit: int = 12) -> list[str]:
    """The text's words as keys (at most `limit`), in the order typed, without repeats."""
    return list(dict.fromkeys(name_key(text).split()))[:limit]


def query_terms(text: str, limit: int = 12) -> list[tuple[str, str]]:
    """Each word typed (split at spaces) as (its key, itself lower-cased): the key is looked for in a name key,
    the word itself in a prison number or cell ("N-4" is the number N-4, not any name with an "n" and a "4")."""
    terms = [(name_key(word), word.casefold()) for word in text.split()]
    return list(dict.fromkeys((key, word) for key, word in terms if key))[:limit]


def prisoner_name_key(given: str, family: str, cyrillic: str | None) -> str:
    """The stored key for a prisoner: every word of the Latin and the Cyrillic name, once each."""
    return " ".join(key_words(f"{given} {family} {cyrillic or ''}", limit=64))


def matches(text: str, key: str, number: str = "", cell: str = "") -> bool:
    """Whether every word typed is in the name key, the number or the cell (the pickers' test; the roster's SQL in
    storage.prisoners_repo asks the same)."""
    terms = query_terms(text)
    number, cell = number.casefold(), cell.casefold()
    return bool(terms) and all(k in key or w in number or w in cell for k, w in terms)
