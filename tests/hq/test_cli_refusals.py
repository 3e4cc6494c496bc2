"""`wingdesk-hq` refuses what an operator gets wrong in one plain sentence, and loses or leaks nothing doing so."""

from __future__ import annotations

import errno
import os
import stat
import uuid
from datetime import datetime, timedelta

import pytest

from tests.hq.test_cli import run
from wingdesk.hq.cli import setup as cli_setup
from wingdesk.hq.keystore import KEYSTORE_NAME
from wingdesk.hq.store import SQLITE_NAME
from wingdesk.sync import keys, usb
from wingdesk.sync.enrolment import make_enrolment_request
from wingdesk.sync.errors import UnsafeWrite
from wingdesk.sync.hq_key_file import load_hq_public_keys
from wingdesk.sync.reference import open_hq_bundle

pytestmark = pytest.mark.timeout(120)


class _ClockOneDayOn(datetime):
    @classmethod
    def now(cls, tz=None):
        return datetime.now(tz) + timedelta(days=1)


@pytest.fixture
def hq(tmp_path, monkeypatch, capsys):
    """An initialised HQ data folder with one enrolled wing: (data folder, device id, device keys)."""
    data_dir = tmp_path / "hq"
    assert run(monkeypatch, capsys, data_dir, "init", "--kdf-memory-mib", "64")[0] == 0
    device_id, device = str(uuid.uuid4()), keys.generate_key_pairs()
    request, code = make_enrolment_request(device_id, "Wing B", device)
    (tmp_path / "req.json").write_bytes(request)
    assert run(monkeypatch, capsys, data_dir, "enrol", str(tmp_path / "req.json"), "--code", code)[0] == 0
    return data_dir, device_id, device


def test_the_public_key_file_never_overwrites_anything(hq, tmp_path, monkeypatch, capsys):
    data_dir, _device_id, _device = hq
    keystore_before = (data_dir / KEYSTORE_NAME).read_bytes()
    code, _out, err = run(monkeypatch, capsys, data_dir, "keys", "--out", str(data_dir / KEYSTORE_NAME))
    assert code == 1 and "already exists; choose another name" in err
    assert (data_dir / KEYSTORE_NAME).read_bytes() == keystore_before  # HQ's private keys are intact

    first = run(monkeypatch, capsys, data_dir, "keys", "--out", str(tmp_path / "a.pub"))
    monkeypatch.setattr(cli_setup, "datetime", _ClockOneDayOn)  # exported again the next day
    second = run(monkeypatch, capsys, data_dir, "keys", "--out", str(tmp_path / "b.pub"))
    codes = [load_hq_public_keys((tmp_path / name).read_bytes()).fingerprint for name in ("a.pub", "b.pub")]
    issued = [load_hq_public_keys((tmp_path / name).read_bytes()).issued_at for name in ("a.pub", "b.pub")]
    assert issued[0] != issued[1]
    assert first[0] == second[0] == 0 and codes[0] == codes[1]  # the same keys read out as the same code
    assert codes[0] in first[1] and codes[0] in second[1]


def test_a_new_passphrase_follows_the_wings_policy_and_leaves_nothing_behind(tmp_path, monkeypatch, capsys):
    data_dir = tmp_path / "hq"
    code, _out, err = run(monkeypatch, capsys, data_dir, "init", "--kdf-memory-mib", "64", stdin="short\n")
    assert code == 1 and "15" in err and not (data_dir / KEYSTORE_NAME).exists()
    code, _out, err = run(monkeypatch, capsys, data_dir, "--db", "mysql://x", "init", "--kdf-memory-mib", "64")
    assert code == 1 and "postgresql://" in err and not (data_dir / KEYSTORE_NAME).exists()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_hq_database_and_folder_are_for_the_hq_account_only(hq):
    data_dir, _device_id, _device = hq
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    for name in (SQLITE_NAME, KEYSTORE_NAME):
        assert stat.S_IMODE((data_dir / name).stat().st_mode) & 0o077 == 0, name


def test_a_mistyped_data_folder_is_refused_not_created(tmp_path, monkeypatch, capsys):
    typo = tmp_path / "hq-typo"
    for command in (["status"], ["revoke", str(uuid.uuid4())], ["import", str(tmp_path)]):
        code, _out, err = run(monkeypatch, capsys, typo, *command)
        assert code == 1 and "check --data" in err and not typo.exists(), command


def test_importing_nothing_is_an_error(hq, tmp_path, monkeypatch, capsys):
    data_dir, _device_id, _device = hq
    (tmp_path / "empty").mkdir()
    code, _out, err = run(monkeypatch, capsys, data_dir, "import", str(tmp_path / "empty"))
    assert code == 1 and "No bundle files" in err


def test_a_revocation_cannot_be_moved_and_the_revoked_device_gets_no_data(hq, tmp_path, monkeypatch, capsys):
    data_dir, device_id, _device = hq
    with pytest.raises(SystemExit):  # argparse: "--after-seq: must be between 0 and …"
        run(monkeypatch, capsys, data_dir, "revoke", device_id, "--after-seq", "-5")
    assert run(monkeypatch, capsys, data_dir, "revoke", device_id)[0] == 0
    code, _out, err = run(monkeypatch, capsys, data_dir, "revoke", device_id, "--after-seq", "5")
    assert code == 1 and "already revoked" in err
    _code, out, _err = run(monkeypatch, capsys, data_dir, "status")
    assert "revoked after 0" in out
    code, _out, err = run(monkeypatch, capsys, data_dir, "outbox", "--device", device_id, "--to", str(tmp_path))
    assert code == 1 and "revoked" in err and not (tmp_path / "WINGDESK").exists()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a folder this user cannot write")
def test_a_failed_outbox_write_seals_nothing(hq, tmp_path, monkeypatch, capsys):
    _failed_then_written(hq, tmp_path, monkeypatch, capsys, lambda stick: stick.chmod(0o500))


def test_a_failed_outbox_write_seals_nothing_even_as_root(hq, tmp_path, monkeypatch, capsys):
    def refuse(directory, data):
        raise UnsafeWrite("write")

    _failed_then_written(hq, tmp_path, monkeypatch, capsys, lambda _stick: monkeypatch.setattr(usb, "write_bundle",
                                                                                                  refuse))


def _failed_then_written(hq, tmp_path, monkeypatch, capsys, break_stick):
    """An outbox written to a stick that fails is not recorded: the next one is still reference number 1."""
    data_dir, device_id, device = hq
    stick = tmp_path / "stick"
    stick.mkdir()
    real_write = usb.write_bundle
    break_stick(stick)
    code, _out, err = run(monkeypatch, capsys, data_dir, "outbox", "--device", device_id, "--to", str(stick))
    assert code == 1 and err.startswith("Error: ")
    stick.chmod(0o700)
    monkeypatch.setattr(usb, "write_bundle", real_write)
    assert run(monkeypatch, capsys, data_dir, "outbox", "--device", device_id, "--to", str(stick))[0] == 0
    [written] = usb.list_bundles(usb.inbox_dir(stick, device_id))
    hq_keys = load_hq_public_keys(_public_key_file(data_dir, tmp_path, monkeypatch, capsys))
    update = open_hq_bundle(written.read_bytes(), hq_keys.sign_public, device.enc_private, device_id, "prod", 0)
    assert update.ref_seq == 1


def _public_key_file(data_dir, tmp_path, monkeypatch, capsys) -> bytes:
    path = tmp_path / f"hq-{uuid.uuid4().hex}.pub"
    assert run(monkeypatch, capsys, data_dir, "keys", "--out", str(path))[0] == 0
    return path.read_bytes()


def test_reference_data_is_queued_whole_or_not_at_all(hq, tmp_path, monkeypatch, capsys):
    data_dir, device_id, _device = hq
    lines = tmp_path / "roster.jsonl"
    admitted = '{"event": "admission", "prisoner_number": "A-1"}\n'
    lines.write_text(admitted * 2 + '{"prisoner_number": "A-3"}\n', encoding="utf-8")  # line 3: no event
    code, _out, err = run(monkeypatch, capsys, data_dir, "reference", "--kind", "roster", "--device", device_id,
                          str(lines))
    assert code == 1 and "Line 3" in err and "nothing was queued" in err
    lines.write_text(admitted, encoding="utf-8")
    code, out, _err = run(monkeypatch, capsys, data_dir, "reference", "--kind", "roster", "--device", device_id,
                          str(lines))
    assert code == 0 and out.startswith("1 ")


def test_interrupting_the_passphrase_prompt_says_cancelled(hq, monkeypatch, capsys):
    import getpass

    data_dir, _device_id, _device = hq

    def interrupted(_prompt=""):
        raise KeyboardInterrupt

    monkeypatch.setattr(getpass, "getpass", interrupted)
    from wingdesk.hq.cli import main

    assert main(["--data", str(data_dir), "status"]) == 0  # status needs no passphrase
    assert main(["--data", str(data_dir), "keys", "--out", str(data_dir / "x.pub")]) == 130
    assert capsys.readouterr().err.strip() == "Cancelled."


@pytest.mark.skipif(not hasattr(errno, "EDQUOT"), reason="no disk quotas on this system")
def test_a_used_up_disk_quota_reads_as_a_full_disk():
    """A quota-limited HQ account (a shared server) gets EDQUOT where a full disk gives ENOSPC: same sentence."""
    from wingdesk.hq.cli.messages import describe_os_error

    full = OSError(errno.ENOSPC, "No space left on device", "/srv/hq/out")
    assert describe_os_error(OSError(errno.EDQUOT, "Disk quota exceeded", "/srv/hq/out")) == describe_os_error(full)
    assert describe_os_error(full) == "/srv/hq/out: the disk is full"
