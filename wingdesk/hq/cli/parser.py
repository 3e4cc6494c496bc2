"""`wingdesk-hq`'s command line: every option and sub-command with its (translated) help text."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any, NoReturn

from wingdesk.domain.agencies import AGENCY_TYPES
from wingdesk.i18n import LANGUAGES, _
from wingdesk.i18n.cli_frame import TranslatedParser
from wingdesk.sync.header import MAX_SEQ
from wingdesk.sync.reference import REFERENCE_KINDS

DISTRIBUTION = "wingdesk"


class _Version(argparse.Action):
    """`--version`: the installed distribution's version, read only when asked for (importlib.metadata)."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_args: Any) -> NoReturn:
        print(f"{parser.prog} {metadata.version(DISTRIBUTION)}")
        parser.exit()


def _bounded_int(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(_("a whole number is needed")) from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(_("must be between {low} and {high}").format(low=low, high=high))
        return value

    return parse


_sequence = _bounded_int(0, MAX_SEQ)
_port = _bounded_int(1, 65535)
_kdf_memory = _bounded_int(64, 4096)


def _target(command: argparse.ArgumentParser, device_help: str, all_help: str) -> None:
    target = command.add_mutually_exclusive_group(required=True)
    target.add_argument("--device", metavar="ID", help=device_help)
    target.add_argument("--all", action="store_true", help=all_help)


def build_parser() -> argparse.ArgumentParser:
    parser = TranslatedParser(prog="wingdesk-hq", description=_("WingDesk headquarters sync tool"))
    parser.add_argument("--version", action=_Version, help=_("show the installed version and exit"))
    parser.add_argument("--data", metavar="DIR",
                        help=_("data folder (default: $WINGDESK_HQ_HOME or the user data folder)"))
    parser.add_argument("--password-stdin", action="store_true", help=_("read the HQ passphrase from stdin"))
    parser.add_argument("--db", metavar="URL",
                        help=_("database URL: postgresql://… (default: SQLite in the data folder)"))
    parser.add_argument("--lang", choices=LANGUAGES, help=_("language of messages"))
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    init = sub.add_parser("init", help=_("create HQ key pairs and the database"))
    init.add_argument("--env", choices=("prod", "test"), default="prod",
                      help=_("environment: a wing only syncs with an HQ of its own environment (default: prod)"))
    init.add_argument("--name", default="HQ", help=_("this HQ's name, shown to the wings (default: HQ)"))
    init.add_argument("--kdf-memory-mib", type=_kdf_memory, default=256, metavar="MIB",
                      help=_("memory in MiB for deriving the key file's key from the passphrase, 64 to 4096 "
                             "(default: 256)"))

    keys = sub.add_parser("keys", help=_("export the public key file for wings"))
    keys.add_argument("--out", required=True, metavar="FILE", help=_("file to write (must not exist yet)"))

    enrol = sub.add_parser("enrol", help=_("enrol a device from its request file"))
    enrol.add_argument("request", metavar="FILE", help=_("the enrolment request file the wing wrote"))
    enrol.add_argument("--code", help=_("confirmation code read out by the wing"))

    revoke = sub.add_parser("revoke", help=_("revoke a lost device"))
    revoke.add_argument("device", metavar="ID", help=_("the device ID"))
    revoke.add_argument("--after-seq", type=_sequence, metavar="SEQ",
                        help=_("refuse its bundles after this sequence number "
                               "(default: the last one received without a gap)"))

    replace = sub.add_parser("replace", help=_("retire a dead device and seal its records to its successor"))
    replace.add_argument("old", metavar="OLD", help=_("the dead device's ID"))
    replace.add_argument("new", metavar="NEW", help=_("the ID of the new PC, already enrolled for the same wing"))
    replace.add_argument("--out", required=True, metavar="FILE", help=_("file to write (must not exist yet)"))

    imports = sub.add_parser("import", help=_("import bundle files or folders"))
    imports.add_argument("files", nargs="+", metavar="PATH", help=_("bundle files (.wdb), or folders holding them"))

    serve = sub.add_parser("serve", help=_("run the HTTPS receiver"))
    serve.add_argument("--host", default="127.0.0.1", help=_("address to listen on (default: 127.0.0.1)"))
    serve.add_argument("--port", type=_port, default=8443, help=_("port to listen on (default: 8443)"))
    serve.add_argument("--tls-cert", type=Path, metavar="FILE", help=_("TLS certificate chain (PEM)"))
    serve.add_argument("--tls-key", type=Path, metavar="FILE", help=_("TLS private key (PEM)"))
    serve.add_argument("--behind-proxy", action="store_true",
                       help=_("a reverse proxy on this machine (nginx) terminates TLS and caps connections per "
                              "client; listen on loopback only"))

    box = sub.add_parser("outbox", help=_("write bundles from HQ to the wings"))
    _target(box, _("write the bundle for this device"), _("write a bundle for every device not revoked"))
    box.add_argument("--to", required=True, metavar="DIR", help=_("folder to write the bundle files to"))

    ref = sub.add_parser("reference", help=_("queue roster, user or revocation data (JSON Lines of bodies)"))
    ref.add_argument("--kind", choices=REFERENCE_KINDS, required=True, help=_("what the file holds"))
    _target(ref, _("queue the items for this device"), _("queue the items for every device"))
    ref.add_argument("file", metavar="FILE", help=_("JSON Lines file, one item body per line"))

    instrument = sub.add_parser("instrument", help=_("assessment instruments for the wings"))
    isub = instrument.add_subparsers(dest="instrument_command", required=True, metavar="COMMAND")
    sign = isub.add_parser("sign", help=_("check an instrument definition and sign it with HQ's key"))
    sign.add_argument("file", metavar="FILE", help=_("the instrument definition (JSON)"))
    sign.add_argument("--out", required=True, metavar="FILE", help=_("the signed file to write (must not exist yet)"))

    _add_recovery(sub)
    module = sub.add_parser("module", help=_("training modules for the wings"))  # issue 18
    msub = module.add_subparsers(dest="module_command", required=True, metavar="COMMAND")
    msign = msub.add_parser("sign", help=_("check a training module package and sign it with HQ's key"))
    msign.add_argument("file", metavar="FILE", help=_("the module package (JSON)"))
    msign.add_argument("--out", required=True, metavar="FILE", help=_("the signed file to write (must not exist yet)"))
    codelist = sub.add_parser("codelist", help=_("code lists for the wings (the plan step types)"))
    csub = codelist.add_subparsers(dest="codelist_command", required=True, metavar="COMMAND")
    csign = csub.add_parser("sign", help=_("check a code list and sign it with HQ's key"))
    csign.add_argument("file", metavar="FILE", help=_("the code list (JSON)"))
    csign.add_argument("--out", required=True, metavar="FILE", help=_("the signed file to write (must not exist yet)"))
    tree = sub.add_parser("hierarchy", help=_("the prison/wing hierarchy for the wings"))
    hsub = tree.add_subparsers(dest="hierarchy_command", required=True, metavar="COMMAND")
    hsign = hsub.add_parser("sign", help=_("check a prison/wing hierarchy and sign it with HQ's key"))
    hsign.add_argument("file", metavar="FILE", help=_("the hierarchy (JSON)"))
    hsign.add_argument("--out", required=True, metavar="FILE", help=_("the signed file to write (must not exist yet)"))
    console = sub.add_parser("console", help=_("run the HQ console for HQ staff in the browser"))
    console.add_argument("--host", default="127.0.0.1", help=_("address to listen on (default: 127.0.0.1)"))
    console.add_argument("--port", type=_port, default=8444, help=_("port to listen on (default: 8444)"))
    console.add_argument("--idle-minutes", type=_bounded_int(1, 240), default=15, metavar="MINUTES",
                         help=_("sign a browser out after this many minutes without activity (default: 15)"))

    staff = sub.add_parser("staff", help=_("HQ staff accounts for the console"))
    ssub = staff.add_subparsers(dest="staff_command", required=True, metavar="COMMAND")
    staff_add = ssub.add_parser("add", help=_("add an account; its passphrase is read from stdin"))
    staff_add.add_argument("name", metavar="NAME", help=_("the staff member's sign-in name"))
    staff_add.add_argument("--role", required=True, choices=("hq_admin", "analyst", "hq_security"),
                           help=_("what the account may do"))
    staff_unlock = ssub.add_parser("unlock", help=_("unlock an account after too many failed sign-ins"))
    staff_unlock.add_argument("name", metavar="NAME", help=_("the staff member's sign-in name"))

    _add_agency(sub)  # issue 19 item 2
    _add_subject_access(sub)  # issue 19 item 3
    _add_research(sub)  # issue 17 item 4
    _add_exchange(sub)  # issue 17 item 6
    translation = sub.add_parser("translation", help=_("translation updates for the wings"))  # issue 17 item 3
    tsub = translation.add_subparsers(dest="translation_command", required=True, metavar="COMMAND")
    tpub = tsub.add_parser("publish", help=_("check a .po file and publish what it changes to every wing"))
    tpub.add_argument("file", metavar="FILE", help=_("the translation file (.po) for one language"))
    tpub.add_argument("--check", action="store_true", help=_("only show what would change; publish nothing"))
    status = sub.add_parser("status", help=_("per-device sync status"))
    status.add_argument("--json", action="store_true", help=_("print the report as JSON"))
    return parser


def _add_research(sub: Any) -> None:
    """The pseudonymised research data set (hq.research_export)."""
    research = sub.add_parser("research", help=_("the pseudonymised research data set"))
    rsub = research.add_subparsers(dest="research_command", required=True, metavar="COMMAND")
    export = rsub.add_parser("export", help=_("write the research data as CSV or Parquet, with its data dictionary"))
    export.add_argument("--out", metavar="FILE",
                        help=_("file to write, .csv or .parquet (must not exist yet); the dictionary goes beside it"))
    export.add_argument("--purpose", metavar="TEXT", help=_("what the data are for (recorded in HQ's audit)"))
    export.add_argument("--dictionary", action="store_true", help=_("print the data dictionary and exit"))
    rsub.add_parser("rebuild", help=_("derive the research data anew from every record HQ holds"))


_generation = _bounded_int(1, 1_000_000)


def _add_exchange(sub: Any) -> None:
    """Instruments and training modules between prison services (hq.exchange_store, docs/exchange.md)."""
    exchange = sub.add_parser("exchange", help=_("share instruments and training modules with other services"))
    esub = exchange.add_subparsers(dest="exchange_command", required=True, metavar="COMMAND")
    keys = esub.add_parser("keys", help=_("write this service's exchange key file for other services"))
    keys.add_argument("--out", required=True, metavar="FILE", help=_("file to write (must not exist yet)"))
    trust = esub.add_parser("trust", help=_("register another service's exchange key file"))
    trust.add_argument("file", metavar="FILE", help=_("the other service's exchange key file"))
    trust.add_argument("--fingerprint", required=True, metavar="FP",
                       help=_("the fingerprint the other service read out by phone"))
    untrust = esub.add_parser("untrust", help=_("withdraw trust in a service's exchange key (lost or replaced)"))
    untrust.add_argument("service", metavar="SERVICE", help=_("the trusted service's name"))
    export = esub.add_parser("export", help=_("seal an instrument or module this HQ holds for a trusted service"))
    export.add_argument("--kind", required=True, choices=("instrument", "module"), help=_("what to send"))
    export.add_argument("id", metavar="ID", help=_("the instrument's or module's id"))
    export.add_argument("--version", type=_generation, metavar="N", help=_("the version to send (default: the newest)"))
    export.add_argument("--to", required=True, metavar="SERVICE", help=_("the trusted service's name"))
    export.add_argument("--out", required=True, metavar="FILE", help=_("file to write (must not exist yet)"))
    imports = esub.add_parser("import", help=_("check an exchange file and hold its item as received"))
    imports.add_argument("file", metavar="FILE", help=_("the exchange file another service sent"))
    esub.add_parser("list", help=_("show the items received from other services"))
    adopt = esub.add_parser("adopt", help=_("adopt a received item: sign it with this HQ's key for its wings"))
    adopt.add_argument("id", metavar="ID", help=_("the received item's id (at least its first 8 characters)"))
    adopt.add_argument("--staff", required=True, metavar="NAME",
                       help=_("an hq_admin staff account; its passphrase is asked for (with --password-stdin: the "
                              "second line)"))
    adopt.add_argument("--out", required=True, metavar="FILE",
                       help=_("the signed file to write for the wings (must not exist yet)"))


_hours = _bounded_int(1, 168)


def _add_recovery(sub: Any) -> None:
    """HQ recovery of a wing whose administrators are all gone (issue 22 item 3; hq.recovery)."""
    admin = sub.add_parser("admin-add", help=_("register an HQ administrator (who may approve a recovery grant)"))
    admin.add_argument("--name", required=True, help=_("the administrator's name"))
    admin.add_argument("--key-out", required=True, metavar="FILE",
                       help=_("the administrator's key file to write (must not exist yet)"))
    keygen = sub.add_parser("recovery-keygen", help=_("make HQ's recovery key (a file kept offline)"))
    keygen.add_argument("--out", required=True, metavar="FILE", help=_("file to write (must not exist yet)"))
    key = sub.add_parser("recovery-key", help=_("queue a device's recovery key for its next bundle from HQ"))
    key.add_argument("--device", required=True, metavar="ID", help=_("the device ID"))
    key.add_argument("--recovery-key", required=True, metavar="FILE", help=_("HQ's recovery key file"))
    key.add_argument("--out", metavar="FILE",
                     help=_("also write it to this file, for a wing's administrator to install (must not exist yet)"))
    grant = sub.add_parser("recovery-grant",
                           help=_("issue a one-time grant that creates a new administrator on a wing"))
    grant.add_argument("--device", required=True, metavar="ID", help=_("the device ID"))
    grant.add_argument("--recovery-key", required=True, metavar="FILE", help=_("HQ's recovery key file"))
    grant.add_argument("--approver", action="append", required=True, metavar="FILE",
                       help=_("an approving HQ administrator's key file; give two, of two different administrators"))
    grant.add_argument("--out", required=True, metavar="FILE", help=_("file to write (must not exist yet)"))
    grant.add_argument("--hours", type=_hours, default=48, metavar="N",
                       help=_("hours until the grant expires, 1 to 168 (default: 48)"))
    grant.add_argument("--generation", type=_generation, metavar="N",
                       help=_("the recovery key generation the wing holds, if it says HQ's differs"))


def _add_subject_access(sub: Any) -> None:
    """A prisoner's copy of everything HQ holds on them (hq.subject_access)."""
    access = sub.add_parser("subject-access", help=_("write a prisoner's copy of everything HQ holds on them"))
    access.add_argument("number", metavar="PRISON_NUMBER", help=_("the prisoner's prison number"))
    access.add_argument("--out", required=True, metavar="DIR", help=_("folder to write the JSON and HTML files to"))
    access.add_argument("--staff", required=True, metavar="NAME",
                        help=_("your HQ administrator account (its passphrase is read from stdin)"))
    access.add_argument("--reason", required=True, metavar="TEXT",
                        help=_("why the copy is made, e.g. the prisoner's request and its date (recorded in HQ's "
                               "audit)"))


def _add_agency(sub: Any) -> None:
    """Agencies a wing may seal a pre-release handover to (issue 19 item 2; hq.agencies)."""
    agency = sub.add_parser("agency", help=_("agencies the wings may hand a prisoner's file to before release"))
    asub = agency.add_subparsers(dest="agency_command", required=True, metavar="COMMAND")
    add = asub.add_parser("add", help=_("list an agency with its age public key, for every wing"))
    add.add_argument("name", metavar="NAME", help=_("the agency's name, as the wings show it"))
    add.add_argument("--type", required=True, choices=AGENCY_TYPES,
                     help=_("probation, social work centre, municipal prevention coordinator or vetted NGO"))
    add.add_argument("--recipient", required=True, metavar="AGE1…", help=_("the agency's age public key (age1…)"))
    asub.add_parser("list", help=_("show the agencies listed now"))
    remove = asub.add_parser("remove", help=_("take an agency off the list"))
    remove.add_argument("name", metavar="NAME", help=_("the agency's name"))
