"""Objective-language checks for observations: labels and religion-only content (domain.md §2.3)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class WordList:
    labels: tuple[str, ...] = ()
    religion: tuple[str, ...] = ()
    behaviour: tuple[str, ...] = ()


@dataclass(frozen=True)
class WordingWarning:
    code: str  # "label" or "religion_only"
    words: tuple[str, ...] = field(default=())


def fold(text: str) -> str:
    """Case- and diacritic-insensitive form: officers often type "sifra" for "šifra"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("đ", "dj")


def _matches(tokens: list[str], terms: tuple[str, ...]) -> list[str]:
    hits = []
    for raw in terms:
        term = fold(raw).replace("'", "").replace("’", "")
        if term.endswith("*"):
            stem = term[:-1]
            hits += [t for t in tokens if t.startswith(stem)]
        else:
            hits += [t for t in tokens if t == term]
    return hits


def check_wording(text: str, lists: list[WordList]) -> list[WordingWarning]:
    """Warn on labelling words, and when religious practice is the only content described."""
    tokens = [fold(t) for t in _WORD.findall(text.replace("'", "").replace("’", ""))]
    labels: list[str] = []
    religion: list[str] = []
    behaviour: list[str] = []
    for wl in lists:
        labels += _matches(tokens, wl.labels)
        religion += _matches(tokens, wl.religion)
        behaviour += _matches(tokens, wl.behaviour)
    warnings = []
    if labels:
        warnings.append(WordingWarning("label", tuple(dict.fromkeys(labels))))
    quoted = any(q in text for q in ('"', "“", "„", "«", "»"))
    if religion and not behaviour and not quoted:
        warnings.append(WordingWarning("religion_only", tuple(dict.fromkeys(religion))))
    return warnings
