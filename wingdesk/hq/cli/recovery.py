"""`admin-add`, `recovery-keygen`, `recovery-key` and `recovery-grant`: HQ recovery of a wing (issue 22 item 3)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from wingdesk.crypto import recovery_keys
from wingdesk.domain.passwords import check_passphrase
from wingdesk.domain.shown_text import printable
from wingdesk.hq import recovery
from wingdesk.hq.admin_keys import AdminKey, new_admin_key, open_admin_key, seal_admin_key
from wingdesk.hq.cli.common import CliError, store_of, unlock, write_new_file
from wingdesk.i18n import _
from wingdesk.storage.resources import load_blocklist


def _secret(args: argparse.Namespace, prompt: str, confirm: bool = False) -> str:
    """A passphrase from the next line of stdin (--password-stdin) or the terminal."""
    if args.password_stdin:
        text = sys.stdin.readline().rstrip("\r\n")
    else:
        text = getpass.getpass(prompt)
        if confirm and getpass.getpass(_("Repeat: ")) != text:
            raise CliError("passphrase_mismatch", _("The two passphrases differ."))
    if not text:
        raise CliError("passphrase_empty", _("A passphrase is required."))
    return text


def cmd_admin_add(args: argparse.Namespace) -> int:
    """Register an HQ administrator: their key file, sealed under their own passphrase; HQ keeps the public key."""
    hq_keys = unlock(args)  # only HQ's operator adds an administrator
    del hq_keys
    name = args.name.strip()
    if not name or len(name) > 80:
        raise CliError("bad_name", _("Give the administrator a name of 1 to 80 characters."))
    secret = _secret(args, _("New passphrase for {name}'s key file: ").format(name=printable(name)), confirm=True)
    check_passphrase(secret, load_blocklist(), (name,))
    key = new_admin_key(name)
    store = store_of(args)
    try:
        if Path(args.key_out).exists():
            raise CliError("file_exists", _("{file} already exists; choose another name.").format(
                file=printable(args.key_out)))
        recovery.register_admin(store, key, datetime.now(UTC))
        write_new_file(Path(args.key_out), seal_admin_key(key, secret))
    finally:
        key.wipe()
        store.close()
    print(_("HQ administrator {name} registered; their key file is {file}.").format(
        name=printable(name), file=printable(args.key_out)))
    return 0


def cmd_recovery_keygen(args: argparse.Namespace) -> int:
    write_new_file(Path(args.out), recovery_keys.new_key_file())
    if os.name == "posix":
        os.chmod(args.out, 0o600)
    print(_("HQ recovery key written to {file}. Keep it offline (a stick in a safe, and a copy in another), never "
            "on the HQ server.").format(file=printable(args.out)))
    return 0


def cmd_recovery_key(args: argparse.Namespace) -> int:
    if args.out and Path(args.out).exists():
        raise CliError("file_exists", _("{file} already exists; choose another name.").format(
            file=printable(args.out)))
    hq_keys = unlock(args)
    store = store_of(args)
    try:
        data = recovery.recipient_file(store, args.device, Path(args.recovery_key), hq_keys.current.sign_private,
                                       datetime.now(UTC))
    finally:
        store.close()
    print(_("Recovery key for device {device} queued: it travels in the next bundle HQ writes for it "
            "('wingdesk-hq outbox').").format(device=args.device))
    if args.out:
        write_new_file(Path(args.out), data)
        print(_("Recovery key file for device {device} written to {file}: an administrator of that wing installs it "
                "with 'wingdesk recovery-key FILE'.").format(device=args.device, file=printable(args.out)))
    return 0


def cmd_recovery_grant(args: argparse.Namespace) -> int:
    if len(args.approver) < recovery.MIN_APPROVERS:
        raise CliError("recovery_approvals", _("Two HQ administrators must approve: give --approver twice."))
    if Path(args.out).exists():
        raise CliError("file_exists", _("{file} already exists; choose another name.").format(
            file=printable(args.out)))
    hq_keys = unlock(args)
    approvers: list[AdminKey] = []
    store = store_of(args)
    try:
        for path in args.approver:
            approvers.append(open_admin_key(Path(path), _secret(
                args, _("Passphrase of the HQ administrator key {file}: ").format(file=printable(path)))))
        issued = recovery.issue_grant(store, args.device, Path(args.recovery_key), approvers,
                                      hq_keys.current.sign_private, datetime.now(UTC),
                                      timedelta(hours=args.hours), args.generation)
        write_new_file(Path(args.out), issued.data)
    finally:
        for admin in approvers:
            admin.wipe()
        store.close()
    print(_("Recovery grant for device {device} written to {file}; it can be used once, until {expires}.").format(
        device=args.device, file=printable(args.out), expires=issued.expires_at))
    print(_("Read this code to the wing by phone, never with the file: {code}").format(code=issued.code))
    return 0
