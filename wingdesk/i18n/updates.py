"""HQ's translation updates layered over the shipped catalogue (docs/publishing.md, docs/translating.md).

The chain is update → shipped .mo → English source: a text the update replaces comes from the update, every other
from the shipped catalogue. Each entry is checked again here, against this program's own catalogue, with the rules
HQ and the wing's install applied (domain/translations/rules.py): an entry whose English text this program no
longer has, or whose placeholders no longer match it (after a program upgrade, or a damaged store), is ignored and
the shipped text is shown, so no update can break a `.format()` call.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Mapping

from wingdesk.config.catalog_template import template
from wingdesk.domain.translations.rules import NPLURALS, refusal


class UpdatedTranslations(gettext.NullTranslations):
    """The update's texts first, then the shipped catalogue (its fallback), which falls back to the English."""

    def __init__(self, shipped: gettext.GNUTranslations, texts: Mapping[str, tuple[str, ...]]) -> None:
        super().__init__()
        self.add_fallback(shipped)
        self._plural: Callable[[int], int] = getattr(shipped, "plural")  # noqa: B009 - not in typeshed
        self._texts = dict(texts)

    def gettext(self, message: str) -> str:
        forms = self._texts.get(message)
        if forms is not None and len(forms) == 1:
            return forms[0]
        return super().gettext(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        forms = self._texts.get(msgid1)
        if forms is not None and len(forms) > 1:
            index = self._plural(n)
            if 0 <= index < len(forms):
                return str(forms[index])
        return super().ngettext(msgid1, msgid2, n)


def usable(code: str, texts: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """The entries of an update for `code` this program may show; the rest are left out (the shipped text stays)."""
    if code not in NPLURALS:
        return {}
    known = template(code)
    return {msgid: tuple(forms) for msgid, forms in texts.items()
            if refusal(msgid, known.get(msgid), tuple(forms), known, NPLURALS[code]) is None}


def layered(shipped: gettext.NullTranslations, code: str, texts: Mapping[str, tuple[str, ...]]
            ) -> gettext.NullTranslations:
    kept = usable(code, texts)
    if not kept or not isinstance(shipped, gettext.GNUTranslations):
        return shipped
    return UpdatedTranslations(shipped, kept)
