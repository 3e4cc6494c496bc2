"""`wingdesk-hq`: HQ keys, enrolment, revocation, bundle import, HTTPS receiver, outbox and status."""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import multiprocessing
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

import platformdirs

from wingdesk.domain.shown_text import printable
from wingdesk.hq import devices, keystore, outbox, status
from wingdesk.hq.errors import KeystoreError
from wingdesk.hq.ingest import HqContext, ingest
from wingdesk.hq.store import open_store
from wingdesk.sync import keys, usb
from wingdesk.sync.errors import SyncError
from wingdesk.sync.hq_key_file import load_hq_public_keys, make_hq_key_file
from wingdesk.sync.reference import REFERENCE_KINDS, utc_text
from wingdesk.sync.strict_json import loads_object

try:
    from wingdesk.i18n import _
except ImportError:  # the i18n package is being written in parallel; identity until it lands

    def _(message: str) -> str:
        return message


class CliError(Exception):
    """A user-facing failure: a stable code plus an optional already-translated hint."""

    def __init__(self, code: str, hint: str = "") -> None:
        super().__init__(code)
        self.code, self.hint = code, hint


def _data_dir(args: argparse.Namespace) -> Path:
    chosen = args.data or os.environ.get("WINGDESK_HQ_HOME")
    return Path(chosen) if chosen else Path(platformdirs.user_data_dir("wingdesk-hq", appauthor=False))


def _passphrase(args: argparse.Namespace, confirm: bool = False) -> bytes:
    if args.password_stdin:
        text = sys.stdin.readline().rstrip("\r\n")
    else:
        text = getpass.getpass(_("HQ passphrase: "))
        if confirm and getpass.getpass(_("Repeat the HQ passphrase: ")) != text:
            raise CliError("passphrase_mismatch", _("The two passphrases differ."))
    if not text:
        raise CliError("passphrase_empty", _("A passphrase is required."))
    return keystore.normalise_passphrase(text)


def _keystore_path(args: argparse.Namespace) -> Path:
    return _data_dir(args) / keystore.KEYSTORE_NAME


def _unlock(args: argparse.Namespace) -> keystore.HqKeys:
    path = _keystore_path(args)
    if not path.exists():
        raise CliError("not_initialised", _("Run 'wingdesk-hq init' first."))
    return keystore.load_keystore(path, _passphrase(args))


def _env(args: argparse.Namespace) -> str:
    return str(keystore.public_info(_keystore_path(args))["env"])


def _context(args: argparse.Namespace) -> HqContext:
    hq = _unlock(args)
    return HqContext(open_store(_data_dir(args), args.db), hq)


def cmd_init(args: argparse.Namespace) -> int:
    path = _keystore_path(args)
    if path.exists():
        raise CliError("already_initialised", _("HQ keys already exist in this data folder."))
    params = keystore.KdfParams(memory_kib=args.kdf_memory_mib * 1024)
    params.check()
    hq = keystore.HqKeys(args.env, args.name, utc_text(datetime.now(UTC)), keys.generate_key_pairs())
    keystore.save_keystore(path, hq, _passphrase(args, confirm=True), params)
    open_store(_data_dir(args), args.db).close()
    print(
        _("HQ keys created (signing key {sign}, encryption key {enc}).").format(
            sign=hq.current.sign_key_id, enc=hq.current.enc_key_id
        )
    )
    return 0


def cmd_keys(args: argparse.Namespace) -> int:
    hq = _unlock(args)
    data = make_hq_key_file(hq.current, hq.env, hq.hq_name, utc_text(datetime.now(UTC)))
    Path(args.out).write_bytes(data)
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
    if not args.code:
        print(
            _("Device {device} ({wing}) shows code {code}? Confirm by phone, then re-run with --code.").format(
                device=request.device_id, wing=printable(request.wing_name), code=request.confirmation_code
            )
        )
        return 2
    store = open_store(_data_dir(args), args.db)
    try:
        device = devices.enrol_device(store, data, args.code, _env(args), datetime.now(UTC))
    finally:
        store.close()
    print(_("Device {device} enrolled for {wing}.").format(device=device.device_id, wing=printable(device.wing_name)))
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    store = open_store(_data_dir(args), args.db)
    try:
        cutoff = devices.revoke_device(store, args.device, datetime.now(UTC), args.after_seq)
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
    ctx = _context(args)
    failures = 0
    for path in _expand(args.files):
        shown = printable(str(path))
        try:
            result = ingest(ctx, usb.read_bundle_file(path))
        except (SyncError, OSError) as error:
            failures += 1
            code = error.code if isinstance(error, SyncError) else "unreadable_file"
            print(_("{file}: refused ({code})").format(file=shown, code=code))
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
        for path in outbox.write_outbox(ctx, ids, Path(args.to)):
            print(_("Written {file}").format(file=printable(str(path))))
    finally:
        ctx.store.close()
    return 0


def cmd_reference(args: argparse.Namespace) -> int:
    ctx = _context(args)
    count = 0
    try:
        for line in Path(args.file).read_bytes().splitlines():
            if line.strip():
                outbox.add_reference(ctx, args.kind, loads_object(line), "" if args.all else args.device)
                count += 1
    finally:
        ctx.store.close()
    print(_("{count} reference items queued.").format(count=count))
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    store = open_store(_data_dir(args), args.db)
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
    init.add_argument("--kdf-memory-mib", type=int, default=256)
    sub.add_parser("keys", help=_("export the public key file for wings")).add_argument("--out", required=True)
    enrol = sub.add_parser("enrol", help=_("enrol a device from its request file"))
    enrol.add_argument("request")
    enrol.add_argument("--code", help=_("confirmation code read out by the wing"))
    revoke = sub.add_parser("revoke", help=_("revoke a lost device"))
    revoke.add_argument("device")
    revoke.add_argument("--after-seq", type=int)
    sub.add_parser("import", help=_("import bundle files or folders")).add_argument("files", nargs="+")
    serve = sub.add_parser("serve", help=_("run the HTTPS receiver"))
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8443)
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
    try:
        return COMMANDS[args.command](args)
    except CliError as error:
        print(
            _("error: {code}").format(code=error.code) + (f" - {error.hint}" if error.hint else ""),
            file=sys.stderr,
        )
    except KeystoreError as error:
        print(_("error: {code}").format(code=error.code), file=sys.stderr)
    except SyncError as error:
        print(_("error: {code}").format(code=error.code), file=sys.stderr)
    except OSError as error:
        print(_("error: {code}").format(code=type(error).__name__), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
