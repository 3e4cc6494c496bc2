"""`wingdesk backup --to DIR` and `wingdesk restore BACKUP` (issue 22; the parsers are in parser.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wingdesk.cli.commands import sign_in_session
from wingdesk.cli.passwords import PasswordSource
from wingdesk.cli.wiring import Wiring
from wingdesk.i18n import _


def cmd_backup(args: argparse.Namespace, folder: Path, wiring: Wiring, pw: PasswordSource) -> int:
    session = sign_in_session(args, folder, wiring, pw)
    try:
        result = session.backup.backup(args.to, keep=args.keep)
    finally:
        session.lock()
    print(_("Backup written and checked: {folder} ({records} records, {audit} audit entries).").format(
        folder=result.folder, records=result.counts.get("records", 0), audit=result.counts.get("audit", 0)))
    if result.expired:
        print(_("Older backups removed: {n}.").format(n=len(result.expired)))
    return 0


def cmd_restore(args: argparse.Namespace, folder: Path, wiring: Wiring, pw: PasswordSource) -> int:
    if args.backup is None:  # only the position HQ gave: for a wing restored earlier
        if not args.continue_after:
            print(_("Error: give the backup to restore, or HQ's position with --continue-after."), file=sys.stderr)
            return 2
        session = sign_in_session(args, folder, wiring, pw)
        try:
            session.backup.set_hq_position(args.continue_after)
        finally:
            session.lock()
        print(_("Saved. The next bundle continues after HQ's bundle {seq}.").format(
            seq=args.continue_after.partition(":")[0]))
        return 0
    wing = wiring.open_wing(folder)
    username = args.user or input(_("User name: "))
    passphrase = pw.read(_("Passphrase for {user} (as it was when the backup was made): ").format(user=username))
    result = wing.restore(args.backup, username, passphrase, args.continue_after)
    print(_("Restored the backup of {created} ({records} records); the restore is recorded in the audit log.").format(
        created=result.created_at, records=result.counts.get("records", 0)))
    if result.replaced_folder:
        print(_("The wing that was here was kept in {folder}.").format(folder=folder / result.replaced_folder))
    if result.waits_for_hq:
        print(_("Before sending to HQ again, import HQ's latest file for this PC, or give HQ's position with "
                "'wingdesk restore --continue-after SEQ:HASH'."))
    return 0
