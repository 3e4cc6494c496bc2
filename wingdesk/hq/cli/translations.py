"""`wingdesk-hq translation publish FILE.po [--check]`: the console's translation update from the command line
(docs/publishing.md): the same preview (what changes, what is refused and why, what is ignored) and the same
signed publication for every wing, audited as published by "command line"."""

from __future__ import annotations

import argparse
from pathlib import Path

from wingdesk.domain.shown_text import printable
from wingdesk.domain.translations.document import MAX_BYTES
from wingdesk.hq import translations
from wingdesk.hq.cli.common import CliError, context
from wingdesk.hq.console.translation_pages import REASONS
from wingdesk.hq.publishing import PublishRefused
from wingdesk.hq.store import SqlStore
from wingdesk.i18n import _

STAFF = "command line"


def cmd_translation(args: argparse.Namespace) -> int:
    with Path(args.file).open("rb") as handle:
        data = handle.read(MAX_BYTES + 1)
    ctx = context(args)
    store = ctx.store
    try:
        assert isinstance(store, SqlStore)  # what hq.cli.common.store_of opens
        shown = translations.preview(store, data)
        print(_("{language}: version {version}; texts changed: {changed}; refused: {refused}; not in this program: "
                "{ignored}.").format(language=shown.language, version=shown.version, changed=len(shown.changes),
                                     refused=len(shown.refused), ignored=shown.ignored_count))
        for entry in shown.refused:
            print(f"  {printable(entry.msgid[:80])}: {_(REASONS[entry.why.code]).format(**entry.why.params)}")
        if args.check:
            return 0
        try:
            done = translations.publish(store, ctx.keys, ctx.clock(), shown.document, STAFF)
        except PublishRefused as error:
            raise CliError(error.code, _("Version {version} of {item} is not newer than version {newest}, which is "
                                         "already published; nothing was published.").format(**error.params)
                           ) from None
        print(_("Published {item} version {version}: every wing receives it in its next bundle from HQ.").format(
            item=done.item_id, version=done.version))
    finally:
        store.close()
    return 0
