"""Loading bundled word lists (bias warnings) and the passphrase blocklist from resources/."""

from __future__ import annotations

import functools
import json
from pathlib import Path

from wingdesk.config.paths import resources_dir
from wingdesk.domain.wording import WordList


@functools.cache
def load_wordlists(base: Path | None = None) -> tuple[WordList, ...]:
    folder = (base or resources_dir()) / "wordlists"
    lists = []
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        lists.append(WordList(tuple(data.get("labels", ())), tuple(data.get("religion", ())),
                              tuple(data.get("behaviour", ()))))
    return tuple(lists)


@functools.cache
def load_blocklist(base: Path | None = None) -> frozenset[str]:
    path = (base or resources_dir()) / "passwords" / "blocklist.txt"
    try:
        return frozenset(line.strip().casefold() for line in path.read_text("utf-8").splitlines() if line.strip())
    except FileNotFoundError:
        return frozenset()
