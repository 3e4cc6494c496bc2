"""A parsed code-list document and what every installed version of one list adds on a wing: plain frozen data.

A document names one list the wing knows how to extend (LISTS), its version, and the entries it ADDS to the
built-in codes: a code of its own, a label in each language (English required, a missing one reads as English) and
`retired` for an entry no longer offered for new items. Nothing is ever erased: a code a later version leaves out,
or retires, still reads with its label on the records that hold it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from wingdesk.domain import codes
from wingdesk.domain.errors import ValidationError

FORMAT = 1  # the document format this program reads
FALLBACK = "en"
STEP_TYPES = "step_types"  # a treatment plan's step types: the interventions and programmes a service offers
LISTS: Mapping[str, tuple[str, ...]] = {STEP_TYPES: codes.STEP_TYPES}  # extendable lists and their built-in codes


class CodeListError(ValidationError):
    """A code-list document or signed file refused; `code` picks the sentence, params name the place (`where`)."""

    code = "code_list_malformed"


@dataclass(frozen=True)
class CodeEntry:
    code: str
    labels: Mapping[str, str]  # language -> label, English always present
    retired: bool = False

    def label(self, language: str) -> str:
        """The label in `language`, else the English one."""
        return self.labels.get(language) or self.labels[FALLBACK]


@dataclass(frozen=True)
class CodeList:
    name: str  # one of LISTS
    version: int
    entries: tuple[CodeEntry, ...]

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages at least one entry has a label in, English first."""
        found = {lang for entry in self.entries for lang in entry.labels}
        return (FALLBACK, *sorted(found - {FALLBACK}))


@dataclass(frozen=True)
class AddedCodes:
    """What the installed versions of one list add: every code any version named (its label from the newest
    version naming it), and the codes offered for new items (the newest version's entries not retired)."""

    entries: Mapping[str, CodeEntry]
    offered: tuple[str, ...]  # in the newest version's order

    @property
    def known(self) -> frozenset[str]:
        return frozenset(self.entries)

    def label(self, code: str, language: str) -> str | None:
        entry = self.entries.get(code)
        return entry.label(language) if entry is not None else None

    def labels(self, language: str) -> dict[str, str]:
        return {code: entry.label(language) for code, entry in self.entries.items()}


NOTHING_ADDED = AddedCodes({}, ())


def merged(versions: Iterable[CodeList]) -> AddedCodes:
    """The installed versions of one list, in any order, as the codes they add together."""
    ordered = sorted(versions, key=lambda found: found.version)
    if not ordered:
        return NOTHING_ADDED
    entries: dict[str, CodeEntry] = {}
    for version in ordered:
        for entry in version.entries:
            entries[entry.code] = entry
    newest = ordered[-1]
    left_out = {code for code in entries if code not in {e.code for e in newest.entries}}
    for code in left_out:  # left out of the newest version: kept for reading, no longer offered
        entries[code] = CodeEntry(code, entries[code].labels, True)
    return AddedCodes(entries, tuple(e.code for e in newest.entries if not e.retired))
