"""`wingdesk recovery-key FILE`, `wingdesk recover GRANT` (issue 22 item 3) and `wingdesk restore-from-hq FILE`
(item 4; the parsers are in parser.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wingdesk.cli.commands import sign_in_session
from wingdesk.cli.passwords import PasswordSource
from wingdesk.cli.wiring import Wiring
from wingdesk.domain.errors import StoreError, WingError
from wingdesk.domain.shown_text import printable
from wingdesk.i18n import _, ngettext
from wingdesk.i18n.sync_messages import describe_sync

MAX_GRANT = 64 * 1024
MAX_PACKAGE = 4 * 1024 * 1024 * 1024  # a successor package: every record of a wing, as HQ sealed it


def cmd_recovery_key(args: argparse.Namespace, folder: Path, wiring: Wiring, pw: PasswordSource) -> int:
    with open(args.file, "rb") as handle:
        data = handle.read(MAX_GRANT + 1)
    session = sign_in_session(args, folder, wiring, pw)
    try:
        generation = session.recovery.install_recovery_key(data)
    finally:
        session.lock()
    print(_("HQ's recovery key (generation {n}) is installed: HQ can now recover this wing if no administrator "
            "can sign in.").format(n=generation))
    return 0


def cmd_recover(args: argparse.Namespace, folder: Path, wiring: Wiring, pw: PasswordSource) -> int:
    wing = wiring.open_wing(folder)
    if not wing.exists():
        raise StoreError("no_wing")
    with open(args.grant, "rb") as handle:
        data = handle.read(MAX_GRANT + 1)
    code = pw.read(_("Code HQ read out for this grant: "))
    username = args.admin or input(_("User name of the new administrator: "))
    display = args.admin_name or username
    passphrase = pw.read(_("New passphrase for {user}: ").format(user=username), confirm=True)
    grant_id, approvers = wing.recover(data, code, username, display, passphrase)
    print(_("Administrator {user} created by HQ recovery (grant {grant}, approved at HQ by {n} administrators). "
            "The recovery is recorded in the audit log and every user is told in their inbox.").format(
        user=username, grant=grant_id, n=len(approvers)))
    return 0


def cmd_restore_from_hq(args: argparse.Namespace, folder: Path, wiring: Wiring, pw: PasswordSource) -> int:
    """An administrator writes HQ's successor package into this new PC (services.successor)."""
    with open(args.file, "rb") as handle:
        data = handle.read(MAX_PACKAGE + 1)
    session = sign_in_session(args, folder, wiring, pw)
    try:
        done = session.successor.restore_from_hq(data)
    except WingError as error:  # one sentence: the sync codes (not HQ's, another PC's, changed) and the service's
        print(_("Error: {message}").format(message=describe_sync(error)), file=sys.stderr)
        return 2
    finally:
        session.lock()
    print(_("Written from HQ: {records} record versions of the PC this one replaces, {amendments} amendments, "
            "{countersignatures} countersignatures, {prisoners} prisoners.").format(
        records=done.records, amendments=done.amendments, countersignatures=done.countersignatures,
        prisoners=done.prisoners))
    if done.unnamed:
        print(ngettext("HQ does not hold the name of {n} prisoner: their prison number stands in for the name.",
                       "HQ does not hold the names of {n} prisoners: their prison number stands in for the name.",
                       done.unnamed).format(n=done.unnamed))
    if done.tombstones:
        print(ngettext("{n} record deleted on that PC stays accounted for by its signed deletion statement.",
                       "{n} records deleted on that PC stay accounted for by their signed deletion statements.",
                       done.tombstones).format(n=done.tombstones))
    for user in done.accounts:
        print(_("Account {user} ({name}, {role}) was added without a passphrase; it cannot sign in until an "
                "administrator gives it one: 'wingdesk user reset {user}'.").format(
            user=user.username, name=printable(user.display_name), role=user.role))
    return 0
