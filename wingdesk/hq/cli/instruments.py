"""`wingdesk-hq instrument sign FILE --out SIGNED`: validate an instrument definition and sign it with HQ's key."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from wingdesk.domain.instruments.parse import MAX_BYTES
from wingdesk.domain.shown_text import printable
from wingdesk.hq.cli.common import read_at_most, unlock, write_new_file
from wingdesk.hq.cli.exchange import keep_in_library
from wingdesk.hq.instruments import sign_instrument
from wingdesk.i18n import _


def cmd_instrument(args: argparse.Namespace) -> int:
    data = read_at_most(Path(args.file), MAX_BYTES, _("{file} is larger than an instrument may be ({limit} KiB)."))
    hq = unlock(args)
    instrument, signed = sign_instrument(data, hq.current.sign_private, datetime.now(UTC))
    write_new_file(Path(args.out), signed)
    keep_in_library(args, "instrument", signed)  # for `exchange export` (issue 17 item 6)
    print(_("Signed {instrument} version {version} with HQ's key (key id {key}) into {file}.").format(
        instrument=instrument.instrument_id, version=instrument.version, key=hq.current.sign_key_id,
        file=printable(args.out)))
    return 0
