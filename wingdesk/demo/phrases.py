"""The demo wing's texts, in the language chosen when the demo wing is created (English when there is none)."""

from __future__ import annotations

import json
from typing import Any

from wingdesk.config.package_data import WORDLIST_LANGUAGES, read_text


def load_phrases(language: str) -> dict[str, Any]:
    """`resources/demo/phrases/<language>.json`; every language the program speaks has one (package_data checks)."""
    code = language if language in WORDLIST_LANGUAGES else "en"
    phrases: dict[str, Any] = json.loads(read_text("resources", "demo", "phrases", f"{code}.json"))
    return phrases
