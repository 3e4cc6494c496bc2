"""Which of our languages a system locale name means, in any of the forms systems give it: POSIX ("sr_RS@latin",
"sq_AL.UTF-8"), BCP 47 as Windows and macOS report it ("sr-Latn-RS", "bs-Latn-BA") and the English names
Windows' C runtime returns ("Serbian (Latin)_Serbia.1250", "Albanian_Albania", "Macedonian_North Macedonia",
"Bosnian (Latin)_Bosnia and Herzegovina"). Unknown names are English."""

from __future__ import annotations

import re

_WINDOWS_NAMES = {"albanian": "sq", "serbian": "sr", "macedonian": "mk", "bosnian": "bs", "croatian": "hr",
                  "montenegrin": "cnr", "english": "en"}
_CODES = {"sq": "sq", "sr": "sr", "mk": "mk", "bs": "bs", "hr": "hr", "cnr": "cnr", "me": "cnr", "en": "en"}


def language_from_locale(name: str | None) -> str:
    """Our language code (en, sq, sr, sr_Latn, bs, hr, mk, cnr) for a locale name; "en" when it is none of ours."""
    text = (name or "").strip()
    if not text:
        return "en"
    modifier = text.partition("@")[2].lower()
    base = text.partition("@")[0].split(".")[0].strip()  # drop "@latin", ".UTF-8", ".1250"
    parts = [p for p in re.split(r"[_\-]", base) if p]
    if not parts:
        return "en"
    head = parts[0].strip()
    language = _CODES.get(head.lower())
    if language is None:  # Windows: "Serbian (Latin)_Serbia" -> "serbian"
        language = _WINDOWS_NAMES.get(head.split("(")[0].strip().lower(), "en")
    country = parts[-1].strip().lower() if len(parts) > 1 else ""
    latin = modifier == "latin" or "(latin)" in base.lower() or any(p.lower() in ("latn", "latin") for p in parts)
    if language == "sr":
        if country in ("me", "montenegro"):
            return "cnr"  # Serbian locales in Montenegro (glibc sr_ME, Windows "Serbian (Latin)_Montenegro")
        return "sr_Latn" if latin else "sr"
    return language
