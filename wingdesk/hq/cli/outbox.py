"""HQ→wing data: `reference` queues roster, user or revocation items; `outbox` seals them into bundle files."""

from __future__ import annotations

import argparse
from pathlib import Path

from wingdesk.domain.shown_text import printable
from wingdesk.hq import outbox
from wingdesk.hq.cli.common import CliError, context
from wingdesk.i18n import _
from wingdesk.sync.errors import SyncError
from wingdesk.sync.reference import reference_item
from wingdesk.sync.strict_json import loads_object


def cmd_outbox(args: argparse.Namespace) -> int:
    ctx = context(args)
    try:
        if args.all:
            with ctx.store.transaction(write=False) as repo:
                ids = [d.device_id for d in repo.list_devices() if d.revoked_after_seq is None]
        else:
            ids = [args.device]
        outbox.write_outbox(ctx, ids, Path(args.to),
                            on_written=lambda path: print(_("Written {file}").format(file=printable(str(path)))))
    finally:
        ctx.store.close()
    return 0


def cmd_reference(args: argparse.Namespace) -> int:
    bodies = []
    for number, line in enumerate(Path(args.file).read_bytes().splitlines(), 1):
        if line.strip():
            try:
                body = loads_object(line)
                reference_item(args.kind, body)
            except SyncError:
                raise CliError("bad_line", _("Line {line} of the file is not a valid {kind} item; nothing was queued.")
                               .format(line=number, kind=args.kind)) from None
            bodies.append(body)
    ctx = context(args)
    try:
        count = len(outbox.add_references(ctx, args.kind, bodies, "" if args.all else args.device))
    finally:
        ctx.store.close()
    print(_("{count} reference items queued.").format(count=count))
    return 0
