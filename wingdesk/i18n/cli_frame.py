"""What both command lines (`wingdesk`, `wingdesk-hq`) share about language: the chosen language is applied
before any help text is built, and argparse's own frame (usage:, section titles, -h, "error:") is translated.

argparse's error details (for instance "invalid choice") stay in English.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any, NoReturn

from wingdesk.i18n import _, set_language, system_language


def apply_language(argv: Sequence[str] | None) -> None:
    """The system's language (LANGUAGE, LC_ALL, LANG), or `--lang CODE` when given; an unknown code falls back
    to English here and is then refused by the full parser's `choices`."""
    set_language(system_language())
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--lang")
    known, _rest = pre.parse_known_args(argv)
    if known.lang:
        set_language(known.lang)


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, _("usage: ") if prefix is None else prefix)


class TranslatedParser(argparse.ArgumentParser):
    """An ArgumentParser whose frame is translated; sub-command parsers are made of the same class."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        # argparse names its two default sections only through these attributes.
        self._positionals.title = _("positional arguments")
        self._optionals.title = _("options")
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help=_("show this help and exit"))

    def error(self, message: str) -> NoReturn:
        self.print_usage()
        self.exit(2, _("{prog}: error: {message}").format(prog=self.prog, message=message) + "\n")
