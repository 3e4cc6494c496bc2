"""`wingdesk-hq`: HQ keys, enrolment, revocation, bundle import, HTTPS receiver, outbox and status."""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import multiprocessing
import os
import ssl
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import platformdirs

from wingdesk.crypto.no_core_dumps import forbid_core_dumps
from wingdesk.domain.errors import WingError
from wingdesk.domain.passwords import check_passphrase
from wingdesk.domain.shown_text import printable
from wingdesk.hq import devices, keystore, outbox, status
from wingdesk.hq.cli_messages import describe_code, describe_os_error
from wingdesk.hq.errors import DeviceRevoked
from wingdesk.hq.ingest import HqContext, ingest
from wingdesk.hq.store import is_database_error, open_store
from wingdesk.i18n import _
from wingdesk.i18n.messages import describe
from wingdesk.storage.resources import load_blocklist
from wingdesk.sync import keys, usb
from wingdesk.sync.errors import SyncError
from wingdesk.sync.header import MAX_SEQ
from wingdesk.sync.hq_key_file import load_hq_public_keys, make_hq_key_file
from wingdesk.sync.reference import REFERENCE_KINDS, reference_item, utc_text
from wingdesk.sync.strict_json import loads_object

log = logging.getLogger(__name__)


class CliError(Exception):
    """A user-facing failure: a stable code plus an optional already-translated hint."""

    def __init__(self, code: str, hint: str = "") -> None:
        super().__init__(code)
        self.code, self.hint = code, hint


def _data_dir(args: argparse.Namespace) -> Path:
    chosen = args.data or os.environ.get("WINGDESK_HQ_HOME")
    return Path(chosen) if chosen else Path(platformdirs.user_data_dir("wingdesk-hq", appauthor=False))


def _passphrase(args: argparse.Namespace, new: bool = False) -> bytes:
    """The HQ passphrase from stdin or the terminal; a new one is asked twice and must meet the passphrase policy
    the wings use (security.md §2.9: 15 characters or more, not a common one)."""
    if args.password_stdin:
        text = sys.stdin.readline().rstrip("\r\n")
    else:
        text = getpass.getpass(_("HQ passphrase: "))
        if new and getpass.getpass(_("Repeat the HQ passphrase: ")) != text:
            raise CliError("passphrase_mismatch", _("The two passphrases differ."))
    if not text:
        raise CliError("passphrase_empty", _("A passphrase is required."))
    if new:
        check_passphrase(text, load_blocklist(), (args.name,))
    return keystore.normalise_passphrase(text)


def _keystore_path(args: argparse.Namespace) -> Path:
    return _data_dir(args) / keystore.KEYSTORE_NAME


def _initialised(args: argparse.Namespace) -> Path:
    """The data folder, which must hold HQ's key file: a mistyped --data is refused, not created empty."""
    if not _keystore_path(args).exists():
        raise CliError("not_initialised", _("No HQ keys in this data folder: check --data, or run 'wingdesk-hq init'."))
    return _data_dir(args)


def _unlock(args: argparse.Namespace) -> keystore.HqKeys:
    _initialised(args)
    return keystore.load_keystore(_keystore_path(args), _passphrase(args))


def _open_store(args: argparse.Namespace, *, create: bool = False) -> Any:
    """The HQ database; a --db that is neither postgresql:// nor sqlite:/// is a clear error, not a traceback."""
    folder = _data_dir(args) if create else _initialised(args)
    try:
        return open_store(folder, args.db)
    except ValueError:
        raise CliError("bad_db_url", _("The database address must start with postgresql:// (or leave --db out "
                                       "to keep the database in the data folder).")) from None


def _env(args: argparse.Namespace) -> str:
    return str(keystore.public_info(_keystore_path(args))["env"])


def _context(args: argparse.Namespace) -> HqContext:
    hq = _unlock(args)
    return HqContext(_open_store(args), hq)


def cmd_init(args: argparse.Namespace) -> int:
    path = _keystore_path(args)
    if path.exists():
        raise CliError("already_initialised", _("HQ keys already exist in this data folder."))
    params = keystore.KdfParams(memory_kib=args.kdf_memory_mib * 1024)
    params.check()
    passphrase = _passphrase(args, new=True)
    _private_folder(_data_dir(args))
    _open_store(args, create=True).close()  # the database first: a bad --db leaves no key file behind
    hq = keystore.HqKeys(args.env, args.name, utc_text(datetime.now(UTC)), keys.generate_key_pairs())
    keystore.save_keystore(path, hq, passphrase, params)
    print(
        _("HQ keys created (signing key {sign}, encryption key {enc}).").format(
            sign=hq.current.sign_key_id, enc=hq.current.enc_key_id
        )
    )
    return 0


def cmd_keys(args: argparse.Namespace) -> int:
    hq = _unlock(args)
    data = make_hq_key_file(hq.current, hq.env, hq.hq_name, utc_text(datetime.now(UTC)))
    _write_new_file(Path(args.out), data)
    print(
        _("Public key file written. Fingerprint to read to each wing: {code}").format(
            code=load_hq_public_keys(data).fingerprint
        )
    )
    return 0


def cmd_enrol(args: argparse.Namespace) -> int:
    from wingdesk.sync.enrolment import parse_enrolment_request

    data = usb.read_bundle_file(Path(args.request), 64 * 1024)
    request = parse_enrolment_request(data)
    if not args.code:  # the code is not shown here: the operator must hear it from the wing (a swapped file fails)
        print(
            _("Device {device} ({wing}) asks to be enrolled. Phone the wing, ask for the code its screen shows, "
              "then re-run with --code CODE.").format(device=request.device_id, wing=printable(request.wing_name))
        )
        return 2
    store = _open_store(args)
    try:
        device = devices.enrol_device(store, data, args.code, _env(args), datetime.now(UTC))
    finally:
        store.close()
    print(_("Device {device} enrolled for {wing}.").format(device=device.device_id, wing=printable(device.wing_name)))
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    store = _open_store(args)
    try:
        cutoff = devices.revoke_device(store, args.device, datetime.now(UTC), args.after_seq)
    except DeviceRevoked as error:
        raise CliError(error.code, _("Device {device} is already revoked; its cutoff stays as it is.").format(
            device=args.device)) from None
    finally:
        store.close()
    print(
        _("Device {device} revoked: bundles after sequence {seq} will be refused.").format(
            device=args.device, seq=cutoff
        )
    )
    return 0


def _expand(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        found.extend(usb.list_bundles(path) if path.is_dir() else [path])
    return found


def cmd_import(args: argparse.Namespace) -> int:
    _initialised(args)
    files = _expand(args.files)
    if not files:
        raise CliError("nothing_to_import", _("No bundle files (.wdb) in what was given."))
    ctx = _context(args)
    failures = 0
    for path in files:
        shown = printable(str(path))
        try:
            result = ingest(ctx, usb.read_bundle_file(path))
        except (SyncError, OSError) as error:
            failures += 1
            reason = describe_code(error.code) if isinstance(error, SyncError) else describe_os_error(error)
            print(_("{file}: refused. {reason}").format(file=shown, reason=reason))
            continue
        failures += result.outcome == "quarantined"
        print(
            _("{file}: {outcome}, device {device} sequence {seq}").format(
                file=shown, outcome=result.outcome, device=result.device_id, seq=result.seq
            )
        )
    ctx.store.close()
    return 1 if failures else 0


def cmd_serve(args: argparse.Namespace) -> int:
    from wingdesk.hq.server import serve

    if bool(args.tls_cert) != bool(args.tls_key):
        raise CliError("tls_incomplete", _("Give both --tls-cert and --tls-key, or neither."))
    ctx = _context(args)
    scheme = "https" if args.tls_cert else "http"
    print(_("Starting the HQ receiver on {url} (Ctrl+C stops it).").format(url=f"{scheme}://{args.host}:{args.port}/"),
          flush=True)
    try:
        serve(ctx, args.host, args.port, args.tls_cert, args.tls_key)
    finally:
        ctx.store.close()
    return 0


def cmd_outbox(args: argparse.Namespace) -> int:
    ctx = _context(args)
    try:
        if args.all:
            with ctx.store.transaction(write=False) as repo:
                ids = [d.device_id for d in repo.list_devices() if d.revoked_after_seq is None]
        else:
            ids = [args.device]
        outbox.write_outbox(ctx, ids, Path(args.to),
                            on_written=lambda path: print(_("Written {file}").format(file=printable(str(path)))))
    finally:
        ctx.store.close()
    return 0


def cmd_reference(args: argparse.Namespace) -> int:
    bodies = []
    for number, line in enumerate(Path(args.file).read_bytes().splitlines(), 1):
        if line.strip():
            try:
                body = loads_object(line)
                reference_item(args.kind, body)
            except SyncError:
                raise CliError("bad_line", _("Line {line} of the file is not a valid {kind} item; nothing was queued.")
                               .format(line=number, kind=args.kind)) from None
            bodies.append(body)
    ctx = _context(args)
    try:
        count = len(outbox.add_references(ctx, args.kind, bodies, "" if args.all else args.device))
    finally:
        ctx.store.close()
    print(_("{count} reference items queued.").format(count=count))
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    store = _open_store(args)
    try:
        rows = status.device_statuses(store)
    finally:
        store.close()
    if args.json:
        print(json.dumps([row.__dict__ for row in rows], indent=2))
        return 0
    for row in rows:
        gaps = ", ".join(map(str, row.gaps[:20])) + (" …" if len(row.gaps) > 20 else "") or "-"
        print(
            _(
                "{device}  {wing}: last seq {last}, contiguous {hcs}, gaps {gaps}, "
                "quarantined {qb} bundles / "
                "{qr} records, last contact {contact}{revoked}"
            ).format(
                device=row.device_id,
                wing=printable(row.wing_name),
                last=row.last_seq,
                hcs=row.hcs,
                gaps=gaps,
                qb=row.quarantined_bundles,
                qr=row.quarantined_records,
                contact=row.last_contact or "-",
                revoked=_(" (revoked after {seq})").format(seq=row.revoked_after_seq)
                if row.revoked_after_seq is not None
                else "",
            )
        )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wingdesk-hq", description=_("WingDesk headquarters sync tool"))
    parser.add_argument("--data", help=_("data folder (default: $WINGDESK_HQ_HOME or the user data folder)"))
    parser.add_argument("--password-stdin", action="store_true", help=_("read the HQ passphrase from stdin"))
    parser.add_argument("--db", help=_("database URL: postgresql://… (default: SQLite in the data folder)"))
    sub = parser.add_subparsers(dest="command", required=True)
    init = sub.add_parser("init", help=_("create HQ key pairs and the database"))
    init.add_argument("--env", choices=("prod", "test"), default="prod")
    init.add_argument("--name", default="HQ")
    init.add_argument("--kdf-memory-mib", type=_kdf_memory, default=256)
    sub.add_parser("keys", help=_("export the public key file for wings")).add_argument("--out", required=True)
    enrol = sub.add_parser("enrol", help=_("enrol a device from its request file"))
    enrol.add_argument("request")
    enrol.add_argument("--code", help=_("confirmation code read out by the wing"))
    revoke = sub.add_parser("revoke", help=_("revoke a lost device"))
    revoke.add_argument("device")
    revoke.add_argument("--after-seq", type=_sequence)
    sub.add_parser("import", help=_("import bundle files or folders")).add_argument("files", nargs="+")
    serve = sub.add_parser("serve", help=_("run the HTTPS receiver"))
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=_port, default=8443)
    serve.add_argument("--tls-cert", type=Path)
    serve.add_argument("--tls-key", type=Path)
    box = sub.add_parser("outbox", help=_("write HQ→wing bundles"))
    target = box.add_mutually_exclusive_group(required=True)
    target.add_argument("--device")
    target.add_argument("--all", action="store_true")
    box.add_argument("--to", required=True)
    ref = sub.add_parser("reference", help=_("queue roster, user or revocation data (JSON Lines of bodies)"))
    ref.add_argument("--kind", choices=REFERENCE_KINDS, required=True)
    scope = ref.add_mutually_exclusive_group(required=True)
    scope.add_argument("--device")
    scope.add_argument("--all", action="store_true")
    ref.add_argument("file")
    sub.add_parser("status", help=_("per-device sync status")).add_argument("--json", action="store_true")
    return parser


COMMANDS = {
    "init": cmd_init,
    "keys": cmd_keys,
    "enrol": cmd_enrol,
    "revoke": cmd_revoke,
    "import": cmd_import,
    "serve": cmd_serve,
    "outbox": cmd_outbox,
    "reference": cmd_reference,
    "status": cmd_status,
}


def main(argv: list[str] | None = None) -> int:
    multiprocessing.freeze_support()  # `serve` spawns bundle readers; a frozen build must answer as one
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if hasattr(os, "umask"):
        os.umask(0o077)  # HQ's database holds every wing's records in the clear: for this account only
    forbid_core_dumps()  # nor in a crash dump, with the unlocked HQ keys
    try:
        return COMMANDS[args.command](args)
    except CliError as error:
        _fail(error.hint or describe_code(error.code))
    except WingError as error:  # e.g. a new passphrase the policy refuses
        _fail(describe(error))
    except SyncError as error:  # keystore errors too
        _fail(describe_code(error.code))
    except ssl.SSLError:
        _fail(_("The TLS certificate and key cannot be used: they do not match, or a file is not in PEM form."))
    except OSError as error:
        _fail(describe_os_error(error))
    except (KeyboardInterrupt, EOFError):
        print(_("Cancelled."), file=sys.stderr)
        return 130
    except Exception as error:
        if not is_database_error(error):
            raise
        log.error("database error: %s", type(error).__name__)  # its text may quote values
        _fail(_("The database cannot be opened or written: check the data folder or --db, the disk and its "
                "permissions."))
    return 1


def _fail(sentence: str) -> None:
    print(_("Error: {message}").format(message=sentence), file=sys.stderr)


def _private_folder(folder: Path) -> None:
    """Create the data folder for this account only (POSIX; Windows keeps the profile folder's own rights)."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        folder.chmod(0o700)


def _write_new_file(path: Path, data: bytes) -> None:
    """Write a file that must not exist yet (never over HQ's own key file or anything else), all or nothing."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
    except FileExistsError:
        raise CliError("file_exists", _("{file} already exists; choose another name.").format(
            file=printable(str(path)))) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise


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


if __name__ == "__main__":
    sys.exit(main())
