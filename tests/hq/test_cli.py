"""`wingdesk-hq` end to end over a USB folder: init, keys, enrol, import, outbox, revoke, status."""

from __future__ import annotations

import io
import json
import sys
import uuid

import pytest

from wingdesk.hq.cli import main
from wingdesk.sync import keys, usb
from wingdesk.sync.bundle import bundle_hash, seal_bundle
from wingdesk.sync.enrolment import make_enrolment_request
from wingdesk.sync.header import GENESIS_HASH, KIND_WING_TO_HQ
from wingdesk.sync.hq_key_file import load_hq_public_keys
from wingdesk.sync.payload import record_content_hash
from wingdesk.sync.receipts import acknowledged_seqs
from wingdesk.sync.reference import open_hq_bundle

PASS = "a long HQ passphrase for tests\n"


def run(monkeypatch, capsys, data_dir, *args, stdin=PASS):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(["--data", str(data_dir), "--password-stdin", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.timeout(120)
def test_usb_round_trip(tmp_path, monkeypatch, capsys):
    data_dir, stick = tmp_path / "hq", tmp_path / "stick"
    assert run(monkeypatch, capsys, data_dir, "init", "--kdf-memory-mib", "64")[0] == 0
    assert run(monkeypatch, capsys, data_dir, "init", "--kdf-memory-mib", "64")[0] == 1
    assert (
        "Error: Wrong HQ passphrase.\n"
        == run(monkeypatch, capsys, data_dir, "keys", "--out", str(tmp_path / "k"), stdin="nope\n")[2]
    )
    code, out, _ = run(monkeypatch, capsys, data_dir, "keys", "--out", str(tmp_path / "hq-keys.pub"))
    hq = load_hq_public_keys((tmp_path / "hq-keys.pub").read_bytes())
    assert code == 0 and hq.fingerprint in out

    device_id, device = str(uuid.uuid4()), keys.generate_key_pairs()
    request, code_text = make_enrolment_request(device_id, "Wing B", device)
    (tmp_path / "req.json").write_bytes(request)
    code, out, err = run(monkeypatch, capsys, data_dir, "enrol", str(tmp_path / "req.json"))
    assert code == 2 and code_text not in out  # the operator must hear the code from the wing
    assert (
        "the code is not the one the wing shows"
        in run(monkeypatch, capsys, data_dir, "enrol", str(tmp_path / "req.json"), "--code", "XXXX-XXXX")[2]
    )
    assert run(monkeypatch, capsys, data_dir, "enrol", str(tmp_path / "req.json"), "--code", code_text)[0] == 0

    sealed, prev = {}, GENESIS_HASH
    body = {"text": "Canary Person", "n": 1}
    for seq in (1, 2, 3):
        record = {
            "record_id": str(uuid.uuid4()),
            "rev": 1,
            "kind": "daily_log",
            "content_hash": record_content_hash(body),
            "body": body,
        }
        data = seal_bundle(KIND_WING_TO_HQ, device_id, seq, prev, [record], device.sign_private, hq.enc_public)
        if seq != 2:
            usb.write_bundle(usb.outbox_dir(stick), data)
        sealed[seq] = prev = bundle_hash(data)
    (usb.outbox_dir(stick) / "..%2F..%2Fetc.txt").write_bytes(b"stray")
    (usb.outbox_dir(stick) / "evil\x1b[2J.wdb").write_bytes(b"WDB1\nxx")
    code, out, err = run(monkeypatch, capsys, data_dir, "import", str(usb.outbox_dir(stick)))
    assert code == 1 and out.count(": accepted") == 2 and "refused. The file is incomplete" in err
    assert "\x1b" not in out + err
    code, out, _ = run(monkeypatch, capsys, data_dir, "import", str(usb.outbox_dir(stick)))
    assert out.count(": duplicate") == 2
    assert "Canary" not in out

    code, out, _ = run(monkeypatch, capsys, data_dir, "status", "--json")
    status = json.loads(out)[0]
    assert (status["last_seq"], status["hcs"], status["gaps"]) == (3, 1, [2])

    assert run(monkeypatch, capsys, data_dir, "outbox", "--device", device_id, "--to", str(stick))[0] == 0
    [inbox_file] = usb.list_bundles(usb.inbox_dir(stick, device_id))
    update = open_hq_bundle(inbox_file.read_bytes(), hq.sign_public, device.enc_private, device_id, "prod", 0)
    acked = set()
    for receipt in update.receipts:
        acked |= acknowledged_seqs(receipt, device_id, "prod", sealed)
    assert acked == {1, 3}  # seq 2 never arrived: the wing must keep it

    assert run(monkeypatch, capsys, data_dir, "revoke", device_id)[0] == 0
    code, out, _ = run(monkeypatch, capsys, data_dir, "status")
    assert "revoked after 1" in out and "gaps 2" in out


@pytest.mark.timeout(120)
def test_serve_stops_cleanly_on_sigterm(tmp_path, monkeypatch, capsys):
    """What a service manager does: start `wingdesk-hq serve`, then SIGTERM. Readers and store close; exit 0."""
    import os
    import signal
    import socket
    import subprocess
    import time

    import httpx2

    data_dir = tmp_path / "hq"
    assert run(monkeypatch, capsys, data_dir, "init", "--kdf-memory-mib", "64")[0] == 0
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-c", "import sys; from wingdesk.hq.cli import main; sys.exit(main())"]
    server = subprocess.Popen(
        [*command, "--data", str(data_dir), "--password-stdin", "serve", "--port", str(port)],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path)),
    )
    server.stdin.write(PASS)
    server.stdin.close()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx2.get(f"http://127.0.0.1:{port}/v1/health", timeout=1).status_code == 200:
                break
        except httpx2.HTTPError:
            time.sleep(0.1)
    readers = [int(pid) for pid in open(f"/proc/{server.pid}/task/{server.pid}/children").read().split()]
    assert readers, "the bundle readers were not started"
    server.send_signal(signal.SIGTERM)
    assert server.wait(30) == 0
    stderr = server.stderr.read()
    assert "leaked" not in stderr and "Traceback" not in stderr
    # The readers are joined before the server exits; multiprocessing's resource tracker (also a child) ends when it
    # reads EOF from the exited server, which on a loaded machine can take a moment: give them all a few seconds.
    deadline = time.monotonic() + 15
    while (running := [pid for pid in readers if _running(pid)]) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not running, [open(f"/proc/{pid}/cmdline", "rb").read() for pid in running]


def _running(pid: int) -> bool:
    """`pid` exists and is not a zombie (the state field follows the parenthesised command name)."""
    try:
        stat = open(f"/proc/{pid}/stat").read()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"
