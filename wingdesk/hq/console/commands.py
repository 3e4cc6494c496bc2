"""`wingdesk-hq console` (the browser console, on its own address) and `wingdesk-hq staff add|unlock`."""

from __future__ import annotations

import argparse
import getpass
import signal
import sys
from datetime import UTC, datetime

from wingdesk.hq.cli.common import CliError, context, store_of
from wingdesk.hq.console.staff import StaffError, add_staff, ensure_table, unlock_staff
from wingdesk.hq.store import SqlStore
from wingdesk.i18n import N_, _

STAFF_REFUSALS = {
    "bad_name": N_("A staff name is 1 to 40 letters, digits, dots, hyphens or underscores, starting with a letter "
                   "or digit."),
    "bad_role": N_("The role must be hq_admin, analyst or hq_security."),
    "name_taken": N_("A staff account with this name already exists."),
    "no_such_staff": N_("There is no staff account with this name."),
}


def _staff_store(args: argparse.Namespace) -> SqlStore:
    store = store_of(args)
    assert isinstance(store, SqlStore)
    ensure_table(store)
    return store


def cmd_staff(args: argparse.Namespace) -> int:
    store = _staff_store(args)
    try:
        if args.staff_command == "add":
            if sys.stdin.isatty():
                text = getpass.getpass(_("Passphrase for {name}: ").format(name=args.name))
                if getpass.getpass(_("Repeat the passphrase: ")) != text:
                    raise CliError("passphrase_mismatch", _("The two passphrases differ."))
            else:
                text = sys.stdin.readline().rstrip("\r\n")
            add_staff(store, args.name, args.role, text, datetime.now(UTC))
            print(_("Staff account {name} added with the role {role}.").format(name=args.name, role=args.role))
        else:
            unlock_staff(store, args.name, datetime.now(UTC))
            print(_("Staff account {name} unlocked.").format(name=args.name))
    except StaffError as error:
        raise CliError(error.code, _(STAFF_REFUSALS[error.code])) from None
    finally:
        store.close()
    return 0


class _Terminated(Exception):
    """SIGTERM (a service manager stopping the console): uvicorn shuts down, then raises it again for us."""


def _terminated(_signum: int, _frame: object) -> None:
    raise _Terminated()


def cmd_console(args: argparse.Namespace) -> int:
    import uvicorn  # the server stack is only imported by the command that runs it

    from wingdesk.hq.console.app import build_app

    ctx = context(args)  # the HQ passphrase: the console seals HQ→wing bundles with HQ's key
    store = ctx.store
    assert isinstance(store, SqlStore)
    previous = signal.signal(signal.SIGTERM, _terminated)  # the store is closed, not left to the default action
    try:
        app = build_app(ctx, store, idle_s=args.idle_minutes * 60)
        print(_("Starting the HQ console on {url} (Ctrl+C stops it).").format(
            url=f"http://{args.host}:{args.port}/"), flush=True)
        uvicorn.run(app, host=args.host, port=args.port, log_level="warning", server_header=False,
                    date_header=False, proxy_headers=True, forwarded_allow_ips="127.0.0.1")
    except _Terminated:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        store.close()
    return 0
