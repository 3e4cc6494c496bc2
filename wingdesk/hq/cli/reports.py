"""`status`: HQ's per-device sync report (wingdesk.hq.reports), as text or JSON. Needs no passphrase."""

from __future__ import annotations

import argparse

from wingdesk.hq import reports
from wingdesk.hq.cli.common import store_of


def cmd_status(args: argparse.Namespace) -> int:
    store = store_of(args)
    try:
        rows = reports.device_statuses(store)
    finally:
        store.close()
    if args.json:
        print(reports.status_json(rows))
        return 0
    for line in reports.status_lines(rows):
        print(line)
    return 0
