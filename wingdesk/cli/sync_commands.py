"""`wingdesk enrol` and `wingdesk sync export|import|push|status`: the wing side of sync with HQ (the parsers are
in parser.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from wingdesk.cli.commands import sign_in_session
from wingdesk.cli.passwords import PasswordSource
from wingdesk.cli.wiring import Wiring
from wingdesk.domain.errors import StoreError, WingError
from wingdesk.domain.shown_text import printable
from wingdesk.i18n import _
from wingdesk.i18n.sync_messages import describe_sync, hq_rollback_text, refusal_text

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices


def _read(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(64 * 1024 + 1)


def _enrol(session: WingServices, args: argparse.Namespace) -> int:
    request, code = session.sync.enrol(_read(args.hq_keys), again=getattr(args, "again", False))
    status = session.sync.status()
    Path(args.out).write_bytes(request)
    print(_("Request written to {path}.").format(path=args.out))
    print(_("HQ key fingerprint: {fingerprint} (compare it with the one HQ announced).").format(
        fingerprint=status.hq_fingerprint))
    print(_("Confirmation code: {code}").format(code=code))
    return 0


def _status(session: WingServices) -> int:
    s = session.sync.status()
    print(_("Enrolment: {state}").format(state=s.enrolment_state))
    if s.device_id:
        print(_("Device: {device}  HQ: {hq} ({fingerprint})").format(device=s.device_id, hq=printable(s.hq_name),
                                                                   fingerprint=s.hq_fingerprint))
    print(_("Records waiting for HQ's receipt: {n} (not yet sealed: {unsealed})").format(
        n=s.pending_records, unsealed=s.unsealed_records))
    print(_("Bundles waiting for HQ's receipt: {n} of {total}").format(n=s.pending_bundles, total=s.sealed_bundles))
    if s.last_receipt_at:
        print(_("Last receipt: {at} ({status})").format(at=s.last_receipt_at, status=s.last_receipt_status))
    else:
        print(_("Last receipt: none yet"))
    print(_("HQ data applied up to: {ref_seq}").format(ref_seq=s.ref_seq))
    if s.reference_stale:
        print(_("Warning: HQ's roster and account data here is out of date."))
    if s.hq_rollback_at is not None:
        message = hq_rollback_text(s.hq_rollback_from or 0, s.hq_rollback_to or 0, s.hq_rollback_at)
        print(message)
    if s.hq_accounts_waiting:
        print(_("Accounts from HQ waiting for a passphrase: {n}").format(n=s.hq_accounts_waiting))
    return 0


def _export(session: WingServices, args: argparse.Namespace) -> int:
    result = session.sync.export(args.to)
    if not result.written:
        print(_("Nothing new to write for HQ; the stick was not changed."))
        return 0
    print(_("Wrote {n} bundle(s) ({new} new) to {folder}.").format(n=len(result.written), new=result.new_bundles,
                                                                   folder=args.to))
    if result.partials_removed:
        print(_("Removed {n} incomplete file(s) left by an earlier attempt.").format(n=result.partials_removed))
    print(_("All files were written and checked. The stick may now be removed."))
    return 0


def _import(session: WingServices, args: argparse.Namespace) -> int:
    result = session.sync.import_files(args.files)
    if not result.files:
        print(_("Error: {message}").format(message=_("No HQ files for this PC in what was given.")), file=sys.stderr)
        return 1
    for item in result.files:
        if item.outcome == "refused":
            print(_("{name}: refused. {reason}").format(name=printable(item.name),
                                                        reason=describe_sync(WingError(item.code))), file=sys.stderr)
        elif item.outcome == "stale":
            print(_("{name}: older than the HQ data already applied here; skipped.").format(name=printable(item.name)))
        elif item.outcome == "hq_rollback":
            print(_("{name}: applied, but HQ's data went back (see 'wingdesk sync status').").format(
                name=printable(item.name)), file=sys.stderr)
        else:
            print(_("{name}: {outcome}.").format(name=printable(item.name), outcome=item.outcome))
    print(_("Acknowledged bundles: {acked}; roster changes: {roster}; accounts from HQ: {accounts}; "
            "accounts revoked: {revoked}.").format(acked=result.acknowledged, roster=result.roster_applied,
                                                   accounts=result.accounts_announced,
                                                   revoked=result.users_revoked))
    if result.instruments_installed or result.modules_installed:  # published at HQ (issue 17 item 3)
        print(_("Installed from HQ: instrument versions {instruments}; training module versions {modules}.").format(
            instruments=result.instruments_installed, modules=result.modules_installed))
    if result.translations_installed:  # HQ's translation updates: in force from the next start
        print(_("Installed from HQ: translation updates {n}; they are shown from the next start.").format(
            n=result.translations_installed))
    if result.code_lists_installed:  # published at HQ: plan step types (issue 17 item 3)
        print(_("Installed from HQ: code list versions {count}.").format(count=result.code_lists_installed))
    if result.hierarchy_installed:  # published at HQ: prisons, wings and their PCs (issue 17 item 3)
        print(_("Installed from HQ: prison/wing hierarchy revisions {count}.").format(
            count=result.hierarchy_installed))
    if result.reference_stale:
        print(_("Warning: HQ's data is older than its allowed age; ask HQ for a new file."), file=sys.stderr)
    return 1 if result.refused else 0


def _push(session: WingServices, args: argparse.Namespace) -> int:
    result = session.sync.push(args.url, args.ca)
    print(_("Sent {sent} bundle(s); HQ acknowledged {acked}.").format(sent=result.sent, acked=result.acknowledged))
    for seq, code in result.refused:
        print(_("Bundle {seq} refused by HQ: {reason}").format(seq=seq, reason=refusal_text(code)), file=sys.stderr)
    return 1 if result.refused else 0


def dispatch(args: argparse.Namespace, folder: Path, wiring: Wiring, passwords: PasswordSource) -> int:
    if args.command not in ("enrol", "sync"):
        raise StoreError("unknown_command")
    if args.command == "enrol" and not args.hq_keys:
        args.hq_keys = str(folder / "hq-keys.json")
        if not Path(args.hq_keys).exists():
            print(_("Error: give HQ's public key file with --hq-keys FILE."), file=sys.stderr)
            return 2
    session = sign_in_session(args, folder, wiring, passwords)
    try:
        if args.command == "enrol":
            return _enrol(session, args)
        handlers = {"status": lambda: _status(session), "export": lambda: _export(session, args),
                    "import": lambda: _import(session, args), "push": lambda: _push(session, args)}
        return handlers[args.sync_command]()
    except WingError as error:
        print(_("Error: {message}").format(message=describe_sync(error)), file=sys.stderr)
        return 2
    finally:
        session.lock()
