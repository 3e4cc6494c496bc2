"""`wingdesk-hq codelist sign FILE --out SIGNED`: validate a code-list document (the plan step types HQ adds) and
sign it with HQ's key; the console's Publishing page publishes it (docs/publishing.md)."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from wingdesk.domain.code_lists.parse import MAX_BYTES
from wingdesk.domain.shown_text import printable
from wingdesk.hq.cli.common import read_at_most, unlock, write_new_file
from wingdesk.hq.code_lists import sign_code_list
from wingdesk.i18n import _


def cmd_codelist(args: argparse.Namespace) -> int:
    data = read_at_most(Path(args.file), MAX_BYTES, _("{file} is larger than a code list may be ({limit} KiB)."))
    hq = unlock(args)
    code_list, signed = sign_code_list(data, hq.current.sign_private, datetime.now(UTC))
    write_new_file(Path(args.out), signed)
    print(_("Signed code list {list} version {version} with HQ's key (key id {key}) into {file}.").format(
        list=code_list.name, version=code_list.version, key=hq.current.sign_key_id, file=printable(args.out)))
    return 0
