"""Code-list document JSON -> CodeList, or one CodeListError naming the first thing wrong (`where` is a path such as
`entries[2].label.mk`, never a label's text). Nothing is repaired or guessed: a refused document changes nothing.

    {"format": 1, "list": "step_types", "version": 2,
     "entries": [{"code": "ANGER_MANAGEMENT", "label": {"en": "Anger management", "mk": "..."}},
                 {"code": "OLD_PROGRAMME", "label": {"en": "..."}, "retired": true}]}
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from types import MappingProxyType
from typing import Any

from wingdesk.domain import codes
from wingdesk.domain.code_lists.model import FALLBACK, FORMAT, LISTS, CodeEntry, CodeList, CodeListError
from wingdesk.domain.instruments.model import LANGUAGES
from wingdesk.domain.instruments.parse import json_object, loads_json

WRAPPER = "code_list_file"  # the signed file: {"code_list_file": statement, "sig": ...} (instruments/signed_file)
MAX_BYTES = 256 * 1024
MAX_ENTRIES = 200
MAX_LABEL = 100
MAX_VERSION = 2**31 - 1
_CODE = re.compile(r"[A-Z][A-Z0-9_]{1,39}", re.ASCII)  # fullmatch: 2 to 40 characters, a letter first
_TOP = {"format", "list", "version", "entries"}
_NOT_TEXT = ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")  # control, format (bidi overrides), unassigned, line breaks


def loads(data: bytes) -> dict[str, Any]:
    return loads_json(data, MAX_BYTES, "code_list", CodeListError)


@cache
def builtin_codes() -> frozenset[str]:
    """Every code the program already shows a label for (domain/codes.py and every record kind's choices): an
    added code must be none of them, or it would read with the built-in label of another list."""
    from wingdesk.domain.kinds import KINDS

    found = {code for value in vars(codes).values() if isinstance(value, tuple)
             for code in value if isinstance(code, str)}
    for spec in KINDS.values():
        fields = [*spec.fields, *(f for nested in spec.nested.values() for f in nested),
                  *(f for sub in spec.subtypes.values() for f in sub)]
        found.update(choice for f in fields for choice in f.choices)
        found.update(spec.subtypes)
        found.update(spec.labels)
    return frozenset(found)


def _object(value: Any, where: str, required: set[str], optional: frozenset[str] = frozenset()) -> dict[str, Any]:
    return json_object(value, where, required, optional, "code_list", CodeListError)


def _label(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise CodeListError("code_list_bad_value", where=where)
    if len(value) > MAX_LABEL:
        raise CodeListError("code_list_text_too_long", where=where, limit=MAX_LABEL)
    if any(unicodedata.category(ch) in _NOT_TEXT for ch in value):
        raise CodeListError("code_list_control_chars", where=where)
    return value


def _entry(value: Any, where: str, builtin: frozenset[str], seen: set[str]) -> CodeEntry:
    item = _object(value, where, {"code", "label"}, frozenset({"retired"}))
    code = item["code"]
    if not isinstance(code, str) or not _CODE.fullmatch(code):
        raise CodeListError("code_list_bad_code", where=f"{where}.code")
    if code in builtin:
        raise CodeListError("code_list_builtin_code", where=f"{where}.code")
    if code in seen:
        raise CodeListError("code_list_duplicate_code", where=f"{where}.code")
    seen.add(code)
    labels = item["label"]
    if not isinstance(labels, dict):
        raise CodeListError("code_list_bad_value", where=f"{where}.label")
    for language in sorted(labels):
        if language not in LANGUAGES:
            raise CodeListError("code_list_unknown_language", where=f"{where}.label")
    if FALLBACK not in labels:
        raise CodeListError("code_list_no_english", where=f"{where}.label")
    clean = {lang: _label(labels[lang], f"{where}.label.{lang}") for lang in LANGUAGES if lang in labels}
    retired = item.get("retired", False)
    if not isinstance(retired, bool):
        raise CodeListError("code_list_bad_value", where=f"{where}.retired")
    return CodeEntry(code, MappingProxyType(clean), retired)


def parse_code_list(raw: dict[str, Any]) -> CodeList:
    """The validated document (raw: from `loads`)."""
    top = _object(raw, "", _TOP)
    if top["format"] != FORMAT or isinstance(top["format"], bool):
        raise CodeListError("code_list_format_unknown", format=str(top["format"])[:20], supported=FORMAT)
    name = top["list"]
    if not isinstance(name, str) or name not in LISTS:
        raise CodeListError("code_list_unknown_list", lists=", ".join(sorted(LISTS)))
    version = top["version"]
    if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= MAX_VERSION:
        raise CodeListError("code_list_bad_value", where="version")
    entries = top["entries"]
    if not isinstance(entries, list) or not entries:
        raise CodeListError("code_list_bad_value", where="entries")
    if len(entries) > MAX_ENTRIES:
        raise CodeListError("code_list_too_many", limit=MAX_ENTRIES)
    builtin, seen = builtin_codes() | frozenset(LISTS[name]), set[str]()
    return CodeList(name, version, tuple(_entry(e, f"entries[{n}]", builtin, seen) for n, e in enumerate(entries)))


def parse_bytes(data: bytes) -> CodeList:
    return parse_code_list(loads(data))
