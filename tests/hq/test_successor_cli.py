"""`wingdesk-hq replace OLD NEW --out FILE` end to end (issue 22 item 4)."""

from __future__ import annotations

import uuid

import pytest

from tests.hq.test_cli import run
from wingdesk.sync import keys
from wingdesk.sync.enrolment import make_enrolment_request
from wingdesk.sync.hq_key_file import load_hq_public_keys
from wingdesk.sync.successor_package import open_package


def _enrol(monkeypatch, capsys, tmp_path, data_dir, wing: str) -> tuple[str, keys.KeyPairs]:
    device_id, pairs = str(uuid.uuid4()), keys.generate_key_pairs()
    request, code = make_enrolment_request(device_id, wing, pairs)
    path = tmp_path / f"{device_id}.json"
    path.write_bytes(request)
    assert run(monkeypatch, capsys, data_dir, "enrol", str(path), "--code", code)[0] == 0
    return device_id, pairs


@pytest.mark.timeout(120)
def test_replace_writes_the_package_and_refuses_another_wing(tmp_path, monkeypatch, capsys):
    data_dir = tmp_path / "hq"
    assert run(monkeypatch, capsys, data_dir, "init", "--kdf-memory-mib", "64")[0] == 0
    assert run(monkeypatch, capsys, data_dir, "keys", "--out", str(tmp_path / "hq.pub"))[0] == 0
    hq = load_hq_public_keys((tmp_path / "hq.pub").read_bytes())
    old, _ = _enrol(monkeypatch, capsys, tmp_path, data_dir, "Wing B")
    new, pairs = _enrol(monkeypatch, capsys, tmp_path, data_dir, "Wing B")
    elsewhere, _ = _enrol(monkeypatch, capsys, tmp_path, data_dir, "Wing C")
    code, _, err = run(monkeypatch, capsys, data_dir, "replace", old, elsewhere, "--out", str(tmp_path / "x.wdb"))
    assert code == 1 and "another wing" in err and not (tmp_path / "x.wdb").exists()
    code, out, _ = run(monkeypatch, capsys, data_dir, "replace", old, new, "--out", str(tmp_path / "new.wdb"))
    assert code == 0 and "retired" in out and new in out
    package = open_package((tmp_path / "new.wdb").read_bytes(), hq.sign_public, pairs.enc_private, new, "Wing B",
                           "prod")
    assert package.predecessor_id == old and package.records == []
    code, out, _ = run(monkeypatch, capsys, data_dir, "status")
    assert "revoked after 0" in out
