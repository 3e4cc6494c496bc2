"""Which translated strings an HQ translation update may replace (docs/publishing.md, "Translation updates").

A string is replaced only when its English text (msgid) exists in the program's own catalogue and the new text
keeps the shape the program formats it with: the same placeholders in name and kind (`{name}`, `{0}`, `{}`,
`%(name)s`, `%s`, `%d`…; auto-numbered `{}` fields and positional `%` fields in their order), the markup of the
English text exactly (its tags `<…>`, comments `<!-- -->` and entities `&name;` in the same order: a label shows a
text with a tag as rich text, so a translation could otherwise hide a placeholder in a comment or restyle a
warning), the Qt shortcut marker `&` when the English has one, the number of plural forms the language has, no
control or invisible formatting characters, and a bounded length. A few security-critical texts (PROTECTED: the
HQ key fingerprint, the confirmation codes read out by phone, the erasure and deletion confirmations) may never be
replaced. The same check runs at HQ before signing, on the wing before storing and again when the wing layers the
update over its shipped catalogue, so a bad entry can never reach a `.format()` call or a label.
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
# a conventional printf-style field; without the space flag, so that "50% of" and "{percent}% right" are plain
# text: an English text with none of these is never %-formatted, and a translation of it may not add one
_PERCENT = re.compile(r"%(?:\((?P<name>[^)]*)\))?[#0+-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?"
                      r"(?P<conv>[diouxXeEfFgGcrsa%])")
# what the % operator reads at each `%` of a text it formats: every flag (the space too), width, precision, and a
# conversion it knows; a `%` where this does not match makes the operator raise
_PRINTF = re.compile(r"%(?:\((?P<name>[^)]*)\))?[#0+\- ]*(?P<width>\*|\d+)?(?:\.(?P<precision>\*|\d*))?[hlL]?"
                     r"(?P<conv>[diouxXeEfFgGcrsa%])")
_MNEMONIC = re.compile(r"&[^&\s]")
# markup a rich-text label reads: a comment, a tag, a lone `<`, an entity
_MARKUP = re.compile(r"<!--.*?-->|<[^<>]*>|<|&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);", re.DOTALL)
_BIDI = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A)) | {0x200E, 0x200F, 0x061C}
_INVISIBLE = {"Cc", "Cf", "Zl", "Zp"}  # control, formatting (soft hyphen, zero-width, bidi), line/paragraph separator

# texts an update may never replace: what a user compares with HQ by phone, and the questions asked before
# something is gone for good (a recovery, a hard delete, an erasure). Their English text, as in the catalogue.
PROTECTED = frozenset({
    "Key file of {hq} ({env}). HQ key fingerprint: <b>{fingerprint}</b>. Compare it with the fingerprint HQ read "
    "to you by phone.",
    "HQ key fingerprint: {fingerprint} (compare it with the one HQ announced).",
    "HQ key {fingerprint}",
    "HQ read me the same fingerprint",
    "Confirmation code: <b>{code}</b>. Read it out to HQ by phone when they load the request.",
    "The request was made. Give the request file to HQ and read them the confirmation code; the PC is enrolled "
    "when HQ's first file arrives.",
    "Code HQ read out for this grant: ",
    "HQ recovery created a new administrator on this wing, {when}: {admin}. If nobody expected it, tell the "
    "governor.",
    "Only for a record written about the wrong person or a court order. The record's text, its corrections and "
    "answers are removed for good. What stays: who wrote it, who deleted it, when and why, signed with your key and "
    "shown to the governor.",
    "Deleting a record removes its text for good.",
    "Erase {n} record about {name} ({number})? Its text is gone for good; a tombstone stays.",
    "Erasing records cannot be undone.",
    "Erase for good",
})

# refusal codes (the console and the wing name each with one sentence)
UNKNOWN, PLURALS, PLACEHOLDERS, MNEMONIC, CONTROL, TOO_LONG, EMPTY, MARKUP, PROTECTED_TEXT = (
    "unknown", "plural_count", "placeholders", "mnemonic", "control", "too_long", "empty", "markup", "protected")


@dataclass(frozen=True)
class Refusal:
    code: str
    params: dict[str, Any] = field(default_factory=dict)


def shape(text: str, printf: bool | None = None) -> tuple[Any, ...]:
    """What a format call sees in `text`: its named and numbered `{}` fields (name, conversion, spec) sorted and its
    auto-numbered ones in order, or "invalid" when str.format would fail on it; then, when the text is %-formatted
    (`printf`; by default when it has a conventional `%s`-style field), its `%(name)x` fields sorted and its
    positional ones in order, or "invalid" when the % operator would fail on it."""
    try:
        fields = [(name, conv or "", spec or "") for _lit, name, spec, conv in string.Formatter().parse(text)
                  if name is not None]
        braces: Any = (tuple(sorted(f for f in fields if f[0])), tuple(f for f in fields if not f[0]))
    except ValueError:
        braces = "invalid"
    if printf is None:
        printf = is_printf(text)
    if not printf:  # never %-formatted: a conventional field in it would be one the English has not (none)
        return braces, tuple(sorted(m.group(0) for m in _PERCENT.finditer(text) if m["conv"] != "%")), ()
    named: list[tuple[str, str]] = []
    positional: list[str] = []
    at = text.find("%")
    while at >= 0:
        match = _PRINTF.match(text, at)
        if match is None:
            return braces, "invalid", ()
        if match["conv"] != "%" or match["name"] is not None:
            stars = "*" * ((match["width"] == "*") + (match["precision"] == "*"))
            if match["name"] is not None:
                named.append((match["name"], stars + match["conv"]))
            else:
                positional.append(stars + match["conv"])
        at = text.find("%", match.end())
    return braces, tuple(sorted(named)), tuple(positional)


def is_printf(text: str) -> bool:
    """Whether `text` has a conventional %-field (`%s`, `%(n)d`, not `%%`): only such a text is %-formatted."""
    return any(m["conv"] != "%" for m in _PERCENT.finditer(text))


def markup(text: str) -> tuple[str, ...]:
    """The tags, comments and entities of `text` in order (a lone `<` counts as one)."""
    return tuple(_MARKUP.findall(text))


def has_mnemonic(text: str) -> bool:
    return bool(_MNEMONIC.search(text.replace("&&", "")))


def limit_for(source: str) -> int:
    return min(MAX_LIMIT, max(MIN_LIMIT, 4 * len(source)))


def _controlled(text: str) -> bool:
    return any((unicodedata.category(c) in _INVISIBLE and c != "\n") or ord(c) in _BIDI for c in text)


def refusal(msgid: str, plural: str | None, forms: Sequence[str], template: Mapping[str, str | None],
            nplurals: int) -> Refusal | None:
    """None when `forms` may replace the translation of `msgid` (with `plural`, its English plural, or None),
    else why not. `template` maps each msgid of the program's catalogue to its English plural (or None)."""
    if msgid not in template or template[msgid] != plural:
        return Refusal(UNKNOWN)
    if msgid in PROTECTED:
        return Refusal(PROTECTED_TEXT)
    if not forms or not all(isinstance(f, str) and f for f in forms):
        return Refusal(EMPTY)
    expected = 1 if plural is None else nplurals
    if len(forms) != expected:
        return Refusal(PLURALS, {"got": len(forms), "expected": expected})
    english = (msgid,) if plural is None else (msgid, plural)
    printf = any(is_printf(e) for e in english)
    shapes = {shape(e, printf) for e in english}
    markups = {markup(e) for e in english}
    limit = limit_for(plural if plural is not None and len(plural) > len(msgid) else msgid)
    for text in forms:
        if _controlled(text):
            return Refusal(CONTROL)
        if len(text) > limit:
            return Refusal(TOO_LONG, {"limit": limit})
        if shape(text) not in shapes:
            return Refusal(PLACEHOLDERS, {"expected": placeholders_of(plural or msgid)})
        if markup(text) not in markups:
            return Refusal(MARKUP)
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
