"""Serbian and Macedonian Cyrillic ↔ Latin, letter for letter, as the two alphabets are officially paired.

Used to offer a prisoner's name in the other script at admission; the officer can correct the offer (a name's
own Latin spelling is not always the transliteration, e.g. "Jovanović" for "Јовановић" is, "Schmidt" is not).
Serbian Latin is Gaj's alphabet (ђ đ, ћ ć, љ lj, њ nj, џ dž); Macedonian Latin uses ѓ gj, ќ kj, ѕ dz.
"""

from __future__ import annotations

_SERBIAN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "đ", "е": "e", "ж": "ž", "з": "z", "и": "i", "ј": "j",
    "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "ћ": "ć", "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "č", "џ": "dž", "ш": "š",
}
_MACEDONIAN = {**{k: v for k, v in _SERBIAN.items() if k not in "ђћ"}, "ѓ": "gj", "ќ": "kj", "ѕ": "dz"}
_ANY_CYRILLIC = {**_SERBIAN, **_MACEDONIAN}  # no letter differs between the two: Cyrillic to Latin is one table
SCRIPTS = ("sr", "mk")


def _table(language: str) -> dict[str, str]:
    """Latin to Cyrillic follows the language (Macedonian "gj" is ѓ, Serbian "gj" is гј); a Serbian name's
    đ and ć keep their Serbian letters in Macedonian too."""
    return {**_MACEDONIAN, "ђ": "đ", "ћ": "ć"} if language == "mk" else _SERBIAN


def _match_case(latin: str, source: str, next_upper: bool) -> str:
    if not source.isupper():
        return latin
    return latin.upper() if next_upper or len(latin) == 1 else latin[0].upper() + latin[1:]


def has_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def to_latin(text: str, language: str = "sr") -> str:
    """Cyrillic letters to Latin ("Љубиша" → "Ljubiša", "ЉУБИША" → "LJUBIŠA"), Serbian and Macedonian letters
    alike (`language` is kept for symmetry with to_cyrillic); other characters stay."""
    table = _ANY_CYRILLIC
    out = []
    for i, ch in enumerate(text):
        latin = table.get(ch.lower())
        if latin is None:
            out.append(ch)
            continue
        following = text[i + 1] if i + 1 < len(text) else ""
        previous = text[i - 1] if i else ""
        out.append(_match_case(latin, ch, following.isupper() or (not following.isalpha() and previous.isupper())))
    return "".join(out)


def to_cyrillic(text: str, language: str = "sr") -> str:
    """Latin letters to Cyrillic, digraphs first ("Ljubiša" → "Љубиша", "Džeko" → "Џеко"); other characters stay.

    Latin digraphs are ambiguous in a few words (Serbian "nadživeti" is н-а-д-ж, not н-а-џ); names rarely hit
    this, and the offer can be corrected.
    """
    reverse = {latin: cyr for cyr, latin in _table(language).items()}
    longest = max(len(k) for k in reverse)
    out, i = [], 0
    while i < len(text):
        for size in range(longest, 0, -1):
            piece = text[i:i + size]
            cyr = reverse.get(piece.lower()) if len(piece) == size else None
            if cyr is not None:
                out.append(cyr.upper() if piece[0].isupper() else cyr)
                i += size
                break
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def other_script(text: str, language: str = "sr") -> str:
    """The name in the other script: Latin for a Cyrillic text, Cyrillic for a Latin one."""
    return to_latin(text, language) if has_cyrillic(text) else to_cyrillic(text, language)
