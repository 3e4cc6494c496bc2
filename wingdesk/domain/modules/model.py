"""A parsed training module: plain frozen data. Texts are per language; the knowledge check has the same questions,
in the same order with the same right answers, in every language the module is written in."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from wingdesk.domain.errors import ValidationError
from wingdesk.domain.instruments.model import LANGUAGES, USER_ROLES

FORMAT = 1  # the package format this program reads
ROLES = (*USER_ROLES, "admin")  # every user has a Learning page; a module may be required for any role
FALLBACK = "en"


class ModuleError(ValidationError):
    """A module package or file refused; `code` picks the sentence, params name the place (`where`)."""

    code = "module_malformed"


@dataclass(frozen=True)
class Choice:
    text: str
    correct: bool
    feedback: str  # shown after the answer is checked: why this choice is right or wrong


@dataclass(frozen=True)
class Question:
    text: str
    choices: tuple[Choice, ...]

    @property
    def correct(self) -> int:
        return next(n for n, choice in enumerate(self.choices) if choice.correct)


@dataclass(frozen=True)
class Content:
    """The module in one language."""

    title: str
    summary: str
    body: str  # Markdown, checked: no raw HTML, images only from the package, section anchors s1, s2, ...
    questions: tuple[Question, ...]
    sections: tuple[str, ...]  # the level-2 headings, in order: anchors s1, s2, ... in every language


@dataclass(frozen=True)
class Source:
    key: str
    citation: str
    url: str = ""


@dataclass(frozen=True)
class Module:
    module_id: str
    version: int
    required_for: frozenset[str]  # roles that must complete it; any other role may take it
    refresher_months: int  # 0: once is enough
    pass_percent: int
    sources: tuple[Source, ...]
    images: Mapping[str, bytes]  # file name -> PNG or JPEG bytes, embedded; nothing is ever fetched
    content: Mapping[str, Content]  # language -> the module in that language

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(lang for lang in LANGUAGES if lang in self.content)

    def in_language(self, language: str) -> tuple[str, Content]:
        """The module in `language`, else in English, else in the first language it is written in."""
        for lang in (language, FALLBACK, *self.languages):
            if lang in self.content:
                return lang, self.content[lang]
        raise ModuleError("module_no_language")  # parse refuses a module with no language, so never reached

    def required(self, role: str) -> bool:
        return role in self.required_for

    def passed(self, correct: int) -> bool:
        questions = len(next(iter(self.content.values())).questions)
        return correct * 100 >= self.pass_percent * questions
