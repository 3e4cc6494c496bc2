"""A parsed assessment instrument: plain frozen data, every text in all eight languages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from wingdesk.domain.errors import ValidationError

FORMAT = 1  # the definition format this program reads
LANGUAGES = ("en", "sq", "sr", "sr_Latn", "bs", "hr", "mk", "cnr")
REGIONS = ("AL", "BA", "XK", "ME", "MK", "RS")  # the services WingDesk serves (XK: Kosovo's user-assigned code)
# Roles that may be named as users of an instrument (administrators keep the system, they do not assess).
USER_ROLES = ("officer", "supervisor", "treatment", "security", "governor")

Text = Mapping[str, str]  # language -> text, every one of LANGUAGES present


class InstrumentError(ValidationError):
    """An instrument definition or file refused; `code` picks the sentence, params name the place (`where`)."""

    code = "instrument_malformed"


@dataclass(frozen=True)
class Source:
    key: str
    citation: str
    url: str = ""


@dataclass(frozen=True)
class RatingOption:
    code: str
    label: Text


@dataclass(frozen=True)
class Scale:
    code: str
    options: tuple[RatingOption, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(option.code for option in self.options)


@dataclass(frozen=True)
class Rated:
    """What every rated part shares (an item, or a domain's own judgement): its scale and which ratings need a
    written rationale."""

    scale: Scale
    rationale_required: frozenset[str]

    def needs_rationale(self, rating: str) -> bool:
        return rating in self.rationale_required


@dataclass(frozen=True)
class Item(Rated):
    code: str = ""
    text: Text | None = None  # None in a licensed instrument: its wording is never copied
    guidance: Text | None = None


@dataclass(frozen=True)
class Domain:
    code: str
    title: Text
    guidance: Text | None
    items: tuple[Item, ...]
    judgement: Rated | None = None  # the assessors' rating of the domain as a whole, when the instrument asks one


@dataclass(frozen=True)
class Instrument:
    instrument_id: str
    version: int
    licensed: bool
    title: Text
    purpose: Text
    sources: tuple[Source, ...]
    roles: frozenset[str]
    scales: Mapping[str, Scale]
    domains: tuple[Domain, ...]
    regional_guidance: Mapping[str, Mapping[str, Text]] = field(default_factory=lambda: MappingProxyType({}))

    def domain(self, code: str) -> Domain:
        for domain in self.domains:
            if domain.code == code:
                return domain
        raise InstrumentError("instrument_no_such_part", part=code)

    def item(self, code: str) -> Item:
        for domain in self.domains:
            for item in domain.items:
                if item.code == code:
                    return item
        raise InstrumentError("instrument_no_such_part", part=code)

    def rated_parts(self) -> dict[str, Rated]:
        """{code: rated part} for every item and every domain judgement, in the instrument's order."""
        parts: dict[str, Rated] = {}
        for domain in self.domains:
            if domain.judgement is not None:
                parts[domain.code] = domain.judgement
            parts.update((item.code, item) for item in domain.items)
        return parts

    def usable_by(self, role: str) -> bool:
        return role in self.roles

    @property
    def label(self) -> str:
        """`id v<version>`: how messages and the audit log name it."""
        return f"{self.instrument_id} v{self.version}"
