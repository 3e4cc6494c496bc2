"""`wingdesk-hq`'s entry point: parse, harden the process, run one command, turn failures into one sentence."""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import ssl
import sys
from collections.abc import Callable

from wingdesk.config.package_data import MissingResource
from wingdesk.crypto.no_core_dumps import forbid_core_dumps
from wingdesk.domain.errors import WingError
from wingdesk.hq.cli.agencies import cmd_agency
from wingdesk.hq.cli.bundles import cmd_import
from wingdesk.hq.cli.code_lists import cmd_codelist
from wingdesk.hq.cli.common import CliError
from wingdesk.hq.cli.enrolment import cmd_enrol, cmd_revoke
from wingdesk.hq.cli.exchange import cmd_exchange
from wingdesk.hq.cli.hierarchy import cmd_hierarchy
from wingdesk.hq.cli.instruments import cmd_instrument
from wingdesk.hq.cli.messages import describe_code, describe_os_error
from wingdesk.hq.cli.modules import cmd_module
from wingdesk.hq.cli.outbox import cmd_outbox, cmd_reference
from wingdesk.hq.cli.parser import build_parser
from wingdesk.hq.cli.recovery import cmd_admin_add, cmd_recovery_grant, cmd_recovery_key, cmd_recovery_keygen
from wingdesk.hq.cli.reports import cmd_status
from wingdesk.hq.cli.research import cmd_research
from wingdesk.hq.cli.serving import cmd_serve
from wingdesk.hq.cli.setup import cmd_init, cmd_keys
from wingdesk.hq.cli.subject_access import cmd_subject_access
from wingdesk.hq.cli.successor import cmd_replace
from wingdesk.hq.cli.translations import cmd_translation
from wingdesk.hq.console.commands import cmd_console, cmd_staff
from wingdesk.hq.store import is_database_error
from wingdesk.i18n import _
from wingdesk.i18n.cli_frame import apply_language
from wingdesk.i18n.messages import describe
from wingdesk.sync.errors import SyncError

log = logging.getLogger(__name__)

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "init": cmd_init,
    "keys": cmd_keys,
    "enrol": cmd_enrol,
    "revoke": cmd_revoke,
    "replace": cmd_replace,  # a new PC from HQ (issue 22 item 4)
    "import": cmd_import,
    "serve": cmd_serve,
    "outbox": cmd_outbox,
    "reference": cmd_reference,
    "status": cmd_status,
    "instrument": cmd_instrument,
    "admin-add": cmd_admin_add,  # HQ recovery (issue 22 item 3)
    "recovery-keygen": cmd_recovery_keygen,
    "recovery-key": cmd_recovery_key,
    "recovery-grant": cmd_recovery_grant,
    "module": cmd_module,  # issue 18
    "codelist": cmd_codelist,  # issue 17 item 3
    "hierarchy": cmd_hierarchy,  # issue 17 item 3
    "console": cmd_console,
    "subject-access": cmd_subject_access,  # issue 19 item 3
    "staff": cmd_staff,
    "agency": cmd_agency,  # issue 19 item 2
    "research": cmd_research,  # issue 17 item 4
    "exchange": cmd_exchange,  # issue 17 item 6
    "translation": cmd_translation,  # issue 17 item 3
}


def main(argv: list[str] | None = None) -> int:
    multiprocessing.freeze_support()  # `serve` spawns bundle readers; a frozen build must answer as one
    try:
        apply_language(argv)  # before the parser: its help texts are translated as it is built
    except MissingResource as error:
        print(f"wingdesk-hq: {error}", file=sys.stderr)
        return 2
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if hasattr(os, "umask"):
        os.umask(0o077)  # HQ's database holds every wing's records in the clear: for this account only
    forbid_core_dumps()  # nor in a crash dump, with the unlocked HQ keys
    try:
        return COMMANDS[args.command](args)
    except CliError as error:
        _fail(error.hint or describe_code(error.code))
    except WingError as error:  # e.g. a new passphrase the policy refuses
        _fail(describe(error))
    except SyncError as error:  # keystore errors too
        _fail(describe_code(error.code))
    except ssl.SSLError:
        _fail(_("The TLS certificate and key cannot be used: they do not match, or a file is not in PEM form."))
    except OSError as error:
        _fail(describe_os_error(error))
    except (KeyboardInterrupt, EOFError):
        print(_("Cancelled."), file=sys.stderr)
        return 130
    except Exception as error:
        if not is_database_error(error):
            raise
        log.error("database error: %s", type(error).__name__)  # its text may quote values
        _fail(_("The database cannot be opened or written: check the data folder or --db, the disk and its "
                "permissions."))
    return 1


def _fail(sentence: str) -> None:
    print(_("Error: {message}").format(message=sentence), file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
