"""`research export`: the pseudonymised research data set as CSV or Parquet with its data dictionary, recorded in
HQ's audit with who exported it and for what purpose (hq.research_export, docs/research-data.md). `research
rebuild`: derive it anew from every record HQ holds (needs the passphrase: the research key is in HQ's key file)."""

from __future__ import annotations

import argparse
import getpass
import json
from datetime import UTC, datetime
from pathlib import Path

from wingdesk.hq.cli.common import CliError, store_of, unlock
from wingdesk.hq.research_export import ExportRefused, dictionary_text, export
from wingdesk.hq.research_ingest import rebuild_research
from wingdesk.i18n import _
from wingdesk.sync.reference import utc_text


def _refusal(code: str) -> str:
    return {
        "research_purpose_missing": _("Say what the data are for with --purpose: every export is recorded with its "
                                      "purpose."),
        "research_purpose_too_long": _("The purpose is too long: at most 500 characters."),
        "research_format": _("The output file must end in .csv or .parquet."),
        "research_no_parquet": _("Parquet needs the pyarrow package, which is not installed here: export to .csv "
                                 "instead."),
        "research_out_exists": _("The output file (or its data dictionary beside it) already exists: choose "
                                 "another name."),
    }[code]


def _who() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this account (e.g. a container's numeric user)
        return "unknown"


def cmd_research(args: argparse.Namespace) -> int:
    if args.research_command == "rebuild":
        hq = unlock(args)
        store = store_of(args)
        try:
            facts = rebuild_research(store, hq.research_key)
            store.write(lambda repo: repo.audit(utc_text(datetime.now(UTC)), "research_rebuilt", "", "",
                                                json.dumps({"by": _who(), "facts": facts})))
        finally:
            store.close()
        print(_("The research data were derived anew: {facts} facts.").format(facts=facts))
        return 0
    if args.dictionary:
        print(dictionary_text())
        return 0
    if not args.out:
        raise CliError("research_out_missing", _("Name the file to write with --out FILE.csv or --out FILE.parquet."))
    store = store_of(args)
    try:
        done = export(store, Path(args.out), args.purpose, _who(), datetime.now(UTC))
    except ExportRefused as refused:
        raise CliError(refused.code, _refusal(refused.code)) from None
    finally:
        store.close()
    print(_("Exported {rows} rows to {file}; data dictionary: {dictionary}.").format(
        rows=done.rows, file=done.path, dictionary=done.dictionary))
    return 0
