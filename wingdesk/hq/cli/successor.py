"""`wingdesk-hq replace OLD NEW --out FILE`: a new PC takes over from a dead one (issue 22 item 4; hq.successors)."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from wingdesk.domain.shown_text import printable
from wingdesk.hq import successors
from wingdesk.hq.cli.common import CliError, store_of, unlock, write_new_file
from wingdesk.i18n import _


def cmd_replace(args: argparse.Namespace) -> int:
    if Path(args.out).exists():
        raise CliError("file_exists", _("{file} already exists; choose another name.").format(
            file=printable(args.out)))
    hq_keys = unlock(args)
    store = store_of(args)
    try:
        data = successors.replace_device(store, hq_keys, args.old, args.new, datetime.now(UTC))
        write_new_file(Path(args.out), data)
    finally:
        store.close()
    print(_("Device {old} is retired: nothing it sends will be accepted. Its records at HQ are written to {file}, "
            "sealed to device {new}.").format(
        old=args.old, new=args.new, file=printable(args.out)))
    return 0
