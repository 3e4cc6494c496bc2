"""An instrument as a form shows it: every text in one language, with the guidance a country's service added.

Regional guidance is kept apart from the instrument's own (`regional_guidance`), so a reader sees what the
service added; it never changes codes, scales or which ratings need a rationale, so results stay comparable.
"""

from __future__ import annotations

from dataclasses import dataclass

from wingdesk.domain.instruments.model import LANGUAGES, REGIONS, Instrument, InstrumentError, Rated, Text


@dataclass(frozen=True)
class OptionView:
    code: str
    label: str
    needs_rationale: bool


@dataclass(frozen=True)
class ItemView:
    code: str
    text: str  # "" in a licensed instrument: the assessor works from the licensed manual
    guidance: str
    regional_guidance: str
    options: tuple[OptionView, ...]


@dataclass(frozen=True)
class DomainView:
    code: str
    title: str
    guidance: str
    regional_guidance: str
    items: tuple[ItemView, ...]
    judgement: tuple[OptionView, ...]  # empty when the domain is not rated as a whole


@dataclass(frozen=True)
class InstrumentView:
    instrument_id: str
    version: int
    licensed: bool
    language: str
    region: str | None
    title: str
    purpose: str
    sources: tuple[str, ...]
    domains: tuple[DomainView, ...]


def _pick(text: Text | None, language: str) -> str:
    return "" if text is None else text[language]


def _options(rated: Rated | None, language: str) -> tuple[OptionView, ...]:
    if rated is None:
        return ()
    return tuple(OptionView(o.code, o.label[language], rated.needs_rationale(o.code)) for o in rated.scale.options)


def localise(instrument: Instrument, language: str, region: str | None = None) -> InstrumentView:
    """The instrument in `language` (one of the eight), with `region`'s added guidance when it has any."""
    if language not in LANGUAGES:
        raise InstrumentError("instrument_unknown_language", language=language)
    if region is not None and region not in REGIONS:
        raise InstrumentError("instrument_unknown_region", where="region", region=region)
    added = instrument.regional_guidance.get(region or "", {})

    def regional(code: str) -> str:
        return _pick(added.get(code), language)

    domains = tuple(
        DomainView(domain.code, domain.title[language], _pick(domain.guidance, language), regional(domain.code),
                   tuple(ItemView(item.code, _pick(item.text, language), _pick(item.guidance, language),
                                  regional(item.code), _options(item, language)) for item in domain.items),
                   _options(domain.judgement, language))
        for domain in instrument.domains)
    sources = tuple(f"{s.citation} {s.url}".strip() for s in instrument.sources)
    return InstrumentView(instrument.instrument_id, instrument.version, instrument.licensed, language, region,
                          instrument.title[language], instrument.purpose[language], sources, domains)
