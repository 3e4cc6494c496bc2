"""The `wingdesk` argument parser: every option and command with translated help, and `--version`.

Only parsing lives here (no command code), so `wingdesk` with no command reaches the window without loading the
commands. argparse's own frame (usage:, section titles, -h) goes through our catalogs too (i18n.cli_frame).
"""

from __future__ import annotations

import argparse
from typing import Any

from wingdesk.domain.handover_codes import LEGAL_BASES, OUTCOMES  # not the kinds: startup stays light
from wingdesk.i18n import LANGUAGES, _
from wingdesk.i18n.cli_frame import TranslatedParser as Parser

ROLES = ["officer", "supervisor", "treatment", "security", "governor", "admin"]
DISCIPLINES = ["PSY", "SW", "EDU", "REL"]


class _Version(argparse.Action):
    """Prints `wingdesk X.Y.Z` from the installed distribution's metadata (loaded only when asked)."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: Any, values: Any, option: Any = None) -> None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            installed = version("wingdesk")
        except PackageNotFoundError:
            parser.error(_("the wingdesk package is not installed, so its version is unknown"))
        print(f"{parser.prog} {installed}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="wingdesk", description=_("WingDesk: offline wing records."))
    parser.add_argument("--version", action=_Version, help=_("show the installed version and exit"))
    parser.add_argument("--data", metavar="DIR", help=_("data folder (default: WINGDESK_HOME or the platform's)"))
    parser.add_argument("--user", metavar="NAME", help=_("sign in as this user"))
    parser.add_argument("--password-stdin", action="store_true",
                        help=_("read passphrases from standard input, one per line"))
    parser.add_argument("--lang", choices=LANGUAGES, help=_("language of messages"))
    sub = parser.add_subparsers(dest="command", title=_("commands"), metavar="COMMAND")
    sub.add_parser("gui", help=_("open the desktop application (the default)"),
                   description=_("open the desktop application (the default)"))
    _add_init(sub)
    _add_user(sub)
    _add_demo(sub)
    audit = sub.add_parser("audit", help=_("audit log"), description=_("audit log"))
    asub = audit.add_subparsers(dest="audit_command", required=True, title=_("commands"), metavar="COMMAND")
    asub.add_parser("verify", help=_("check that the audit chain is intact"))
    _add_verify(sub)
    _add_sync(sub)
    _add_instrument(sub)
    _add_module(sub)
    _add_backup(sub)
    _add_subject_access(sub)
    _add_recovery(sub)
    _add_handover(sub)  # issue 19 item 2
    _add_transfer(sub)  # issue 19 item 1
    return parser


def _add_instrument(sub: Any) -> None:
    about = _("assessment instruments installed on this wing")
    instrument = sub.add_parser("instrument", help=about, description=about)
    isub = instrument.add_subparsers(dest="instrument_command", required=True, title=_("commands"),
                                     metavar="COMMAND")
    install = isub.add_parser("install", help=_("install an instrument file signed by HQ"))
    what = install.add_mutually_exclusive_group(required=True)
    what.add_argument("file", nargs="?", metavar="FILE", help=_("the signed instrument file from HQ"))
    what.add_argument("--shipped", action="store_true",
                      help=_("install the open instruments that come with WingDesk"))
    isub.add_parser("list", help=_("list the instruments in force and their versions"))
    show = isub.add_parser("show", help=_("show an instrument's domains, items and rating scales"))
    show.add_argument("instrument", metavar="ID", help=_("the instrument's id"))
    show.add_argument("--version", type=int, metavar="N", help=_("this version (default: the one in force)"))
    show.add_argument("--region", choices=["AL", "BA", "XK", "ME", "MK", "RS"],
                      help=_("with this country's added guidance (default: the wing's country)"))


def _add_module(sub: Any) -> None:  # training modules (issue 18)
    about = _("training modules installed on this wing")
    module = sub.add_parser("module", help=about, description=about)
    msub = module.add_subparsers(dest="module_command", required=True, title=_("commands"), metavar="COMMAND")
    install = msub.add_parser("install", help=_("install a training module file signed by HQ"))
    what = install.add_mutually_exclusive_group(required=True)
    what.add_argument("file", nargs="?", metavar="FILE", help=_("the signed module file from HQ"))
    what.add_argument("--shipped", action="store_true", help=_("install the training modules that come with WingDesk"))
    msub.add_parser("list", help=_("list the training modules in force"))


def _add_init(sub: Any) -> None:
    init = sub.add_parser("init", help=_("create a new wing database"), description=_("create a new wing database"))
    init.add_argument("--wing", required=True, metavar="NAME", help=_("the wing's name"))
    init.add_argument("--admin", required=True, metavar="USER", help=_("user name of the first administrator"))
    init.add_argument("--admin-name", metavar="NAME", help=_("the administrator's full name"))
    init.add_argument("--prison", default="", metavar="NAME", help=_("prison name"))


def _add_user(sub: Any) -> None:
    user = sub.add_parser("user", help=_("manage staff accounts"), description=_("manage staff accounts"))
    usub = user.add_subparsers(dest="user_command", required=True, title=_("commands"), metavar="COMMAND")
    add = usub.add_parser("add", help=_("add a staff account"), description=_("add a staff account"))
    add.add_argument("username", metavar="USER", help=_("the new account's user name"))
    add.add_argument("--role", required=True, choices=ROLES, help=_("the account's role"))
    add.add_argument("--name", metavar="NAME", help=_("full name"))
    add.add_argument("--discipline", choices=DISCIPLINES,
                     help=_("treatment staff only: the discipline, psychology (PSY), social work (SW), education (EDU) "
                            "or religious care (REL)"))
    usub.add_parser("list", help=_("list the staff accounts"))
    remove = usub.add_parser("remove", help=_("remove an account; the database key is rotated"))
    remove.add_argument("username", metavar="USER", help=_("user name of the account"))
    unlock = usub.add_parser("unlock", help=_("unlock an account locked after failed sign-ins"))
    unlock.add_argument("username", metavar="USER", help=_("user name of the account"))
    reset = usub.add_parser("reset", help=_("give an account a new passphrase (a new key slot and signing key)"))
    reset.add_argument("username", metavar="USER", help=_("user name of the account"))


def _add_demo(sub: Any) -> None:
    demo = sub.add_parser("demo", help=_("create (or reuse) a demo wing with synthetic data"),
                          description=_("create (or reuse) a demo wing with synthetic data"))
    demo.add_argument("--no-gui", action="store_true",
                      help=_("only create the demo wing and print its accounts; do not open the window"))
    demo.add_argument("--size", choices=["normal", "large"], default="normal",
                      help=_("'normal': 40 prisoners; 'large': 2,000 prisoners"))
    demo.add_argument("--screenshots", metavar="DIR",
                      help=_("save screenshots of every main screen into this folder, then quit"))
    demo.add_argument("--screenshot-lang", metavar="CODES", default="en",
                      help=_("comma-separated languages for --screenshots"))


def _add_verify(sub: Any) -> None:
    about = _("check every signature, the audit chain, content hashes and countersigned days")
    verify = sub.add_parser("verify", help=about, description=about)
    verify.add_argument("--every-signature", action="store_true",
                        help=_("check each signature one by one (slower)"))


def _add_sync(sub: Any) -> None:
    enrol = sub.add_parser("enrol", help=_("enrol this PC with HQ (makes a request file for HQ)"),
                           description=_("enrol this PC with HQ (makes a request file for HQ)"))
    enrol.add_argument("--hq-keys", metavar="FILE",
                       help=_("HQ's public key file (default: hq-keys.json in the data folder, put there by the "
                              "installer)"))
    enrol.add_argument("--out", required=True, metavar="REQUEST", help=_("where to write the request file"))
    enrol.add_argument("--again", action="store_true",
                       help=_("install HQ's key file on a PC HQ already enrolled (only when HQ issued new keys)"))
    sync = sub.add_parser("sync", help=_("exchange sealed bundles with HQ"),
                          description=_("exchange sealed bundles with HQ"))
    ssub = sync.add_subparsers(dest="sync_command", required=True, title=_("commands"), metavar="COMMAND")
    export = ssub.add_parser("export", help=_("write pending bundles to a stick"))
    export.add_argument("--to", required=True, metavar="DIR", help=_("the stick (or folder) to write to"))
    imp = ssub.add_parser("import", help=_("apply HQ bundles or receipts from files or a stick"))
    imp.add_argument("files", nargs="+", metavar="FILE", help=_("bundle or receipt files from HQ"))
    push = ssub.add_parser("push", help=_("send pending bundles to HQ over HTTPS"))
    push.add_argument("--url", metavar="URL", help=_("HQ address (default: the saved one)"))
    push.add_argument("--ca", metavar="FILE", help=_("certificate authority file to trust for HQ"))
    ssub.add_parser("status", help=_("show what is waiting to be sent"))


def _add_backup(sub: Any) -> None:
    about = _("write a verified, encrypted backup of the wing to a folder or stick")
    backup = sub.add_parser("backup", help=about, description=about)
    backup.add_argument("--to", required=True, metavar="DIR", help=_("the folder or stick to write to"))
    backup.add_argument("--keep", type=int, default=7, metavar="N",
                        help=_("how many backups to keep there; older ones are removed (default: 7)"))
    about = _("restore the wing from a backup (a supervisor's or administrator's passphrase)")
    restore = sub.add_parser("restore", help=about, description=about)
    restore.add_argument("backup", nargs="?", metavar="BACKUP",
                         help=_("a backup folder, or a folder of backups (the newest is used)"))
    restore.add_argument("--continue-after", metavar="SEQ:HASH",
                         help=_("HQ's last acknowledged bundle from this PC, as HQ's status shows it"))


def _add_subject_access(sub: Any) -> None:
    about = _("write a prisoner's copy of their records (readable PDF and JSON), leaving out what is withheld")
    access = sub.add_parser("subject-access", help=about, description=about)
    access.add_argument("number", metavar="PRISON_NUMBER", help=_("the prisoner's prison number"))
    access.add_argument("--out", required=True, metavar="DIR", help=_("the folder to write the copy to"))


def _add_recovery(sub: Any) -> None:
    """HQ recovery (issue 22 item 3): install HQ's recovery key; recover with HQ's grant."""
    about = _("install HQ's recovery key file for this PC (an administrator)")
    key = sub.add_parser("recovery-key", help=about, description=about)
    key.add_argument("file", metavar="FILE", help=_("the recovery key file HQ wrote for this PC"))
    about = _("create a new administrator from HQ's recovery grant, when no administrator can sign in")
    recover = sub.add_parser("recover", help=about, description=about)
    recover.add_argument("grant", metavar="GRANT", help=_("the recovery grant file from HQ"))
    recover.add_argument("--admin", metavar="USER", help=_("user name of the new administrator"))
    recover.add_argument("--admin-name", metavar="NAME", help=_("the new administrator's full name"))
    about = _("write HQ's successor package into this new PC: the dead PC's records HQ acknowledged (an "
              "administrator)")
    successor = sub.add_parser("restore-from-hq", help=about, description=about)
    successor.add_argument("file", metavar="FILE", help=_("the successor package HQ wrote for this PC "
                                                          "('wingdesk-hq replace')"))


def _add_handover(sub: Any) -> None:
    about = _("seal chosen parts of a prisoner's file to an agency before release (treatment staff, governor)")
    handover = sub.add_parser("handover", help=about, description=about)
    handover.add_argument("number", metavar="PRISON_NUMBER", help=_("the prisoner's prison number"))
    handover.add_argument("--list", action="store_true",
                          help=_("only list the agencies and the items you may hand over (PART:RECORD_ID)"))
    handover.add_argument("--agency", metavar="NAME", help=_("the agency's name, as HQ lists it"))
    handover.add_argument("--basis", choices=LEGAL_BASES, help=_("the legal basis, or CONSENT for the prisoner's "
                                                                 "written consent"))
    handover.add_argument("--detail", metavar="TEXT", help=_("the law's article, court order or consent form, "
                                                             "in words"))
    handover.add_argument("--items", nargs="+", metavar="PART:RECORD_ID", help=_("the items to hand over"))
    handover.add_argument("--out", metavar="FILE", help=_("the sealed file to write (must not exist yet)"))
    handover.add_argument("--outcome", choices=OUTCOMES,
                          help=_("instead: record the outcome probation reported after release"))
    handover.add_argument("--month", metavar="YYYY-MM", help=_("the month of that outcome"))


def _add_transfer(sub: Any) -> None:
    about = _("transfer a prisoner's file to another prison, through HQ or on a USB stick (governor)")
    transfer = sub.add_parser("transfer", help=about, description=about)
    tsub = transfer.add_subparsers(dest="transfer_command", required=True, title=_("commands"), metavar="COMMAND")
    tsub.add_parser("list", help=_("list the prisons HQ lists and the transfers waiting here"))
    export = tsub.add_parser("export", help=_("seal the file for another prison and save it to a file for a USB "
                                              "stick (it also goes through HQ)"))
    export.add_argument("number", metavar="PRISON_NUMBER", help=_("the prisoner's prison number"))
    export.add_argument("--to", required=True, metavar="PRISON", help=_("the receiving prison, as HQ lists it, or "
                                                                        "its PC's id"))
    export.add_argument("--out", required=True, metavar="FILE", help=_("the file to write on the stick"))
    imp = tsub.add_parser("import", help=_("check a transfer file from a USB stick and keep it waiting to be "
                                           "accepted"))
    imp.add_argument("file", metavar="FILE", help=_("the transfer file"))
    accept = tsub.add_parser("accept", help=_("accept a transfer waiting here"))
    accept.add_argument("transfer_id", metavar="TRANSFER_ID", help=_("as 'transfer list' or 'transfer import' "
                                                                     "shows it"))
