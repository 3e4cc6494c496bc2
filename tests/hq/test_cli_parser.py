"""`wingdesk-hq`'s parser: a version from the installed package, and help text on every option and command."""

from __future__ import annotations

import argparse
from importlib import metadata

import pytest

from wingdesk import i18n
from wingdesk.hq.cli import main
from wingdesk.hq.cli.entry import COMMANDS
from wingdesk.hq.cli.parser import build_parser


def test_version_is_the_installed_distributions(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out == f"wingdesk-hq {metadata.version('wingdesk')}\n"


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sub.choices)


def test_every_command_has_a_runner_and_help():
    parser = build_parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    helped = {choice.dest for choice in sub._choices_actions if choice.help}
    assert set(_commands(parser)) == set(COMMANDS) == helped


@pytest.mark.parametrize("command", [None, *sorted(COMMANDS)])
def test_every_option_and_argument_has_help(command):
    parser = build_parser()
    target = parser if command is None else _commands(parser)[command]
    missing = [a.dest for a in target._actions
               if not isinstance(a, argparse._SubParsersAction) and not (a.help and a.help.strip())]
    assert missing == []


@pytest.fixture
def english_after():
    yield
    i18n.set_language("en")


@pytest.mark.parametrize("how", ["--lang", "LANGUAGE"])
def test_help_speaks_the_chosen_language_frame_included(how, monkeypatch, capsys, english_after):
    monkeypatch.setenv("LANGUAGE", "sr" if how == "LANGUAGE" else "en")
    argv = ["--lang", "sr", "--help"] if how == "--lang" else ["--help"]
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert "употреба: wingdesk-hq" in out and "опције:" in out
    assert "WingDesk – алат за синхронизацију са Управом" in out
    assert "прикажи инсталирану верзију и изађи" in out


def test_a_command_help_is_translated_too(capsys, english_after):
    with pytest.raises(SystemExit):
        main(["--lang", "mk", "serve", "--help"])
    out = capsys.readouterr().out
    assert "синџир на TLS-сертификати (PEM)" in out and "употреба: wingdesk-hq serve" in out
