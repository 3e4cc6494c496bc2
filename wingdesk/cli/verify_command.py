"""`wingdesk verify`: every signature, the audit chain and its head, content hashes, countersigned days.

Exit 0 when everything holds; 1 naming the first item that does not (an id and a reason code, never record text).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wingdesk.cli.passwords import PasswordSource
from wingdesk.cli.wiring import Wiring
from wingdesk.i18n import _


def cmd_verify(args: argparse.Namespace, folder: Path, wiring: Wiring, pw: PasswordSource) -> int:
    from wingdesk.cli.commands import sign_in_session

    session = sign_in_session(args, folder, wiring, pw)
    try:
        report = session.audit.verify_everything(every_signature=args.every_signature)
    finally:
        session.lock()
    counts = report.counts
    if report.intact:
        print(_("Verified: {audit} audit entries, {records} record versions, {amendments} amendments, "
                "{countersignatures} countersignatures.").format(
            audit=counts.get("audit_entries", 0), records=counts.get("record_versions", 0),
            amendments=counts.get("amendments", 0), countersignatures=counts.get("countersignatures", 0)))
        if counts.get("tombstones"):  # an administrator's hard deletes, each checked by its signed tombstone
            print(_("Records deleted by an administrator: {tombstones} (each tombstone checked; countersigned "
                    "entries among them: {entries}).").format(
                tombstones=counts["tombstones"], entries=counts.get("deleted_countersigned_entries", 0)))
        return 0
    print(_("Verification failed at {item}: {reason}.").format(item=report.bad_item, reason=report.reason),
          file=sys.stderr)
    return 1
