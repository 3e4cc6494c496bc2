"""A translation update as HQ signs it: one language, a version, and the strings it replaces.

    {"format": 1, "language": "mk", "version": 3,
     "entries": [{"id": "English text", "str": ["нов текст"]},
                 {"id": "{n} item", "plural": "{n} items", "str": ["{n} ставка", "{n} ставки"]}]}

It travels in the signed-file shape of instruments and modules (domain/instruments/signed_file) under the wrapper
`translation_file` and the purpose prefix "translation". A version replaces the earlier ones of its language as a
whole (it is not added to them). Whether each entry may replace a string is rules.refusal's question, asked against
the program that reads it: an entry this program does not accept is skipped, never the cause of a crash.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from wingdesk.domain.errors import ValidationError
from wingdesk.domain.translations.rules import NPLURALS, SHIPPED, Refusal, refusal

FORMAT = 1
WRAPPER = "translation_file"
MAX_BYTES = 1024 * 1024  # of the document, and of the signed file around it (with its signature)
MAX_ENTRIES = 5000
MAX_VERSION = 2**31 - 1


class TranslationError(ValidationError):
    """A translation update refused as a whole; `code` picks the sentence."""

    code = "translation_malformed"


@dataclass(frozen=True)
class Entry:
    msgid: str
    plural: str | None
    forms: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {"id": self.msgid, **({"plural": self.plural} if self.plural is not None else {}),
                "str": list(self.forms)}


@dataclass(frozen=True)
class TranslationDocument:
    language: str
    version: int
    entries: tuple[Entry, ...]

    def as_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "language": self.language, "version": self.version,
                "entries": [e.as_json() for e in self.entries]}


def parse_document(raw: Any) -> TranslationDocument:
    """The document's structure (TranslationError when it is not one); the entries are checked by `accepted`."""
    if not isinstance(raw, dict) or set(raw) != {"format", "language", "version", "entries"}:
        raise TranslationError("translation_malformed")
    if raw["format"] != FORMAT:
        raise TranslationError("translation_malformed")
    if raw["language"] not in SHIPPED:
        raise TranslationError("translation_language")
    version = raw["version"]
    if type(version) is not int or not 1 <= version <= MAX_VERSION:
        raise TranslationError("translation_malformed")
    items = raw["entries"]
    if not isinstance(items, list) or len(items) > MAX_ENTRIES:
        raise TranslationError("translation_too_large", limit=MAX_BYTES // 1024)
    entries, seen = [], set()
    for item in items:
        if not isinstance(item, dict) or not {"id", "str"} <= set(item) <= {"id", "plural", "str"}:
            raise TranslationError("translation_malformed")
        msgid, plural, forms = item["id"], item.get("plural"), item["str"]
        if not isinstance(msgid, str) or not (plural is None or isinstance(plural, str)) or \
                not isinstance(forms, list) or not all(isinstance(f, str) for f in forms) or msgid in seen:
            raise TranslationError("translation_malformed")
        seen.add(msgid)
        entries.append(Entry(msgid, plural, tuple(forms)))
    return TranslationDocument(raw["language"], version, tuple(entries))


def accepted(document: TranslationDocument, template: Mapping[str, str | None]
             ) -> tuple[dict[str, tuple[str, ...]], list[tuple[Entry, Refusal]]]:
    """The entries this program may use (msgid -> forms) and those it may not, each with why."""
    kept: dict[str, tuple[str, ...]] = {}
    refused: list[tuple[Entry, Refusal]] = []
    for entry in document.entries:
        why = refusal(entry.msgid, entry.plural, entry.forms, template, NPLURALS[document.language])
        if why is None:
            kept[entry.msgid] = entry.forms
        else:
            refused.append((entry, why))
    return kept, refused
