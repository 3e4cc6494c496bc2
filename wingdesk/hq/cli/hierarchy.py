"""`wingdesk-hq hierarchy sign FILE --out SIGNED`: check a prison/wing hierarchy document as the wings will and sign
it with HQ's key; the console's "Prisons and wings" page publishes it, after checking it against the revision in
force (docs/publishing.md)."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from wingdesk.domain.hierarchy.parse import MAX_BYTES
from wingdesk.domain.shown_text import printable
from wingdesk.hq.cli.common import read_at_most, unlock, write_new_file
from wingdesk.hq.hierarchy import sign_hierarchy
from wingdesk.i18n import _


def cmd_hierarchy(args: argparse.Namespace) -> int:
    data = read_at_most(Path(args.file), MAX_BYTES, _("{file} is larger than a hierarchy may be ({limit} KiB)."))
    hq = unlock(args)
    hierarchy, signed = sign_hierarchy(data, hq.current.sign_private, datetime.now(UTC))
    write_new_file(Path(args.out), signed)
    print(_("Signed revision {revision} of the prison/wing hierarchy ({prisons} prisons, {wings} wings) with HQ's key "
            "(key id {key}) into {file}.").format(revision=hierarchy.revision, prisons=len(hierarchy.prisons),
                                                   wings=len(hierarchy.wings), key=hq.current.sign_key_id,
                                                   file=printable(args.out)))
    return 0
