"""`init` (HQ's key pairs and database) and `keys` (the public key file each wing is given)."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from wingdesk.hq import keystore
from wingdesk.hq.cli.common import (
    CliError,
    data_dir,
    keystore_path,
    passphrase,
    private_folder,
    store_of,
    unlock,
    write_new_file,
)
from wingdesk.i18n import _
from wingdesk.sync import keys
from wingdesk.sync.hq_key_file import load_hq_public_keys, make_hq_key_file
from wingdesk.sync.reference import utc_text


def cmd_init(args: argparse.Namespace) -> int:
    path = keystore_path(args)
    if path.exists():
        raise CliError("already_initialised", _("HQ keys already exist in this data folder."))
    params = keystore.KdfParams(memory_kib=args.kdf_memory_mib * 1024)
    params.check()
    secret = passphrase(args, new=True)
    private_folder(data_dir(args))
    store_of(args, create=True).close()  # the database first: a bad --db leaves no key file behind
    hq = keystore.HqKeys(args.env, args.name, utc_text(datetime.now(UTC)), keys.generate_key_pairs())
    keystore.save_keystore(path, hq, secret, params)
    print(
        _("HQ keys created (signing key {sign}, encryption key {enc}).").format(
            sign=hq.current.sign_key_id, enc=hq.current.enc_key_id
        )
    )
    return 0


def cmd_keys(args: argparse.Namespace) -> int:
    hq = unlock(args)
    data = make_hq_key_file(hq.current, hq.env, hq.hq_name, utc_text(datetime.now(UTC)))
    write_new_file(Path(args.out), data)
    print(
        _("Public key file written. Fingerprint to read to each wing: {code}").format(
            code=load_hq_public_keys(data).fingerprint
        )
    )
    return 0
