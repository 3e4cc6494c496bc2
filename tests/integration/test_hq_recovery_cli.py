"""HQ recovery through the commands people type (issue 22 item 3): `wingdesk-hq admin-add`, `recovery-keygen`,
`recovery-key`, `recovery-grant`, then `wingdesk recovery-key` and `wingdesk recover` on the wing."""

from __future__ import annotations

import io
import sys
import time

from tests.integration.test_hq_recovery import drop_admin_slot
from wingdesk.cli import sync_commands
from wingdesk.cli.main import run
from wingdesk.cli.wiring import Wiring
from wingdesk.crypto.kdf import floor_params
from wingdesk.hq.cli import main as hq_main
from wingdesk.storage.backend import LocalWing
from wingdesk.sync.wing_sync import WingSync

HQ_PW = "a long HQ passphrase for tests"
ADMIN_PW = "admin passphrase for tests"
NEW_PW = "the rescuer's own new passphrase"


def _hq(monkeypatch, capsys, folder, *args, lines=(HQ_PW,)):
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(f"{line}\n" for line in lines)))
    code = hq_main(["--data", str(folder), "--password-stdin", "--lang", "en", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def _wing(monkeypatch, capsys, folder, *argv, lines=(ADMIN_PW,), user="admin"):
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(f"{line}\n" for line in lines)))
    wiring = Wiring(open_wing=lambda f: LocalWing(f, kdf=floor_params(), sync_factory=WingSync),
                    open_demo_wing=lambda f: (None, None), sync_commands=sync_commands)
    code = run(["--data", str(folder), "--user", user, "--password-stdin", "--lang", "en", *argv], wiring)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_two_hq_administrators_recover_a_wing_from_the_command_line(wing, tmp_path, monkeypatch, capsys):
    hq_dir, wdir = tmp_path / "hq", wing.directory
    assert _hq(monkeypatch, capsys, hq_dir, "init", "--kdf-memory-mib", "64")[0] == 0
    assert _hq(monkeypatch, capsys, hq_dir, "keys", "--out", str(tmp_path / "hq-keys.pub"))[0] == 0
    code, out, err = _wing(monkeypatch, capsys, wdir, "enrol", "--hq-keys", str(tmp_path / "hq-keys.pub"),
                           "--out", str(tmp_path / "request.json"))
    assert code == 0, err
    confirmation = out.split("Confirmation code: ")[1].strip()
    code, out, err = _hq(monkeypatch, capsys, hq_dir, "enrol", str(tmp_path / "request.json"), "--code", confirmation)
    assert code == 0, err
    device = out.split("Device ")[1].split(" ")[0]
    for name, secret in (("Ana", "Ana's own long key passphrase"), ("Bora", "Bora's own long key passphrase")):
        code, out, err = _hq(monkeypatch, capsys, hq_dir, "admin-add", "--name", name, "--key-out",
                             str(tmp_path / f"{name}.key"), lines=(HQ_PW, secret))
        assert code == 0 and "registered" in out, err
    assert _hq(monkeypatch, capsys, hq_dir, "recovery-keygen", "--out", str(tmp_path / "recovery.key"))[0] == 0
    code, out, err = _hq(monkeypatch, capsys, hq_dir, "recovery-key", "--device", device, "--recovery-key",
                         str(tmp_path / "recovery.key"), "--out", str(tmp_path / "recipient.json"))
    assert code == 0, err
    code, out, err = _wing(monkeypatch, capsys, wdir, "recovery-key", str(tmp_path / "recipient.json"))
    assert code == 0 and "generation 1" in out, err

    grant = ("recovery-grant", "--device", device, "--recovery-key", str(tmp_path / "recovery.key"),
             "--out", str(tmp_path / "grant.json"))
    code, _, err = _hq(monkeypatch, capsys, hq_dir, *grant, "--approver", str(tmp_path / "Ana.key"),
                       lines=(HQ_PW, "Ana's own long key passphrase"))
    assert code == 1 and "Two HQ administrators must approve" in err and err.count("\n") == 1
    code, _, err = _hq(monkeypatch, capsys, hq_dir, *grant, "--approver", str(tmp_path / "Ana.key"),
                       "--approver", str(tmp_path / "Bora.key"), lines=(HQ_PW, "Ana's own long key passphrase",
                                                                         "not Bora's passphrase"))
    assert code == 1 and "does not open" in err and err.count("\n") == 1
    assert not (tmp_path / "grant.json").exists()
    code, out, err = _hq(monkeypatch, capsys, hq_dir, *grant, "--approver", str(tmp_path / "Ana.key"),
                         "--approver", str(tmp_path / "Bora.key"),
                         lines=(HQ_PW, "Ana's own long key passphrase", "Bora's own long key passphrase"))
    assert code == 0, err
    phone_code = out.split("never with the file: ")[1].strip()
    assert phone_code not in (tmp_path / "grant.json").read_text()

    drop_admin_slot(wdir)
    recover = ("recover", str(tmp_path / "grant.json"), "--admin", "rescuer", "--admin-name", "Rhea Rescuer")
    code, _, err = _wing(monkeypatch, capsys, wdir, *recover, lines=("AAAAA-BBBBB-CCCCC-DDDDD", NEW_PW))
    assert code == 2 and "code" in err and err.count("\n") == 1
    started = time.perf_counter()
    code, out, err = _wing(monkeypatch, capsys, wdir, *recover, lines=(phone_code, NEW_PW))
    took = time.perf_counter() - started
    assert code == 0 and "created by HQ recovery" in out, err
    assert phone_code not in out + err
    code, _, err = _wing(monkeypatch, capsys, wdir, *recover, lines=(phone_code, NEW_PW))
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    code, out, err = _wing(monkeypatch, capsys, wdir, "verify", "--every-signature", lines=(NEW_PW,), user="rescuer")
    assert code == 0 and out.startswith("Verified"), err
    print(f"recover took {took:.2f} s")
