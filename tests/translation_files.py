"""A .po file for the translation-update tests: the shipped catalogue of a language, or part of it, with some texts
changed (what an HQ administrator exports from Poedit or Weblate)."""

from __future__ import annotations

import io

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from wingdesk.config.catalog_template import shipped_catalogue
from wingdesk.config.package_data import CATALOG_LANGUAGES


def po_file(language: str, changes: dict[str, object], whole: bool = False, header: str | None = None,
            fuzzy: tuple[str, ...] = ()) -> bytes:
    """`changes`: msgid -> new text (a tuple for a plural); `whole` adds every other shipped text unchanged.
    A msgid that is not in the program is written as a singular text."""
    known = language in CATALOG_LANGUAGES and header is None
    catalog = Catalog(locale=language if known else None, project="WingDesk", charset="utf-8")
    shipped = shipped_catalogue(language) if language in CATALOG_LANGUAGES else {}
    for msgid, entry in shipped.items() if whole else ():
        if msgid not in changes:
            catalog.add((msgid, entry.plural) if entry.plural else msgid,
                        entry.forms if entry.plural else entry.forms[0])
    for msgid, text in changes.items():
        entry = shipped.get(msgid)
        if entry is not None and entry.plural:
            catalog.add((msgid, entry.plural), tuple(text), flags=("fuzzy",) if msgid in fuzzy else ())
        else:
            catalog.add(msgid, text, flags=("fuzzy",) if msgid in fuzzy else ())
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0)
    text = buffer.getvalue().decode("utf-8")
    if not known:  # a header babel would not write for an unknown language
        language_line = f'"Language: {header if header is not None else language}\\n"\n'
        text = text.replace('"MIME-Version: 1.0\\n"\n', language_line + '"MIME-Version: 1.0\\n"\n', 1)
    return text.encode("utf-8")
