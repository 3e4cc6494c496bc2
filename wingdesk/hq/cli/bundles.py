"""`import`: wing bundle files (or folders of them) from a USB stick, each verified and stored or refused."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wingdesk.domain.shown_text import printable
from wingdesk.hq.cli.common import CliError, context, initialised
from wingdesk.hq.cli.messages import describe_code, describe_os_error
from wingdesk.hq.ingest import ingest
from wingdesk.i18n import _
from wingdesk.sync import usb
from wingdesk.sync.errors import SyncError


def _expand(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        found.extend(usb.list_bundles(path) if path.is_dir() else [path])
    return found


def cmd_import(args: argparse.Namespace) -> int:
    initialised(args)
    files = _expand(args.files)
    if not files:
        raise CliError("nothing_to_import", _("No bundle files (.wdb) in what was given."))
    ctx = context(args)
    failures = 0
    for path in files:
        shown = printable(str(path))
        try:
            result = ingest(ctx, usb.read_bundle_file(path))
        except (SyncError, OSError) as error:
            failures += 1
            reason = describe_code(error.code) if isinstance(error, SyncError) else describe_os_error(error)
            print(_("{file}: refused. {reason}").format(file=shown, reason=reason), file=sys.stderr)
            continue
        quarantined = result.outcome == "quarantined"  # kept as evidence, not applied: a failure to report
        failures += quarantined
        print(
            _("{file}: {outcome}, device {device} sequence {seq}").format(
                file=shown, outcome=result.outcome, device=result.device_id, seq=result.seq
            ),
            file=sys.stderr if quarantined else sys.stdout,
        )
    ctx.store.close()
    return 1 if failures else 0
