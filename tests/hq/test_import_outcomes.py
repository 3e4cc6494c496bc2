"""`wingdesk-hq import` says what went wrong where an operator looks for it, and never calls a failure a success."""

from __future__ import annotations

import json
import struct
import uuid

import pytest

from tests.hq.test_cli import run
from wingdesk.sync import keys
from wingdesk.sync.bundle import seal_bundle
from wingdesk.sync.enrolment import make_enrolment_request
from wingdesk.sync.header import KIND_WING_TO_HQ, PREFIX_LEN
from wingdesk.sync.hq_key_file import load_hq_public_keys
from wingdesk.sync.payload import record_content_hash

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def hq(tmp_path, monkeypatch, capsys):
    """An initialised HQ with one enrolled wing: (data folder, device id, device keys, HQ public keys)."""
    data_dir = tmp_path / "hq"
    assert run(monkeypatch, capsys, data_dir, "init", "--kdf-memory-mib", "64")[0] == 0
    assert run(monkeypatch, capsys, data_dir, "keys", "--out", str(tmp_path / "hq.pub"))[0] == 0
    device_id, device = str(uuid.uuid4()), keys.generate_key_pairs()
    request, code = make_enrolment_request(device_id, "Wing B", device)
    (tmp_path / "req.json").write_bytes(request)
    assert run(monkeypatch, capsys, data_dir, "enrol", str(tmp_path / "req.json"), "--code", code)[0] == 0
    return data_dir, device_id, device, load_hq_public_keys((tmp_path / "hq.pub").read_bytes())


def _bundle(hq, seq: int = 1, prev_hash: str = "0" * 64) -> bytes:
    _data_dir, device_id, device, hq_keys = hq
    body = {"text": "entry", "n": seq}
    record = {"record_id": str(uuid.uuid4()), "rev": 1, "kind": "daily_log",
              "content_hash": record_content_hash(body), "body": body}
    return seal_bundle(KIND_WING_TO_HQ, device_id, seq, prev_hash, [record], device.sign_private, hq_keys.enc_public)


def _file(tmp_path, data: bytes, name: str) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_refusals_go_to_stderr_and_acceptances_to_stdout(hq, tmp_path, monkeypatch, capsys):
    data_dir = hq[0]
    good, junk = _file(tmp_path, _bundle(hq), "good.wdb"), _file(tmp_path, b"WDB1\nxx", "junk.wdb")
    code, out, err = run(monkeypatch, capsys, data_dir, "import", good, junk)
    assert code == 1
    assert "good.wdb: accepted" in out and "junk.wdb" not in out
    assert "junk.wdb: refused. " in err and "good.wdb" not in err


def test_a_quarantined_bundle_sent_again_stays_quarantined(hq, tmp_path, monkeypatch, capsys):
    data_dir = hq[0]
    broken = _file(tmp_path, _bundle(hq, seq=1, prev_hash="ab" * 32), "broken.wdb")  # seq 1 must start the chain
    first = run(monkeypatch, capsys, data_dir, "import", broken)
    again = run(monkeypatch, capsys, data_dir, "import", broken)
    assert first[0] == 1 and "broken.wdb: quarantined" in first[2]
    assert again[0] == 1, again
    assert "broken.wdb: quarantined" in again[2] and "duplicate" not in again[1] + again[2]
    code, out, _err = run(monkeypatch, capsys, data_dir, "status", "--json")
    assert json.loads(out)[0]["quarantined_bundles"] == 1  # kept once, not twice


def test_a_flipped_version_byte_is_a_bad_signature_not_a_newer_version(hq, tmp_path, monkeypatch, capsys):
    data_dir = hq[0]
    data = bytearray(_bundle(hq))
    (hdr_len,) = struct.unpack(">I", data[PREFIX_LEN - 4 : PREFIX_LEN])
    at = data.index(b'"v":1', PREFIX_LEN, PREFIX_LEN + hdr_len) + len(b'"v":')
    data[at] = ord("2")
    code, out, err = run(monkeypatch, capsys, data_dir, "import", _file(tmp_path, bytes(data), "flipped.wdb"))
    assert code == 1 and "flipped.wdb: refused. " in err
    assert "newer" not in err.lower() and "signature" in err.lower(), err
