"""What every `wingdesk-hq` command shares: the data folder, the passphrase, the key file, the database."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

import platformdirs

from wingdesk.domain.passwords import check_passphrase
from wingdesk.domain.shown_text import printable
from wingdesk.hq import keystore
from wingdesk.hq.ingest import HqContext
from wingdesk.hq.repository import HqStore
from wingdesk.hq.store import open_store
from wingdesk.i18n import _
from wingdesk.storage.resources import load_blocklist


class CliError(Exception):
    """A user-facing failure: a stable code plus an optional already-translated hint."""

    def __init__(self, code: str, hint: str = "") -> None:
        super().__init__(code)
        self.code, self.hint = code, hint


def data_dir(args: argparse.Namespace) -> Path:
    chosen = args.data or os.environ.get("WINGDESK_HQ_HOME")
    return Path(chosen) if chosen else Path(platformdirs.user_data_dir("wingdesk-hq", appauthor=False))


def passphrase(args: argparse.Namespace, new: bool = False) -> bytes:
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


def keystore_path(args: argparse.Namespace) -> Path:
    return data_dir(args) / keystore.KEYSTORE_NAME


def initialised(args: argparse.Namespace) -> Path:
    """The data folder, which must hold HQ's key file: a mistyped --data is refused, not created empty."""
    if not keystore_path(args).exists():
        raise CliError("not_initialised", _("No HQ keys in this data folder: check --data, or run 'wingdesk-hq init'."))
    return data_dir(args)


def unlock(args: argparse.Namespace) -> keystore.HqKeys:
    initialised(args)
    secret = passphrase(args)
    return keystore.with_research_key(keystore_path(args), keystore.load_keystore(keystore_path(args), secret), secret)


def store_of(args: argparse.Namespace, *, create: bool = False) -> HqStore:
    """The HQ database; a --db that is neither postgresql:// nor sqlite:/// is a clear error, not a traceback."""
    folder = data_dir(args) if create else initialised(args)
    try:
        return open_store(folder, args.db)
    except ValueError:
        raise CliError("bad_db_url", _("The database address must start with postgresql:// (or leave --db out "
                                       "to keep the database in the data folder).")) from None


def env_of(args: argparse.Namespace) -> str:
    return str(keystore.public_info(keystore_path(args))["env"])


def context(args: argparse.Namespace) -> HqContext:
    hq = unlock(args)
    return HqContext(store_of(args), hq)


def private_folder(folder: Path) -> None:
    """Create the data folder for this account only (POSIX; Windows keeps the profile folder's own rights)."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        folder.chmod(0o700)


def write_new_file(path: Path, data: bytes) -> None:
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


def read_at_most(path: Path, limit: int, too_large: str) -> bytes:
    """The file's bytes; CliError too_large with the sentence `too_large` (already translated, {file} and {limit}
    in KiB filled in) when it holds more than `limit` bytes."""
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise CliError("too_large", too_large.format(file=printable(str(path)), limit=limit // 1024))
    return data
