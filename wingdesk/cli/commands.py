"""The `wingdesk` sub-commands: init, user, demo and audit verify; sync commands are in sync_commands.py."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from wingdesk.cli.passwords import PasswordSource
from wingdesk.cli.verify_command import cmd_verify
from wingdesk.cli.wiring import Wiring
from wingdesk.domain.errors import AuthError, StoreError
from wingdesk.domain.roles import parse_role
from wingdesk.i18n import _

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices


def sign_in_session(args: argparse.Namespace, folder: Path, wiring: Wiring, pw: PasswordSource) -> WingServices:
    wing = wiring.open_wing(folder)
    if not wing.exists():
        raise StoreError("no_wing")
    username = args.user or input(_("User name: "))
    return wing.sign_in(username, pw.read(_("Passphrase for {user}: ").format(user=username)))


def cmd_init(args: argparse.Namespace, folder: Path, wiring: Wiring, pw: PasswordSource) -> int:
    wing = wiring.open_wing(folder)
    if wing.exists():
        raise StoreError("wing_exists")
    passphrase = pw.read(_("New passphrase for {user}: ").format(user=args.admin), confirm=True)
    print(_("Creating the wing; measuring this PC's key-derivation speed..."), file=sys.stderr)
    wing.create(args.wing, args.prison or args.wing, args.admin, args.admin_name or args.admin, passphrase)
    print(_("Created wing {wing} in {folder} with administrator {user}.").format(
        wing=args.wing, folder=folder, user=args.admin))
    return 0


def cmd_user(args: argparse.Namespace, folder: Path, wiring: Wiring, pw: PasswordSource) -> int:
    session = sign_in_session(args, folder, wiring, pw)
    try:
        if args.user_command == "list":
            locked = session.users.lockouts()
            for user in session.users.list_users():
                mark = _(" (locked)") if session.users.is_locked(user.username) else (
                    _(" ({n} failed attempts)").format(n=locked[user.username]) if user.username in locked else "")
                if not user.grant_recipient:  # from HQ's successor package: no key slot until a reset
                    mark = _(" (no passphrase yet: 'wingdesk user reset {user}')").format(user=user.username)
                discipline = f" {user.discipline}" if user.discipline else ""
                print(f"{user.username}\t{user.role}{discipline}\t{user.display_name}{mark}")
        elif args.user_command == "add":
            passphrase = pw.read(_("Passphrase for the new user {user}: ").format(user=args.username), confirm=True)
            session.users.add_user(args.username, args.name or args.username, parse_role(args.role), passphrase,
                                   args.discipline)
            print(_("Added {user} ({role}).").format(user=args.username, role=args.role))
        elif args.user_command == "remove":
            session.users.remove_user(args.username)
            print(_("Removed {user}; the database key was rotated.").format(user=args.username))
        elif args.user_command == "reset":
            passphrase = pw.read(_("New passphrase for {user}: ").format(user=args.username), confirm=True)
            session.users.reset_password(args.username, passphrase)
            print(_("{user} has a new passphrase and signing key.").format(user=args.username))
        elif args.user_command == "unlock":
            session.users.unlock_account(args.username)
            print(_("Unlocked {user}.").format(user=args.username))
    finally:
        session.lock()
    return 0


def cmd_audit(args: argparse.Namespace, folder: Path, wiring: Wiring, pw: PasswordSource) -> int:
    session = sign_in_session(args, folder, wiring, pw)
    try:
        report = session.audit.verify_chain()
    finally:
        session.lock()
    if report.intact:
        print(_("Audit chain intact: {count} entries, head {head}.").format(count=report.count,
                                                                             head=report.head_hash[:16]))
        return 0
    print(_("Audit chain broken at entry {seq} ({reason}); {count} entries before it verify.").format(
        seq=report.first_bad_seq, reason=report.reason, count=report.count), file=sys.stderr)
    return 1


def cmd_demo(args: argparse.Namespace, folder: Path, wiring: Wiring, pw: PasswordSource) -> int:
    from wingdesk.demo.accounts import DEMO_ACCOUNTS
    from wingdesk.demo.generator import build_demo

    demo_folder = folder / ("demo-wing-large" if args.size == "large" else "demo-wing")
    backend, clock = wiring.open_demo_wing(demo_folder)
    if backend.exists():
        print(_("Using the demo wing in {folder}.").format(folder=demo_folder), file=sys.stderr)
    else:
        print(_("Creating a demo wing with synthetic data in {folder}...").format(folder=demo_folder),
              file=sys.stderr)

        def progress(step: str, done: int, total: int) -> None:
            if sys.stderr.isatty():
                print(f"\r{step}: {done}/{total}   ", end="", file=sys.stderr)

        build_demo(backend, clock, args.size, progress)  # texts in the language of this command
        if sys.stderr.isatty():
            print(file=sys.stderr)
    for acc in DEMO_ACCOUNTS:
        print(f"{acc.role.value.upper()} {acc.username} {acc.passphrase}")
    if args.no_gui and not args.screenshots:
        return 0
    if wiring.run_gui is None:
        raise AuthError("no_gui")
    return wiring.run_gui(demo_folder, demo=True, screenshots=args.screenshots,
                          screenshot_langs=args.screenshot_lang.split(","))


def _run_signed_in(run: Callable[[WingServices, argparse.Namespace], int], args: argparse.Namespace, folder: Path,
                   wiring: Wiring, pw: PasswordSource) -> int:
    """Sign in, run the command on the session, and lock it whatever happens."""
    session = sign_in_session(args, folder, wiring, pw)
    try:
        return run(session, args)
    finally:
        session.lock()


def cmd_instrument(args: argparse.Namespace, folder: Path, wiring: Wiring, pw: PasswordSource) -> int:
    from wingdesk.cli.instrument_commands import run_instrument

    return _run_signed_in(run_instrument, args, folder, wiring, pw)


def cmd_subject_access(args: argparse.Namespace, folder: Path, wiring: Wiring, pw: PasswordSource) -> int:
    """The prisoner's copy (issue 19 item 3): the governor's passphrase, then the PDF and the JSON in --out."""
    if wiring.write_subject_access is None:
        raise AuthError("no_gui")
    session = sign_in_session(args, folder, wiring, pw)
    try:
        access = session.subject_access
        copy = access.make_copy(access.prisoner_id(args.number))
        for path in wiring.write_subject_access(copy, Path(args.out)):
            print(path)
        print(_("{n} records disclosed, {m} withheld; the disclosure is recorded.").format(
            n=len(copy.items), m=len(copy.withheld)), file=sys.stderr)
        return 0
    finally:
        session.lock()


def cmd_module(args: argparse.Namespace, folder: Path, wiring: Wiring, pw: PasswordSource) -> int:
    from wingdesk.cli.module_commands import run_module  # training modules (issue 18)

    return _run_signed_in(run_module, args, folder, wiring, pw)


def cmd_handover(args: argparse.Namespace, folder: Path, wiring: Wiring, pw: PasswordSource) -> int:
    from wingdesk.cli.handover_command import run_handover  # pre-release handover (issue 19 item 2)

    return _run_signed_in(run_handover, args, folder, wiring, pw)


def cmd_transfer(args: argparse.Namespace, folder: Path, wiring: Wiring, pw: PasswordSource) -> int:
    from wingdesk.cli.transfer_command import run_transfer  # transfer between prisons, and by USB (issue 19 item 1)

    return _run_signed_in(run_transfer, args, folder, wiring, pw)


HANDLERS = {"init": cmd_init, "user": cmd_user, "audit": cmd_audit, "verify": cmd_verify, "demo": cmd_demo,
            "instrument": cmd_instrument, "subject-access": cmd_subject_access, "module": cmd_module,
            "handover": cmd_handover, "transfer": cmd_transfer}
BACKUP_COMMANDS = ("backup", "restore")  # wingdesk.cli.backup_commands (issue 22)
RECOVERY_COMMANDS = ("recover", "recovery-key", "restore-from-hq")  # wingdesk.cli.recovery_commands (issue 22)


def dispatch(args: argparse.Namespace, folder: Path, wiring: Wiring) -> int:
    """Every command but the window (cli.main opens that without loading this module)."""
    passwords = PasswordSource(args.password_stdin)
    handler = HANDLERS.get(args.command)
    if handler is not None:
        return handler(args, folder, wiring, passwords)
    if args.command in RECOVERY_COMMANDS:
        from wingdesk.cli import recovery_commands

        run = {"recover": recovery_commands.cmd_recover, "recovery-key": recovery_commands.cmd_recovery_key,
               "restore-from-hq": recovery_commands.cmd_restore_from_hq}[args.command]
        return run(args, folder, wiring, passwords)
    if args.command in BACKUP_COMMANDS:
        from wingdesk.cli import backup_commands

        run = backup_commands.cmd_backup if args.command == "backup" else backup_commands.cmd_restore
        return run(args, folder, wiring, passwords)
    sync = wiring.sync_commands
    if sync is None:
        from wingdesk.cli import sync_commands as sync
    return int(sync.dispatch(args, folder, wiring, passwords))
