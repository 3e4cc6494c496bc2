"""Module text is Markdown, read with markdown-it-py (CommonMark, tables). Checking parses with HTML recognised so
a script tag or any raw HTML is refused, not silently shown; rendering parses with HTML off, so nothing a package
holds can become markup. Images must name a picture embedded in the package: a remote one is refused, since the
wing must never reach out to anything while someone reads. Level-2 headings get anchors s1, s2, ... in every
language, so a screen can link to a section whatever the reader's language."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from wingdesk.domain.modules.model import ModuleError

_CHECK = MarkdownIt("commonmark", {"html": True}).enable("table")
_CHECK.validateLink = lambda url: True  # type: ignore[method-assign]  # see every link, refuse the bad ones
_RENDER = MarkdownIt("commonmark", {"html": False}).enable("table")
_SCRIPT = re.compile(r"<\s*/?\s*script\b", re.IGNORECASE)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//")
SECTION = "s{}"


def _walk(tokens: Sequence[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def has_script(text: str) -> bool:
    return _SCRIPT.search(text) is not None


def check(body: str, images: Mapping[str, bytes], where: str) -> tuple[str, ...]:
    """The level-2 headings of a safe body; ModuleError naming the first unsafe thing in it."""
    if has_script(body):
        raise ModuleError("module_script", where=where)
    tokens = _CHECK.parse(body)
    for token in _walk(tokens):
        if token.type in ("html_block", "html_inline"):
            raise ModuleError("module_raw_html", where=where)
        if token.type == "image":
            src = str(token.attrGet("src") or "")
            if _SCHEME.search(src):
                raise ModuleError("module_remote_image", where=where)
            if src not in images:
                raise ModuleError("module_missing_image", where=where, image=src[:80])
        if token.type == "link_open":
            href = str(token.attrGet("href") or "")
            if not (href.startswith("#") or href.startswith("https://")):
                raise ModuleError("module_bad_link", where=where)
    return tuple(tokens[n + 1].content for n, token in enumerate(tokens)
                 if token.type == "heading_open" and token.tag == "h2" and n + 1 < len(tokens))


def _heading_open(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]) -> str:
    token = tokens[idx]
    if token.tag != "h2":
        return str(self.renderToken(tokens, idx, options, env))
    env["section"] = env.get("section", 0) + 1
    return f'<h2><a name="{SECTION.format(env["section"])}"></a>'


_RENDER.add_render_rule("heading_open", _heading_open)


def render(body: str) -> str:
    """HTML for a checked body: raw HTML in it stays text, images keep their package names (the reading view
    loads them from the package only), level-2 headings carry their anchors."""
    return str(_RENDER.render(body, {"section": 0}))
