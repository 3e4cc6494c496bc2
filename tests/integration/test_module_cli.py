"""`wingdesk-hq module sign` and `wingdesk module install|list` end to end, as HQ and a wing use them (issue 18)."""

from __future__ import annotations

import json

import pytest

from tests.integration.test_cli import wingdesk
from tests.integration.test_instrument_cli import hq
from tests.module_packages import package

ADMIN_PW = "module cli admin passphrase\n"


@pytest.mark.timeout(300)
def test_hq_signs_a_module_and_the_wing_installs_it_and_refuses_a_tampered_or_older_one(tmp_path, monkeypatch,
                                                                                          capsys):
    hq_dir, wing_dir = tmp_path / "hq", tmp_path / "wing"
    assert hq(monkeypatch, capsys, hq_dir, "init", "--kdf-memory-mib", "64")[0] == 0
    assert hq(monkeypatch, capsys, hq_dir, "keys", "--out", str(tmp_path / "hq-keys.pub"))[0] == 0
    for version in (1, 2):
        (tmp_path / f"m{version}.json").write_text(json.dumps(package(version)), encoding="utf-8")
        code, out, err = hq(monkeypatch, capsys, hq_dir, "module", "sign", str(tmp_path / f"m{version}.json"),
                            "--out", str(tmp_path / f"m{version}.signed"))
        assert code == 0 and "wd.test_module" in out, err
    (tmp_path / "bad.json").write_text(json.dumps(package(3, body="## A\n\n<script>x()</script>\n")), "utf-8")
    code, _, err = hq(monkeypatch, capsys, hq_dir, "module", "sign", str(tmp_path / "bad.json"),
                      "--out", str(tmp_path / "bad.signed"))
    assert code == 1 and "script" in err and not (tmp_path / "bad.signed").exists()  # HQ never signs a bad one

    assert wingdesk(wing_dir, "--password-stdin", "init", "--wing", "M-Wing", "--admin", "boss",
                    stdin=ADMIN_PW).returncode == 0
    as_admin = ("--user", "boss", "--password-stdin")
    enrolled = wingdesk(wing_dir, *as_admin, "enrol", "--hq-keys", str(tmp_path / "hq-keys.pub"),
                        "--out", str(tmp_path / "request.json"), stdin=ADMIN_PW)
    assert enrolled.returncode == 0, enrolled.stderr
    installed = wingdesk(wing_dir, *as_admin, "module", "install", str(tmp_path / "m2.signed"), stdin=ADMIN_PW)
    assert installed.returncode == 0 and "version 2" in installed.stdout, installed.stderr
    signed = (tmp_path / "m1.signed").read_bytes()
    (tmp_path / "tampered.signed").write_bytes(signed.replace(b"Write what you saw.", b"Write what you feel.", 1))
    for name, words in (("tampered.signed", "signature"), ("m1.signed", "older than version 2")):
        refused = wingdesk(wing_dir, *as_admin, "module", "install", str(tmp_path / name), stdin=ADMIN_PW)
        assert refused.returncode == 2 and words in refused.stderr and refused.stderr.count("\n") == 1, \
            refused.stderr
    listed = wingdesk(wing_dir, *as_admin, "--lang", "mk", "module", "list", stdin=ADMIN_PW)
    assert "wd.test_module\tv2\tTitle mk\tofficer\tmk" in listed.stdout, listed.stderr
