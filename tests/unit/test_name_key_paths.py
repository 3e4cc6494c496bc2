"""`name_key`'s fast paths (ASCII text; marks dropped by one regular expression) give exactly the key of the plain
three-step fold they replaced, kept here as the reference: for any mix of ASCII, Cyrillic, accented Latin, combining
marks, compatibility forms and other scripts."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from wingdesk.domain.name_key import _TABLE, name_key

_MARKS = dict.fromkeys(c for c in range(0x300, 0x20FF + 1) if unicodedata.combining(chr(c)))
_MARKS.update(dict.fromkeys(range(0xFE20, 0xFE30)))
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def reference_key(text: str) -> str:
    lowered = unicodedata.normalize("NFC", text).casefold().translate(_TABLE)
    bare = unicodedata.normalize("NFKD", lowered).translate(_MARKS).translate(_TABLE)
    return _NOT_WORD.sub(" ", bare).strip()


_POOL = ("abcXYZ019 '`’ʼ,.-_\t\n" "АБВЂђЉљЊњЏџЈјЌќЃѓЅѕЙйЁёѐѝӣ" "čćžšđĐÇçëËǵḱßæøłı" "\u0301\u0308\u0327\u20d0\ufe20"
         "ＡＢ＇｀ℌﬀ①²" "αβΩ中文ا")


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(_POOL), max_size=40))
def test_same_key_as_the_reference_fold(text: str) -> None:
    assert name_key(text) == reference_key(text)


@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=30))
def test_same_key_for_any_unicode(text: str) -> None:
    assert name_key(text) == reference_key(text)


def test_examples() -> None:
    for text, key in (("Took part in the workshop, O'Brien", "took part in the workshop obrien"),
                      ("Ђорђе Петровић", "djordje petrovic"), ("Thaçi", "thaci"), ("O＇Brien", "obrien"),
                      ("ℌello", "ello"), ("  ", "")):
        assert name_key(text) == reference_key(text) == key
