"""`wingdesk-hq module sign FILE --out SIGNED`: validate a training module package and sign it with HQ's key."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from wingdesk.domain.modules.parse import MAX_BYTES
from wingdesk.domain.shown_text import printable
from wingdesk.hq.cli.common import read_at_most, unlock, write_new_file
from wingdesk.hq.cli.exchange import keep_in_library
from wingdesk.hq.modules import sign_module
from wingdesk.i18n import _


def cmd_module(args: argparse.Namespace) -> int:
    data = read_at_most(Path(args.file), MAX_BYTES, _("{file} is larger than a training module may be ({limit} KiB)."))
    hq = unlock(args)
    module, signed = sign_module(data, hq.current.sign_private, datetime.now(UTC))
    write_new_file(Path(args.out), signed)
    keep_in_library(args, "module", signed)  # for `exchange export` (issue 17 item 6)
    print(_("Signed training module {module} version {version} with HQ's key (key id {key}) into {file}.").format(
        module=module.module_id, version=module.version, key=hq.current.sign_key_id, file=printable(args.out)))
    return 0
