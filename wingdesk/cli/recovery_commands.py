"""`wingdesk recovery-key FILE` and `wingdesk recover GRANT` (issue 22 item 3; the parsers are in parser.py)."""

from __future__ import annotations

import argparse
from pathlib import Path

from wingdesk.cli.commands import sign_in_session
from wingdesk.cli.passwords import PasswordSource
from wingdesk.cli.wiring import Wiring
from wingdesk.domain.errors import StoreError
from wingdesk.i18n import _

MAX_GRANT = 64 * 1024


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
