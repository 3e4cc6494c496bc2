"""Keep a widget in step with the run-time language without keeping it alive or calling it after deletion."""

from __future__ import annotations

import weakref
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject

from wingdesk.i18n import on_language_changed, remove_listener

# Each language named in itself (endonyms are not translated); static so start-up needs no CLDR data.
LANGUAGE_NAMES = {"en": "English", "sq": "Shqip", "sr": "Српски", "sr_Latn": "Srpski (latinica)",
                  "bs": "Bosanski", "hr": "Hrvatski", "mk": "Македонски", "cnr": "Crnogorski"}


def follow_language(widget: QObject, slot: str = "retranslate_ui") -> Callable[[str], None]:
    """Call `widget.<slot>()` on every language change; the listener drops itself once the widget is gone."""
    ref = weakref.ref(widget)

    def listener(_code: str) -> None:
        target = ref()
        if target is None or not shiboken6.isValid(target):
            remove_listener(listener)
            return
        getattr(target, slot)()

    on_language_changed(listener)
    return listener
