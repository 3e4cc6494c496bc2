"""Passphrase policy: length, not composition; a blocklist of common and site words (security.md §2.9)."""

from __future__ import annotations

import unicodedata

from wingdesk.domain.errors import ValidationError

MIN_LENGTH = 15  # security.md §2.9 and NIST SP 800-63B rev 4 for a single-factor passphrase
MAX_LENGTH = 256


def normalise(passphrase: str) -> str:
    return unicodedata.normalize("NFKC", passphrase)


def check_passphrase(passphrase: str, blocklist: frozenset[str], user_words: tuple[str, ...] = ()) -> None:
    text = normalise(passphrase)
    if len(text) < MIN_LENGTH:
        raise ValidationError("passphrase_too_short", field="password", minimum=MIN_LENGTH)
    if len(text) > MAX_LENGTH:
        raise ValidationError("passphrase_too_long", field="password")
    folded = text.casefold()
    if folded in blocklist or len(set(folded)) < 4:
        raise ValidationError("passphrase_common", field="password")
    for word in user_words:
        if word and len(word) >= 3 and word.casefold() in folded and len(folded) < len(word) + 8:
            raise ValidationError("passphrase_contains_name", field="password")
