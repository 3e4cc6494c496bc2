"""Package JSON -> Module, or one ModuleError naming the first thing wrong (`where` is a path such as
`content.mk.questions[2].choices[1].feedback`). Nothing is repaired or guessed: a refused package changes nothing."""

from __future__ import annotations

import base64
import binascii
import re
from types import MappingProxyType
from typing import Any

from wingdesk.domain.instruments.model import LANGUAGES
from wingdesk.domain.instruments.parse import json_object, loads_json
from wingdesk.domain.modules import markdown
from wingdesk.domain.modules.model import FORMAT, ROLES, Choice, Content, Module, ModuleError, Question, Source

MAX_BYTES = 16 * 1024 * 1024  # a package with its pictures
MAX_IMAGE = 2 * 1024 * 1024
MAX_VERSION = 2**31 - 1
_ID = re.compile(r"[a-z][a-z0-9_.-]{1,63}", re.ASCII)
_IMAGE_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}\.(png|jpg|jpeg)", re.ASCII)
_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")
_TOP = {"format", "id", "version", "required_for", "refresher_months", "pass_percent", "sources", "content"}
_SHORT, _MEDIUM, _BODY = 300, 2000, 200_000


def loads(data: bytes) -> dict[str, Any]:
    return loads_json(data, MAX_BYTES, "module", ModuleError)


def _object(value: Any, where: str, required: set[str], optional: frozenset[str] = frozenset()) -> dict[str, Any]:
    return json_object(value, where, required, optional, "module", ModuleError)


def _string(value: Any, where: str, limit: int) -> str:
    """A plain text field (title, question, answer, feedback, citation): shown as plain text everywhere, and a
    script in it is refused all the same, as in the body, so no later view can be handed one."""
    if not isinstance(value, str) or not value.strip():
        raise ModuleError("module_bad_value", where=where)
    if len(value) > limit:
        raise ModuleError("module_text_too_long", where=where, limit=limit)
    if markdown.has_script(value):
        raise ModuleError("module_script", where=where)
    return value


def _int(value: Any, where: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ModuleError("module_bad_value", where=where)
    return value


def _list(value: Any, where: str, low: int, high: int) -> list[Any]:
    if not isinstance(value, list) or not low <= len(value) <= high:
        raise ModuleError("module_bad_value", where=where)
    return value


def _images(value: Any) -> dict[str, bytes]:
    if not isinstance(value, dict):
        raise ModuleError("module_bad_value", where="images")
    images = {}
    for name, encoded in sorted(value.items()):
        where = f"images.{name}"
        if not _IMAGE_NAME.fullmatch(name) or not isinstance(encoded, str):
            raise ModuleError("module_bad_image", where=where)
        try:
            data = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            raise ModuleError("module_bad_image", where=where) from None
        if len(data) > MAX_IMAGE or not data.startswith(_MAGIC):
            raise ModuleError("module_bad_image", where=where)
        images[name] = data
    return images


def _question(value: Any, where: str) -> Question:
    body = _object(value, where, {"text", "choices"})
    choices = []
    for n, raw in enumerate(_list(body["choices"], f"{where}.choices", 2, 6)):
        at = f"{where}.choices[{n}]"
        choice = _object(raw, at, {"text", "correct", "feedback"})
        if not isinstance(choice["correct"], bool):
            raise ModuleError("module_bad_value", where=f"{at}.correct")
        choices.append(Choice(_string(choice["text"], f"{at}.text", _SHORT), choice["correct"],
                              _string(choice["feedback"], f"{at}.feedback", _MEDIUM)))
    if sum(choice.correct for choice in choices) != 1:
        raise ModuleError("module_one_right_answer", where=where)
    return Question(_string(body["text"], f"{where}.text", _MEDIUM), tuple(choices))


def _content(value: Any, where: str, images: dict[str, bytes]) -> Content:
    body = _object(value, where, {"title", "summary", "body", "questions"})
    text = _string(body["body"], f"{where}.body", _BODY)
    sections = markdown.check(text, images, f"{where}.body")
    questions = tuple(_question(q, f"{where}.questions[{n}]")
                      for n, q in enumerate(_list(body["questions"], f"{where}.questions", 1, 20)))
    return Content(_string(body["title"], f"{where}.title", _SHORT), _string(body["summary"], f"{where}.summary",
                   _MEDIUM), text, questions, sections)


def _same_shape(content: dict[str, Content]) -> None:
    """Every language asks the same questions with the same right answers and has the same sections."""
    first_lang, first = next(iter(content.items()))
    for lang, other in content.items():
        if len(other.sections) != len(first.sections):
            raise ModuleError("module_languages_differ", where=f"content.{lang}.body", language=first_lang)
        shape = [(len(q.choices), q.correct) for q in other.questions]
        if shape != [(len(q.choices), q.correct) for q in first.questions]:
            raise ModuleError("module_languages_differ", where=f"content.{lang}.questions", language=first_lang)


def parse_package(raw: dict[str, Any]) -> Module:
    top = _object(raw, "", _TOP, frozenset({"images"}))
    if top["format"] != FORMAT:
        raise ModuleError("module_format_unknown", format=str(top["format"])[:10], supported=FORMAT)
    if not isinstance(top["id"], str) or not _ID.fullmatch(top["id"]):
        raise ModuleError("module_bad_value", where="id")
    roles = _list(top["required_for"], "required_for", 0, len(ROLES))
    if any(role not in ROLES for role in roles) or len(set(roles)) != len(roles):
        raise ModuleError("module_bad_role", where="required_for")
    images = _images(top.get("images", {}))
    sources = []
    for n, raw_source in enumerate(_list(top["sources"], "sources", 1, 30)):
        source = _object(raw_source, f"sources[{n}]", {"key", "citation"}, frozenset({"url"}))
        url = source.get("url", "")
        if url and (not isinstance(url, str) or not url.startswith("https://")):
            raise ModuleError("module_bad_value", where=f"sources[{n}].url")
        sources.append(Source(_string(source["key"], f"sources[{n}].key", _SHORT),
                              _string(source["citation"], f"sources[{n}].citation", _MEDIUM), url))
    languages = _object(top["content"], "content", set(), frozenset(LANGUAGES))
    if not languages:
        raise ModuleError("module_no_language")
    content = {lang: _content(languages[lang], f"content.{lang}", images) for lang in LANGUAGES if lang in languages}
    _same_shape(content)
    return Module(top["id"], _int(top["version"], "version", 1, MAX_VERSION), frozenset(roles),
                  _int(top["refresher_months"], "refresher_months", 0, 120),
                  _int(top["pass_percent"], "pass_percent", 1, 100), tuple(sources),
                  MappingProxyType(images), MappingProxyType(content))
