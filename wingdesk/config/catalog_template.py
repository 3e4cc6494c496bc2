"""The program's own catalogue of one language, read from its shipped .mo: which English texts (msgids) it
translates, each with its English plural (or None) and its shipped translation. A translation update from HQ may
replace only these (domain/translations/rules.py); `i18n.py check` keeps every catalogue complete, so the msgids
of each language's catalogue are the program's template."""

from __future__ import annotations

import functools
from typing import NamedTuple

from babel.messages.mofile import read_mo

from wingdesk.config.package_data import catalog


class Shipped(NamedTuple):
    plural: str | None
    forms: tuple[str, ...]


@functools.cache
def shipped_catalogue(code: str) -> dict[str, Shipped]:
    """msgid -> its English plural and shipped forms, for one of CATALOG_LANGUAGES (MissingResource otherwise)."""
    with catalog(code).open("rb") as handle:
        messages = read_mo(handle)
    found: dict[str, Shipped] = {}
    for message in messages:
        if not message.id:
            continue
        if isinstance(message.id, (tuple, list)):
            found[str(message.id[0])] = Shipped(str(message.id[1]), tuple(str(s) for s in message.string or ()))
        else:
            found[str(message.id)] = Shipped(None, (str(message.string),))
    return found


def template(code: str) -> dict[str, str | None]:
    """msgid -> its English plural (None for a singular text): what rules.refusal checks against."""
    return {msgid: shipped.plural for msgid, shipped in shipped_catalogue(code).items()}
