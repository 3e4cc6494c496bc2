"""`wingdesk-hq exchange keys|trust|export|import|list|adopt`: instruments and training modules between prison
services, with no central server (issue 17 item 6, docs/exchange.md)."""

from __future__ import annotations

import argparse
import base64
import getpass
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from wingdesk.config.files import atomic_write
from wingdesk.domain.shown_text import printable
from wingdesk.hq import keystore
from wingdesk.hq.cli.common import (
    CliError,
    data_dir,
    env_of,
    initialised,
    keystore_path,
    passphrase,
    read_at_most,
    store_of,
    write_new_file,
)
from wingdesk.hq.cli.exchange_messages import REFUSALS, STAFF_REFUSALS
from wingdesk.hq.console.staff import StaffError, ensure_table, sign_in
from wingdesk.hq.exchange import MAX_FILE_LEN, ExchangeRefused, read_item
from wingdesk.hq.exchange_keys import (
    ExchangeIdentity,
    ExchangeKeyInvalid,
    identity_path,
    key_file,
    load_or_create,
    read_key_file,
    well_formed,
)
from wingdesk.hq.exchange_keys import ServiceKey as _ServiceKey
from wingdesk.hq.exchange_store import adopt, export_item, keep_signed, receive, received_items, trust, untrust
from wingdesk.hq.store import SqlStore
from wingdesk.i18n import _
from wingdesk.sync import keys


def write_sealed(path: Path, data: bytes) -> None:
    """A file that must not exist yet, written atomically (a temporary file beside it, fsync, rename): a crash or
    a full disk leaves no half file under its name, on a USB stick too (no hard links needed)."""
    if path.exists() or path.is_symlink():
        raise CliError("file_exists", _("{file} already exists; choose another name.").format(
            file=printable(str(path))))
    atomic_write(path, data)


def _now() -> datetime:
    return datetime.now(UTC)


def _unlocked(args: argparse.Namespace) -> tuple[keystore.HqKeys, ExchangeIdentity]:
    folder = initialised(args)
    secret = passphrase(args)
    hq = keystore.load_keystore(keystore_path(args), secret)
    return hq, load_or_create(folder, hq, secret, _now())


def _store(args: argparse.Namespace) -> SqlStore:
    store = store_of(args)
    assert isinstance(store, SqlStore)
    return store


def _read(path: Path, limit: int) -> bytes:
    return read_at_most(path, limit, _("{file} is larger than an exchange file may be."))


def _own_key(args: argparse.Namespace) -> _ServiceKey | None:
    """This service's exchange key, from the public part of its key file (no passphrase needed)."""
    path = identity_path(data_dir(args))
    if not path.exists():
        return None
    info = keystore.public_info(path)
    return _ServiceKey(info["hq_name"], info["env"], base64.b64decode(info["sign_public"]),
                       base64.b64decode(info["enc_public"]))


def keep_in_library(args: argparse.Namespace, kind: str, signed: bytes) -> None:
    """Hold a file `instrument sign` or `module sign` just wrote, so HQ can send it to another service."""
    store = _store(args)
    try:
        keep_signed(store, read_item(kind, signed), "signed", _now())
    finally:
        store.close()


def cmd_exchange(args: argparse.Namespace) -> int:
    try:
        return _COMMANDS[args.exchange_command](args)
    except ExchangeRefused as error:
        raise CliError("exchange_refused", _(REFUSALS[error.detail])) from None
    except ExchangeKeyInvalid:
        raise CliError("exchange_key_invalid", _(REFUSALS["key_file"])) from None


def _keys(args: argparse.Namespace) -> int:
    _hq, identity = _unlocked(args)
    write_new_file(Path(args.out), key_file(identity))
    public = identity.public()
    print(_("Wrote the exchange key of {service} to {file}. Read this fingerprint out to the other service by "
            "phone: {fingerprint}").format(service=printable(public.service), file=printable(args.out),
                                           fingerprint=public.fingerprint))
    return 0


def _trust(args: argparse.Namespace) -> int:
    initialised(args)
    key = read_key_file(_read(Path(args.file), 64 * 1024))
    if not well_formed(args.fingerprint):
        raise ExchangeRefused("fingerprint")
    own = _own_key(args)
    store = _store(args)
    try:
        trust(store, key, args.fingerprint, own, env_of(args), _now())
    finally:
        store.close()
    print(_("{service} is now trusted for exchange (fingerprint {fingerprint}).").format(
        service=printable(key.service), fingerprint=key.fingerprint))
    return 0


def _untrust(args: argparse.Namespace) -> int:
    initialised(args)
    store = _store(args)
    try:
        key = untrust(store, args.service, _now())
    finally:
        store.close()
    print(_("Trust in the exchange key of {service} (fingerprint {fingerprint}) is withdrawn.").format(
        service=printable(key.service), fingerprint=key.fingerprint))
    return 0


def _export(args: argparse.Namespace) -> int:
    _hq, identity = _unlocked(args)
    store = _store(args)
    try:
        item, data = export_item(store, identity, args.kind, args.id, args.version, args.to, _now())
    finally:
        store.close()
    write_sealed(Path(args.out), data)
    sentence = _("Sealed instrument {item} version {version} for {service} into {file}.") \
        if item.kind == "instrument" else _("Sealed training module {item} version {version} for {service} into "
                                            "{file}.")
    print(sentence.format(item=printable(item.item_id), version=item.version, service=printable(args.to),
                          file=printable(args.out)))
    return 0


def _import(args: argparse.Namespace) -> int:
    data = _read(Path(args.file), MAX_FILE_LEN)
    _hq, identity = _unlocked(args)
    store = _store(args)
    try:
        received = receive(store, identity, data, _now())
    finally:
        store.close()
    item = received.item
    sentence = _("Received instrument {item} version {version} from {service} (id {id}); an hq_admin may adopt "
                 "it with 'wingdesk-hq exchange adopt'.") if item.kind == "instrument" else \
        _("Received training module {item} version {version} from {service} (id {id}); an hq_admin may adopt it "
          "with 'wingdesk-hq exchange adopt'.")
    print(sentence.format(item=printable(item.item_id), version=item.version,
                          service=printable(received.sender.service), id=received.exchange_id))
    return 0


def _list(args: argparse.Namespace) -> int:
    initialised(args)
    store = _store(args)
    try:
        rows = received_items(store)
    finally:
        store.close()
    if not rows:
        print(_("Nothing has been received from other services."))
    for row in rows:
        state = _("adopted by {who}, {at}").format(who=printable(row.adopted_by or ""), at=row.adopted_at) \
            if row.adopted_at else _("received, not adopted")
        print(f"{row.exchange_id}  {row.kind:<10}  {printable(row.item_id)} v{row.version}  "
              f"{printable(row.service)} ({row.fingerprint})  {row.received_at}  {state}")
    return 0


def _staff_passphrase(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return getpass.getpass(_("Passphrase for {name}: ").format(name=printable(args.staff)))


def _adopt(args: argparse.Namespace) -> int:
    hq, _identity = _unlocked(args)
    secret = _staff_passphrase(args)
    store = _store(args)
    try:
        ensure_table(store)
        try:
            account = sign_in(store, args.staff, secret, time.time())
        except StaffError as error:
            raise CliError("staff_refused", _(STAFF_REFUSALS[error.code]).format(seconds=error.wait)) from None
        if account.role != "hq_admin":
            raise ExchangeRefused("not_hq_admin")
        # the file is written before the adoption commits: if it cannot be, nothing is adopted
        row = adopt(store, args.id, hq.current.sign_private, account.name, _now(),
                    lambda signed: write_sealed(Path(args.out), signed))
    finally:
        store.close()
    sentence = _("Adopted instrument {item} version {version} from {service}, signed with this HQ's key (key id "
                 "{key}) into {file}.") if row.kind == "instrument" else \
        _("Adopted training module {item} version {version} from {service}, signed with this HQ's key (key id {key}) "
          "into {file}.")
    print(sentence.format(item=printable(row.item_id), version=row.version, service=printable(row.service),
                          key=keys.key_id(hq.current.sign_public), file=printable(args.out)))
    return 0


_COMMANDS = {"keys": _keys, "trust": _trust, "untrust": _untrust, "export": _export, "import": _import,
             "list": _list, "adopt": _adopt}
