"""Which translated strings an HQ translation update may replace (docs/publishing.md, "Translation updates").

A string is replaced only when its English text (msgid) exists in the program's own catalogue and the new text
keeps the shape the program formats it with: the same placeholders in name and kind (`{name}`, `{0}`, `{}`,
`%(name)s`, `%s`, `%d`…), the Qt shortcut marker `&` when the English has one, the number of plural forms the
language has, no control characters, and a bounded length. The same check runs at HQ before signing, on the wing
before storing and again when the wing layers the update over its shipped catalogue, so a bad entry can never
reach a `.format()` call.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

# the languages WingDesk ships a catalogue for, and how many plural forms each has (their Plural-Forms headers)
NPLURALS = {"sq": 2, "sr": 3, "sr_Latn": 3, "bs": 3, "hr": 3, "mk": 2, "cnr": 3}
SHIPPED = tuple(NPLURALS)
MIN_LIMIT, MAX_LIMIT = 200, 4000  # a text may be 4 times its English, at least 200 and at most 4000 characters
# a printf-style field; without the space flag, so that "50% of" and "{percent}% right" are plain text
_PERCENT = re.compile(r"%(?:\((?P<name>[^)]*)\))?[#0+-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?"
                      r"(?P<conv>[diouxXeEfFgGcrsa%])")
_MNEMONIC = re.compile(r"&[^&\s]")
_BIDI = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A)) | {0x200E, 0x200F, 0x061C}

# refusal codes (the console and the wing name each with one sentence)
UNKNOWN, PLURALS, PLACEHOLDERS, MNEMONIC, CONTROL, TOO_LONG, EMPTY = (
    "unknown", "plural_count", "placeholders", "mnemonic", "control", "too_long", "empty")


@dataclass(frozen=True)
class Refusal:
    code: str
    params: dict[str, Any] = field(default_factory=dict)


def shape(text: str) -> tuple[Any, ...]:
    """What a format call sees in `text`: its `{}` fields (name, conversion, spec) as a sorted list, or "invalid"
    when str.format would fail on it; its `%(name)x` fields sorted; its positional `%x` conversions in order."""
    try:
        braces: Any = tuple(sorted((name, conv or "", spec or "") for _lit, name, spec, conv
                                   in string.Formatter().parse(text) if name is not None))
    except ValueError:
        braces = "invalid"
    named, positional = [], []
    for match in _PERCENT.finditer(text):
        if match["conv"] == "%":
            continue
        if match["name"] is not None:
            named.append((match["name"], match["conv"]))
        else:
            positional.append(match["conv"])
    return braces, tuple(sorted(named)), tuple(positional)


def has_mnemonic(text: str) -> bool:
    return bool(_MNEMONIC.search(text.replace("&&", "")))


def limit_for(source: str) -> int:
    return min(MAX_LIMIT, max(MIN_LIMIT, 4 * len(source)))


def _controlled(text: str) -> bool:
    return any((unicodedata.category(c) == "Cc" and c != "\n") or ord(c) in _BIDI for c in text)


def refusal(msgid: str, plural: str | None, forms: Sequence[str], template: Mapping[str, str | None],
            nplurals: int) -> Refusal | None:
    """None when `forms` may replace the translation of `msgid` (with `plural`, its English plural, or None),
    else why not. `template` maps each msgid of the program's catalogue to its English plural (or None)."""
    if msgid not in template or template[msgid] != plural:
        return Refusal(UNKNOWN)
    if not forms or not all(isinstance(f, str) and f for f in forms):
        return Refusal(EMPTY)
    expected = 1 if plural is None else nplurals
    if len(forms) != expected:
        return Refusal(PLURALS, {"got": len(forms), "expected": expected})
    shapes = {shape(msgid)} if plural is None else {shape(msgid), shape(plural)}
    limit = limit_for(plural if plural is not None and len(plural) > len(msgid) else msgid)
    for text in forms:
        if _controlled(text):
            return Refusal(CONTROL)
        if len(text) > limit:
            return Refusal(TOO_LONG, {"limit": limit})
        if shape(text) not in shapes:
            return Refusal(PLACEHOLDERS, {"expected": placeholders_of(plural or msgid)})
        if has_mnemonic(msgid) and not has_mnemonic(text):
            return Refusal(MNEMONIC)
    return None


def placeholders_of(text: str) -> str:
    """The placeholders of `text` as written, for a refusal ("{n}, {name}"; "none")."""
    found = [f"{{{name}}}" for _lit, name, _spec, _conv in _safe_parse(text) if name is not None]
    found += [m.group(0) for m in _PERCENT.finditer(text) if m["conv"] != "%"]
    return ", ".join(dict.fromkeys(found)) or "–"


def _safe_parse(text: str) -> list[tuple[str, str | None, str | None, str | None]]:
    try:
        return list(string.Formatter().parse(text))
    except ValueError:
        return []
