"""`wingdesk-hq exchange` between two HQ data folders through the command line: keys, trust by fingerprint,
module sign and export at A, import, list and adopt (hq_admin only) at B; refusals in one sentence."""

from __future__ import annotations

import errno
import io
import os
import sys

import pytest

from tests.module_packages import package
from wingdesk.crypto import signing
from wingdesk.domain.canonical import canonical_bytes
from wingdesk.domain.instruments.signed_file import read_signed
from wingdesk.hq.cli import main
from wingdesk.hq.exchange_keys import read_key_file
from wingdesk.hq.modules import WRAPPER
from wingdesk.sync.hq_key_file import load_hq_public_keys

PASS = "a long HQ passphrase for tests\n"
STAFF = "a long staff passphrase for tests"


def run(monkeypatch, capsys, data_dir, *args, stdin=PASS):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(["--data", str(data_dir), "--password-stdin", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.timeout(180)
def test_two_services_exchange_a_module(tmp_path, monkeypatch, capsys):
    a, b = tmp_path / "a", tmp_path / "b"

    def at(folder, *args, stdin=PASS):
        return run(monkeypatch, capsys, folder, *args, stdin=stdin)

    for folder, name in ((a, "Service A"), (b, "Service B")):
        assert at(folder, "init", "--kdf-memory-mib", "64", "--name", name)[0] == 0
        code, out, _ = at(folder, "exchange", "keys", "--out", str(tmp_path / f"{folder.name}.key"))
        assert code == 0 and read_key_file((tmp_path / f"{folder.name}.key").read_bytes()).fingerprint in out
    a_fp = read_key_file((tmp_path / "a.key").read_bytes()).fingerprint
    b_fp = read_key_file((tmp_path / "b.key").read_bytes()).fingerprint

    code, _, err = at(b, "exchange", "trust", str(tmp_path / "a.key"), "--fingerprint", b_fp)
    assert code == 1 and "The fingerprint does not match this key file" in err
    assert at(b, "exchange", "trust", str(tmp_path / "a.key"), "--fingerprint", a_fp.lower())[0] == 0
    assert at(a, "exchange", "trust", str(tmp_path / "b.key"), "--fingerprint", b_fp)[0] == 0

    (tmp_path / "pkg.json").write_bytes(canonical_bytes(package(2)))
    assert at(a, "module", "sign", str(tmp_path / "pkg.json"), "--out", str(tmp_path / "pkg.signed"))[0] == 0
    sent = tmp_path / "to-b.wdx"
    code, out, _ = at(a, "exchange", "export", "--kind", "module", "wd.test_module", "--to", "Service B",
                      "--out", str(sent))
    assert code == 0 and "wd.test_module version 2" in out
    full = tmp_path / "full-disk.wdx"

    def disk_full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", disk_full)
        code, _, err = at(a, "exchange", "export", "--kind", "module", "wd.test_module", "--to", "Service B",
                          "--out", str(full))
    assert code == 1 and err.startswith("Error: ") and err.count("\n") == 1
    assert not full.exists() and not list(tmp_path.glob("*.part"))  # no half file under its name, no leftover
    code, _, err = at(b, "exchange", "export", "--kind", "module", "wd.test_module", "--to", "Service A",
                      "--out", str(tmp_path / "x"))
    assert code == 1 and "holds no signed file" in err and not (tmp_path / "x").exists()

    code, out, _ = at(b, "exchange", "import", str(sent))
    assert code == 0 and "Received training module wd.test_module version 2 from Service A" in out
    code, _, err = at(b, "exchange", "import", str(sent))
    assert code == 1 and err == "Error: This file was already imported: nothing was stored.\n"
    code, _, err = at(a, "exchange", "import", str(sent))
    assert code == 1 and "not sent by a service this HQ trusts" in err

    assert at(b, "staff", "add", "boss", "--role", "hq_admin", stdin=STAFF + "\n")[0] == 0
    assert at(b, "staff", "add", "ana", "--role", "analyst", stdin=STAFF + "\n")[0] == 0
    code, out, _ = at(b, "exchange", "list")
    exchange_id = out.split()[0]
    assert code == 0 and "received, not adopted" in out and a_fp in out

    adopted = tmp_path / "adopted.signed"
    code, _, err = at(b, "exchange", "adopt", exchange_id[:8], "--staff", "ana", "--out", str(adopted),
                      stdin=PASS + STAFF + "\n")
    assert code == 1 and "Only an hq_admin account" in err and not adopted.exists()
    code, _, err = at(b, "exchange", "adopt", exchange_id[:8], "--staff", "boss", "--out", str(adopted),
                      stdin=PASS + "not the passphrase\n")
    assert code == 1 and "passphrase is wrong" in err and not adopted.exists()
    code, out, _ = at(b, "exchange", "adopt", exchange_id[:8], "--staff", "boss", "--out", str(adopted),
                      stdin=PASS + STAFF + "\n")
    assert code == 0 and "Adopted training module wd.test_module version 2 from Service A" in out

    assert at(b, "keys", "--out", str(tmp_path / "b-hq.pub"))[0] == 0
    b_hq = load_hq_public_keys((tmp_path / "b-hq.pub").read_bytes())
    signed = read_signed(adopted.read_bytes(), WRAPPER, kind="module")
    assert signing.verify(b_hq.sign_public, signing.MODULE_PREFIX, signed.statement, signed.signature)
    code, out, _ = at(b, "exchange", "list")
    assert "adopted by boss" in out
    code, out, _ = at(b, "exchange", "untrust", "Service A")
    assert code == 0 and a_fp in out
    code, _, err = at(b, "exchange", "import", str(sent))
    assert code == 1 and "not sent by a service this HQ trusts" in err
    code, _, err = at(b, "exchange", "trust", str(tmp_path / "a.key"), "--fingerprint", a_fp)
    assert code == 1 and "cannot be trusted again" in err
