"""The packaged word lists (bias warnings) and passphrase blocklist; a missing file raises MissingResource."""

from __future__ import annotations

import functools
import json

from wingdesk.config.package_data import WORDLIST_LANGUAGES, read_text
from wingdesk.domain.wording import WordList


@functools.cache
def load_wordlists() -> tuple[WordList, ...]:
    lists = []
    for lang in WORDLIST_LANGUAGES:
        data = json.loads(read_text("resources", "wordlists", f"{lang}.json"))
        lists.append(WordList(tuple(data.get("labels", ())), tuple(data.get("religion", ())),
                              tuple(data.get("behaviour", ()))))
    return tuple(lists)


@functools.cache
def load_blocklist() -> frozenset[str]:
    text = read_text("resources", "passwords", "blocklist.txt")
    return frozenset(line.strip().casefold() for line in text.splitlines() if line.strip())
