"""`wingdesk-hq subject-access PRISON_NUMBER --out DIR --staff NAME --reason TEXT` (issue 19 item 3): the prisoner's
copy of everything HQ holds on them, made by a signed-in HQ administrator (a console staff account: its passphrase
from stdin, or asked on the terminal) and recorded in HQ's audit (hq.subject_access, docs/subject-access.md)."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from wingdesk.domain.errors import NotFound
from wingdesk.domain.shown_text import printable
from wingdesk.hq.cli.common import CliError, store_of
from wingdesk.hq.console.auth_pages import SIGN_IN_REFUSALS
from wingdesk.hq.console.staff import StaffError, ensure_table, sign_in
from wingdesk.hq.store import SqlStore
from wingdesk.hq.subject_access import MAX_REASON, SubjectAccessRefused
from wingdesk.hq.subject_access_doc import export_copy
from wingdesk.i18n import _, current_language
from wingdesk.sync.reference import utc_text

ROLE = "hq_admin"


def refusal(code: str) -> str:
    return {
        "reason_missing": _("Say why the copy is made with --reason (for example the prisoner's request and its "
                            "date): every copy is recorded with its reason."),
        "reason_too_long": _("The reason is too long: at most {limit} characters.").format(limit=MAX_REASON),
    }[code]


def _staff_passphrase(name: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(_("Passphrase for {name}: ").format(name=name))
    return sys.stdin.readline().rstrip("\r\n")


def _refused(store: SqlStore, staff: str, code: str) -> None:
    """A refusal in HQ's audit: who tried and why it was refused (never the prison number)."""
    detail = json.dumps({"by": printable(staff)[:60], "refused": code})
    store.write(lambda repo: repo.audit(utc_text(datetime.now(UTC)), "subject_access_refused", "", "", detail))


def cmd_subject_access(args: argparse.Namespace) -> int:
    store = store_of(args)
    try:
        assert isinstance(store, SqlStore)
        ensure_table(store)
        try:
            account = sign_in(store, args.staff, _staff_passphrase(args.staff), time.time())
        except StaffError as error:
            _refused(store, args.staff, error.code)
            raise CliError(error.code, _(SIGN_IN_REFUSALS[error.code]).format(seconds=error.wait)) from None
        if account.role != ROLE:
            _refused(store, account.name, "not_hq_admin")
            raise CliError("not_hq_admin", _("Only an HQ administrator may make a prisoner's subject-access copy."))
        try:
            copy, paths = export_copy(store, args.number, Path(args.out), account.name, args.reason,
                                      datetime.now(UTC), _, current_language())
        except NotFound:
            _refused(store, account.name, "unknown_prisoner")
            raise CliError("unknown_prisoner", _("HQ holds nothing under this prison number.")) from None
        except SubjectAccessRefused as refused:
            raise CliError(refused.code, refusal(refused.code)) from None
    finally:
        store.close()
    for path in paths:
        print(path)
    print(_("Records disclosed: {n} (wings: {wings}); withheld: {m}. The disclosure is recorded in HQ's audit.")
          .format(n=len(copy.items), wings=len(copy.wings()), m=len(copy.withheld)), file=sys.stderr)
    return 0
