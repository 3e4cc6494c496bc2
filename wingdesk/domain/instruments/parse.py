"""Definition JSON -> Instrument, or one InstrumentError naming the first thing wrong (`where` is a path such as
`domains[BELIEFS].items[BA1].guidance`). Nothing is repaired or guessed: a refused file changes nothing."""

from __future__ import annotations

import json
import re
from types import MappingProxyType
from typing import Any

from wingdesk.domain.errors import ValidationError
from wingdesk.domain.instruments.model import (
    FORMAT,
    LANGUAGES,
    REGIONS,
    USER_ROLES,
    Domain,
    Instrument,
    InstrumentError,
    Item,
    Rated,
    RatingOption,
    Scale,
    Source,
    Text,
)

MAX_BYTES = 2 * 1024 * 1024
_ID = re.compile(r"[a-z][a-z0-9_.-]{1,63}", re.ASCII)
_CODE = re.compile(r"[A-Z][A-Z0-9_]{0,39}", re.ASCII)
_TOP = {"format", "id", "version", "licensed", "title", "purpose", "sources", "roles", "scales", "domains"}
_DOMAIN = {"code", "title"}
_ITEM = {"code", "scale", "rationale_required"}
_SHORT, _LONG = 300, 4000
MAX_VERSION = 2**31 - 1


def _no_float(_text: str) -> Any:
    raise ValueError("float")


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise ValueError("duplicate key")
    return result


_DECODER = json.JSONDecoder(object_pairs_hook=_pairs, parse_float=_no_float, parse_constant=_no_float, strict=True)


def loads_json(data: bytes, limit: int = MAX_BYTES, kind: str = "instrument",
               error: type[ValidationError] = InstrumentError) -> dict[str, Any]:
    """Strict JSON (UTF-8, no duplicate keys, no floats or NaN, nothing after the object) of at most `limit` bytes
    (2 MiB); `kind` and `error` name the file in the refusal (`instrument_not_json`, a training `module_not_json`)."""
    if len(data) > limit:
        raise error(f"{kind}_too_large", limit=limit // 1024)
    try:
        text = data.decode("utf-8")
        value, end = _DECODER.raw_decode(text.lstrip(" \t\r\n\ufeff"))
        if text.lstrip(" \t\r\n\ufeff")[end:].strip(" \t\r\n"):
            raise ValueError("trailing data")
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise error(f"{kind}_not_json") from None
    if not isinstance(value, dict):
        raise error(f"{kind}_not_json")
    return value


def json_object(value: Any, where: str, required: set[str], optional: set[str] | frozenset[str], kind: str,
                error: type[ValidationError]) -> dict[str, Any]:
    """`value` as a JSON object holding every field in `required` and none outside `required` and `optional`;
    otherwise `error` `{kind}_bad_value`, `{kind}_missing` or `{kind}_unknown_field`, `where` naming the object or
    the field (`where.name`, or `name` alone at the top). Shared by the instrument, module and code-list parsers."""
    if not isinstance(value, dict):
        raise error(f"{kind}_bad_value", where=where)
    for name in sorted(required):
        if name not in value:
            raise error(f"{kind}_missing", where=f"{where}.{name}" if where else name)
    for name in sorted(value):
        if name not in required and name not in optional:
            raise error(f"{kind}_unknown_field", where=f"{where}.{name}" if where else name)
    return value


def _object(value: Any, where: str, required: set[str],
            optional: set[str] | frozenset[str] = frozenset()) -> dict[str, Any]:
    return json_object(value, where, required, optional, "instrument", InstrumentError)


def _string(value: Any, where: str, limit: int) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InstrumentError("instrument_bad_value", where=where)
    if len(value) > limit:
        raise InstrumentError("instrument_text_too_long", where=where, limit=limit)
    return value


def _text(value: Any, where: str, limit: int = _SHORT) -> Text:
    if not isinstance(value, dict):
        raise InstrumentError("instrument_bad_value", where=where)
    for language in LANGUAGES:
        if language not in value or (isinstance(value[language], str) and not value[language].strip()):
            raise InstrumentError("instrument_translation_missing", where=where, language=language)
    for language in sorted(value):
        if language not in LANGUAGES:
            raise InstrumentError("instrument_unknown_field", where=f"{where}.{language}")
    return MappingProxyType({lang: _string(value[lang], f"{where}.{lang}", limit) for lang in LANGUAGES})


def _code(value: Any, where: str, pattern: re.Pattern[str] = _CODE) -> str:
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise InstrumentError("instrument_bad_code", where=where)
    return value


def _list(value: Any, where: str, minimum: int = 1) -> list[Any]:
    if not isinstance(value, list) or len(value) < minimum:
        raise InstrumentError("instrument_bad_value", where=where)
    return value


def _scales(value: Any) -> dict[str, Scale]:
    if not isinstance(value, dict) or not value:
        raise InstrumentError("instrument_bad_value", where="scales")
    scales = {}
    for code in sorted(value):
        where = f"scales[{_code(code, 'scales')}]"
        body = _object(value[code], where, {"options"})
        options, seen = [], set()
        for n, raw in enumerate(_list(body["options"], f"{where}.options", 2)):
            option = _object(raw, f"{where}.options[{n}]", {"code", "label"})
            option_code = _code(option["code"], f"{where}.options[{n}].code")
            if option_code in seen:
                raise InstrumentError("instrument_duplicate_code", part=option_code)
            seen.add(option_code)
            options.append(RatingOption(option_code, _text(option["label"], f"{where}.options[{option_code}].label")))
        scales[code] = Scale(code, tuple(options))
    return scales


def _rated(body: dict[str, Any], where: str, scales: dict[str, Scale]) -> Rated:
    scale_code = body["scale"]
    if not isinstance(scale_code, str) or scale_code not in scales:
        raise InstrumentError("instrument_unknown_scale", where=f"{where}.scale")
    scale = scales[scale_code]
    needed = _list(body["rationale_required"], f"{where}.rationale_required", 0)
    if len(set(needed)) != len(needed) or not all(isinstance(c, str) and c in scale.codes for c in needed):
        raise InstrumentError("instrument_bad_rationale", where=f"{where}.rationale_required")
    return Rated(scale, frozenset(needed))


def _item(raw: Any, where: str, scales: dict[str, Scale], licensed: bool) -> Item:
    if licensed and isinstance(raw, dict) and ("text" in raw or "guidance" in raw):
        raise InstrumentError("instrument_licensed_text", where=where)
    body = _object(raw, where, _ITEM if licensed else _ITEM | {"text", "guidance"})
    code = _code(body["code"], f"{where}.code")
    where = where.rsplit("[", 1)[0] + f"[{code}]"
    rated = _rated(body, where, scales)
    if licensed:
        return Item(rated.scale, rated.rationale_required, code)
    return Item(rated.scale, rated.rationale_required, code, _text(body["text"], f"{where}.text", _LONG),
                _text(body["guidance"], f"{where}.guidance", _LONG))


def _domain(raw: Any, n: int, scales: dict[str, Scale], licensed: bool, codes: set[str]) -> Domain:
    where = f"domains[{n}]"
    if licensed and isinstance(raw, dict) and "guidance" in raw:
        raise InstrumentError("instrument_licensed_text", where=f"{where}.guidance")
    body = _object(raw, where, _DOMAIN, {"items", "judgement"} if licensed else {"items", "judgement", "guidance"})
    code = _code(body["code"], f"{where}.code")
    where = f"domains[{code}]"
    _claim(code, codes)
    title = _text(body["title"], f"{where}.title")
    guidance = _text(body["guidance"], f"{where}.guidance", _LONG) if "guidance" in body else None
    judgement = None
    if "judgement" in body:
        judgement = _rated(_object(body["judgement"], f"{where}.judgement", {"scale", "rationale_required"}),
                           f"{where}.judgement", scales)
    items = []
    for i, raw_item in enumerate(_list(body.get("items", []), f"{where}.items", 0)):
        item = _item(raw_item, f"{where}.items[{i}]", scales, licensed)
        _claim(item.code, codes)
        items.append(item)
    if not items and judgement is None:
        raise InstrumentError("instrument_empty_domain", where=where)
    return Domain(code, title, guidance, tuple(items), judgement)


def _claim(code: str, codes: set[str]) -> None:
    if code in codes:
        raise InstrumentError("instrument_duplicate_code", part=code)
    codes.add(code)


def _sources(value: Any) -> tuple[Source, ...]:
    sources = []
    for n, raw in enumerate(_list(value, "sources")):
        body = _object(raw, f"sources[{n}]", {"key", "citation"}, {"url"})
        url = _string(body["url"], f"sources[{n}].url", _SHORT) if "url" in body else ""
        if url and not url.startswith("https://"):
            raise InstrumentError("instrument_bad_value", where=f"sources[{n}].url")
        sources.append(Source(_string(body["key"], f"sources[{n}].key", 60),
                              _string(body["citation"], f"sources[{n}].citation", _SHORT), url))
    return tuple(sources)


def _roles(value: Any) -> frozenset[str]:
    roles = _list(value, "roles")
    if len(set(roles)) != len(roles) or not all(isinstance(r, str) and r in USER_ROLES for r in roles):
        raise InstrumentError("instrument_bad_roles", where="roles")
    return frozenset(roles)


def _regional(value: Any, codes: set[str], licensed: bool) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InstrumentError("instrument_bad_value", where="regional_guidance")
    if licensed and value:
        raise InstrumentError("instrument_licensed_text", where="regional_guidance")
    regional = {}
    for region in sorted(value):
        if region not in REGIONS:
            raise InstrumentError("instrument_unknown_region", where="regional_guidance", region=region)
        parts = value[region]
        if not isinstance(parts, dict) or not parts:
            raise InstrumentError("instrument_bad_value", where=f"regional_guidance[{region}]")
        for code in sorted(parts):
            if code not in codes:
                raise InstrumentError("instrument_unknown_part", where=f"regional_guidance[{region}]", part=code)
        regional[region] = MappingProxyType(
            {code: _text(parts[code], f"regional_guidance[{region}][{code}]", _LONG) for code in sorted(parts)})
    return regional


def parse_definition(value: Any) -> Instrument:
    """Validate a definition (parsed JSON) completely and build the Instrument."""
    if not isinstance(value, dict):
        raise InstrumentError("instrument_not_json")
    fmt = value.get("format")
    if type(fmt) is int and fmt != FORMAT:
        raise InstrumentError("instrument_format_unknown", format=fmt, supported=FORMAT)
    body = _object(value, "", _TOP, {"regional_guidance"})
    if type(fmt) is not int:
        raise InstrumentError("instrument_bad_value", where="format")
    instrument_id = _code(body["id"], "id", _ID)
    version = body["version"]
    if type(version) is not int or not 1 <= version <= MAX_VERSION:
        raise InstrumentError("instrument_bad_version", where="version")
    licensed = body["licensed"]
    if type(licensed) is not bool:
        raise InstrumentError("instrument_bad_value", where="licensed")
    title, purpose = _text(body["title"], "title"), _text(body["purpose"], "purpose", _LONG)
    scales = _scales(body["scales"])
    codes: set[str] = set()
    domains = tuple(_domain(raw, n, scales, licensed, codes) for n, raw in enumerate(_list(body["domains"], "domains")))
    regional = _regional(body.get("regional_guidance", {}), codes, licensed)
    return Instrument(instrument_id, version, licensed, title, purpose, _sources(body["sources"]),
                      _roles(body["roles"]), MappingProxyType(scales), domains, MappingProxyType(regional))


def parse_bytes(data: bytes) -> Instrument:
    return parse_definition(loads_json(data))
