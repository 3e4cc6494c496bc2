"""Parse `wingdesk` arguments and run one command; errors become one line on stderr and exit status 2.

`wingdesk` with no command (or `gui`) goes straight to the window: the command modules, sync, storage and crypto
are imported only by the command that needs them.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from wingdesk.cli.parser import build_parser
from wingdesk.cli.wiring import Wiring
from wingdesk.config.package_data import MissingResource, check_installed
from wingdesk.config.paths import data_dir
from wingdesk.domain.errors import StoreError, WingError
from wingdesk.i18n import _
from wingdesk.i18n.cli_frame import apply_language

GUI_COMMANDS = (None, "gui")


def run(argv: Sequence[str], wiring: Wiring) -> int:
    try:
        check_installed()  # a broken installation says so now, not as English text or an empty blocklist later
    except MissingResource as error:
        print(f"wingdesk: {error}", file=sys.stderr)
        return 2
    apply_language(argv)
    args = build_parser().parse_args(argv)
    folder = Path(data_dir(args.data))
    try:
        if args.command in GUI_COMMANDS:
            if wiring.run_gui is None:
                raise StoreError("no_gui")
            return wiring.run_gui(folder, demo=False)
        if wiring.harden is not None:
            wiring.harden()
        from wingdesk.cli import commands

        return commands.dispatch(args, folder, wiring)
    except WingError as error:
        from wingdesk.i18n.messages import describe

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
