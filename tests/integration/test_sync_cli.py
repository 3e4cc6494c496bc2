"""`wingdesk enrol` and `wingdesk sync …`: output, exit codes, one-line errors."""

import io

from tests.integration.sync_helpers import NOW, hq_key_file
from wingdesk.cli import sync_commands
from wingdesk.cli.main import run
from wingdesk.cli.wiring import Wiring
from wingdesk.crypto.kdf import floor_params
from wingdesk.hq.devices import enrol_device
from wingdesk.hq.ingest import HqContext, ingest
from wingdesk.hq.keystore import HqKeys
from wingdesk.hq.store import open_store
from wingdesk.storage.backend import LocalWing
from wingdesk.sync import keys, usb
from wingdesk.sync.wing_sync import WingSync

SUP_PW = "supervisor passphrase"


def _run(folder, monkeypatch, *argv, password=SUP_PW):
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    wiring = Wiring(open_wing=lambda f: LocalWing(f, kdf=floor_params(), sync_factory=WingSync),
                    open_demo_wing=lambda f: (None, None), sync_commands=sync_commands)
    return run(["--data", str(folder), "--user", "sup", "--password-stdin", "--lang", "en", *argv], wiring)


def test_enrol_export_status_and_errors(wing, tmp_path, monkeypatch, capsys):
    store = open_store(tmp_path / "hq")
    hq = HqContext(store, HqKeys("prod", "HQ test", "2025-01-01T00:00:00Z", keys.generate_key_pairs()))
    keyfile = tmp_path / "hq-keys.json"
    keyfile.write_bytes(hq_key_file(hq))
    request = tmp_path / "request.json"
    assert _run(wing.directory, monkeypatch, "enrol", "--hq-keys", str(keyfile), "--out", str(request)) == 0
    out = capsys.readouterr().out
    code = out.split("Confirmation code: ")[1].strip()
    enrol_device(store, request.read_bytes(), code, "prod", NOW)
    off = wing.sign_in("off1", "officer one passphrase")
    off.observations.record(off.prisoners.page()[0].id, "POSITIVE_ENGAGEMENT", "POSITIVE", "Helped at lunch")
    off.lock()

    (tmp_path / "stick").mkdir()
    assert _run(wing.directory, monkeypatch, "sync", "export", "--to", str(tmp_path / "stick")) == 0
    assert "may now be removed" in capsys.readouterr().out
    files = usb.list_bundles(usb.outbox_dir(tmp_path / "stick"))
    assert [ingest(hq, usb.read_bundle_file(p)).outcome for p in files] == ["accepted"]

    assert _run(wing.directory, monkeypatch, "sync", "status") == 0
    assert "Bundles waiting for HQ's receipt: 1 of 1" in capsys.readouterr().out

    junk = tmp_path / "junk.wdb"
    junk.write_bytes(b"WDB1\nnot really a bundle")
    assert _run(wing.directory, monkeypatch, "sync", "import", str(junk)) == 1
    captured = capsys.readouterr()
    assert "junk.wdb: refused. " in captured.err and "Traceback" not in captured.err
    hostile = tmp_path / "\x1b]2;owned\x07\x1b[2J.wdb"  # a stick's file name acting on the terminal
    hostile.write_bytes(b"WDB1\nnot really a bundle")
    assert _run(wing.directory, monkeypatch, "sync", "import", str(hostile)) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\\x1b]2;owned\\x07\\x1b[2J.wdb: refused. " in err

    assert _run(wing.directory, monkeypatch, "sync", "push", "--url", "ftp://x") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "https://" in err
    store.close()


def test_officer_is_refused_in_one_line(wing, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("officer one passphrase\n"))
    wiring = Wiring(open_wing=lambda f: LocalWing(f, kdf=floor_params(), sync_factory=WingSync),
                    open_demo_wing=lambda f: (None, None), sync_commands=sync_commands)
    assert run(["--data", str(wing.directory), "--user", "off1", "--password-stdin", "sync", "status"], wiring) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "role" in err


def test_a_push_cut_off_midway_says_on_one_line_how_many_got_through(wing, tmp_path, monkeypatch, capsys):
    import httpx2
    import trustme

    from tests.integration.sync_helpers import running_server
    from wingdesk.sync import wing_transport

    store = open_store(tmp_path / "hq")
    hq = HqContext(store, HqKeys("prod", "HQ test", "2025-01-01T00:00:00Z", keys.generate_key_pairs()))
    keyfile = tmp_path / "hq-keys.json"
    keyfile.write_bytes(hq_key_file(hq))
    request = tmp_path / "request.json"
    assert _run(wing.directory, monkeypatch, "enrol", "--hq-keys", str(keyfile), "--out", str(request)) == 0
    enrol_device(store, request.read_bytes(), capsys.readouterr().out.split("Confirmation code: ")[1].strip(),
                 "prod", NOW)
    (tmp_path / "stick").mkdir()
    for text in ("first", "second"):
        off = wing.sign_in("off1", "officer one passphrase")
        off.observations.record(off.prisoners.page()[0].id, "POSITIVE_ENGAGEMENT", "POSITIVE", text)
        off.lock()
        assert _run(wing.directory, monkeypatch, "sync", "export", "--to", str(tmp_path / "stick")) == 0
    real_put = wing_transport.put_bundles

    def link_drops_after_the_first(url, ca, bundles, on_reply, on_refused, progress=None, timeout_s=60.0):
        def drop(_done, _total):
            with hq.store.transaction(write=False) as repo:
                if repo.list_devices()[0].hcs >= 1:
                    raise httpx2.WriteError("connection reset by peer")
        return real_put(url, ca, bundles, on_reply, on_refused, drop, timeout_s)

    monkeypatch.setattr(wing_transport, "put_bundles", link_drops_after_the_first)
    ca = trustme.CA()
    ca.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    capsys.readouterr()
    with running_server(hq, ca.issue_cert("127.0.0.1"), tmp_path) as url:
        code = _run(wing.directory, monkeypatch, "sync", "push", "--url", url, "--ca", str(tmp_path / "ca.pem"))
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert "cannot be reached" in err and "1 of 2 bundle(s) got through" in err and "acknowledged 1" in err
    store.close()
