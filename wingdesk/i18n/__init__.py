"""Translations (gettext catalogs managed with Babel) and CLDR formats; the language can change at run time.

Use `_("Text {name}").format(name=...)` and `ngettext(...)`; never f-strings inside `_()`.
"""

from __future__ import annotations

import functools
import gettext as _gettext
import locale as _locale
import os
from collections.abc import Callable, Mapping

DOMAIN = "wingdesk"
LANGUAGES = ("en", "sq", "sr", "sr_Latn", "bs", "hr", "mk", "cnr")
# CLDR locale used for dates, numbers and collation (Montenegrin formats as sr_Latn_ME).
FORMAT_LOCALE = {"en": "en_GB", "sq": "sq_AL", "sr": "sr_Cyrl_RS", "sr_Latn": "sr_Latn_RS", "bs": "bs_Latn_BA",
                 "hr": "hr_HR", "mk": "mk_MK", "cnr": "sr_Latn_ME"}

_current = "en"
_translations: _gettext.NullTranslations = _gettext.NullTranslations()
_listeners: list[Callable[[str], object]] = []
_updates: dict[str, dict[str, tuple[str, ...]]] = {}  # HQ's translation updates in force (i18n.updates), by language


def system_language() -> str:
    """The language of the environment (LANGUAGE, LC_ALL, LANG), else of Windows' user locale, else of the C
    library's locale, as one of LANGUAGES (i18n.locale_names reads every form of name)."""
    from wingdesk.i18n.locale_names import language_from_locale

    code = (os.environ.get("LANGUAGE") or os.environ.get("LC_ALL") or os.environ.get("LANG") or "").split(":")[0]
    if not code:
        code = _windows_locale() or _locale.getlocale()[0] or "en"
    return language_from_locale(code)


def _windows_locale() -> str | None:
    """Windows' user locale in BCP 47 form ("sr-Latn-RS"); None elsewhere."""
    import sys

    if sys.platform != "win32":
        return None
    import ctypes

    buffer = ctypes.create_unicode_buffer(85)  # LOCALE_NAME_MAX_LENGTH
    if ctypes.windll.kernel32.GetUserDefaultLocaleName(buffer, len(buffer)):
        return buffer.value or None
    return None


def set_language(code: str) -> None:
    """Switch every translated string and format; listeners (long-lived widgets) retranslate themselves."""
    global _current, _translations
    if code not in LANGUAGES:
        code = "en"
    _translations = _with_updates(code)
    _current = code
    for listener in list(_listeners):
        listener(code)


@functools.cache
def _load_catalog(code: str) -> _gettext.NullTranslations:
    """English is the source text; every other language's compiled catalog ships in the package (a missing one
    raises MissingResource rather than quietly showing English)."""
    if code == "en":
        return _gettext.NullTranslations()
    from wingdesk.config.package_data import catalog

    with catalog(code).open("rb") as handle:
        return _gettext.GNUTranslations(handle)


def _with_updates(code: str) -> _gettext.NullTranslations:
    texts = _updates.get(code)
    if not texts:
        return _load_catalog(code)
    from wingdesk.i18n.updates import layered

    return layered(_load_catalog(code), code, texts)


def apply_updates(updates: Mapping[str, Mapping[str, tuple[str, ...]]]) -> bool:
    """Put HQ's translation updates in force (language -> msgid -> forms; each entry checked again by
    i18n.updates); True when the current language's texts changed, and then every listener retranslates."""
    global _translations
    fresh = {code: dict(texts) for code, texts in updates.items() if code in LANGUAGES and texts}
    changed = fresh.get(_current) != _updates.get(_current)
    _updates.clear()
    _updates.update(fresh)
    if changed:
        _translations = _with_updates(_current)
        for listener in list(_listeners):
            listener(_current)
    return changed


def translations(code: str) -> _gettext.NullTranslations:
    """One language's catalog without switching the process's language (the HQ console translates per request)."""
    return _load_catalog(code if code in LANGUAGES else "en")


def current_language() -> str:
    return _current


def format_locale() -> str:
    return FORMAT_LOCALE.get(_current, "en_GB")


def on_language_changed(listener: Callable[[str], object]) -> None:
    _listeners.append(listener)


def remove_listener(listener: Callable[[str], None]) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def _(message: str) -> str:
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction; translate it later with _()."""
    return message
