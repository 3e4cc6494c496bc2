"""Parse `wingdesk` arguments and run one command; errors become one line on stderr and exit status 2."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from wingdesk.cli import commands, sync_commands, verify_command
from wingdesk.cli.wiring import Wiring
from wingdesk.config.paths import data_dir
from wingdesk.domain.errors import WingError
from wingdesk.i18n import LANGUAGES, _, set_language, system_language
from wingdesk.i18n.messages import describe


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wingdesk", description=_("WingDesk: offline wing records."))
    parser.add_argument("--data", metavar="DIR", help=_("data folder (default: WINGDESK_HOME or the platform's)"))
    parser.add_argument("--user", metavar="NAME", help=_("sign in as this user"))
    parser.add_argument("--password-stdin", action="store_true",
                        help=_("read passphrases from standard input, one per line"))
    parser.add_argument("--lang", choices=LANGUAGES, help=_("language of messages"))
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("gui", help=_("open the desktop application (the default)"))
    init = sub.add_parser("init", help=_("create a new wing database"))
    init.add_argument("--wing", required=True)
    init.add_argument("--admin", required=True, metavar="USER")
    init.add_argument("--admin-name", metavar="NAME", help=_("the administrator's full name"))
    init.add_argument("--prison", default="", help=_("prison name"))
    user = sub.add_parser("user", help=_("manage staff accounts"))
    usub = user.add_subparsers(dest="user_command", required=True)
    add = usub.add_parser("add")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=["officer", "supervisor", "treatment", "security",
                                                        "governor", "admin"])
    add.add_argument("--name", help=_("full name"))
    add.add_argument("--discipline", choices=["PSY", "SW", "EDU", "REL"])
    usub.add_parser("list")
    remove = usub.add_parser("remove")
    remove.add_argument("username")
    unlock = usub.add_parser("unlock")
    unlock.add_argument("username")
    demo = sub.add_parser("demo", help=_("create (or reuse) a demo wing with synthetic data"))
    demo.add_argument("--no-gui", action="store_true")
    demo.add_argument("--size", choices=["normal", "large"], default="normal")
    demo.add_argument("--screenshots", metavar="DIR")
    demo.add_argument("--screenshot-lang", metavar="CODES", default="en",
                      help=_("comma-separated languages for --screenshots"))
    audit = sub.add_parser("audit", help=_("audit log"))
    asub = audit.add_subparsers(dest="audit_command", required=True)
    asub.add_parser("verify")
    verify_command.add_parser(sub)
    sync_commands.add_parsers(sub)
    return parser


def run(argv: Sequence[str], wiring: Wiring) -> int:
    set_language(system_language())
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--lang")
    known, _rest = pre.parse_known_args(argv)
    if known.lang:
        set_language(known.lang)
    args = build_parser().parse_args(argv)
    folder = Path(data_dir(args.data))
    try:
        return commands.dispatch(args, folder, wiring)
    except WingError as error:
        print(_("Error: {message}").format(message=describe(error)), file=sys.stderr)
        return 2
    except EOFError:
        print(_("Error: no passphrase was given on standard input."), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(_("Cancelled."), file=sys.stderr)
        return 130
    except OSError as error:
        print(_("Error: the disk or file system refused the operation ({reason}).").format(
            reason=error.strerror or type(error).__name__), file=sys.stderr)
        return 2
