"""`wingdesk-hq instrument sign` and `wingdesk instrument install|list|show` end to end, as HQ and a wing use them."""

from __future__ import annotations

import io
import json
import sys

import pytest

from tests.integration.test_cli import wingdesk
from wingdesk.config.package_data import read_bytes
from wingdesk.hq.cli import main as hq_main

HQ_PW = "a long HQ passphrase for tests\n"
ADMIN_PW = "instrument cli admin passphrase\n"


def hq(monkeypatch, capsys, folder, *args):
    monkeypatch.setattr(sys, "stdin", io.StringIO(HQ_PW))
    code = hq_main(["--data", str(folder), "--password-stdin", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.timeout(300)
def test_hq_signs_a_new_version_and_the_wing_installs_it_keeping_the_old(tmp_path, monkeypatch, capsys):
    hq_dir, wing_dir = tmp_path / "hq", tmp_path / "wing"
    assert hq(monkeypatch, capsys, hq_dir, "init", "--kdf-memory-mib", "64")[0] == 0
    assert hq(monkeypatch, capsys, hq_dir, "keys", "--out", str(tmp_path / "hq-keys.pub"))[0] == 0
    definition = json.loads(read_bytes("resources", "instruments", "needs_assessment_v2.json"))  # the latest shipped
    definition["version"] = 3
    (tmp_path / "needs-v3.json").write_text(json.dumps(definition, ensure_ascii=False), encoding="utf-8")
    code, out, err = hq(monkeypatch, capsys, hq_dir, "instrument", "sign", str(tmp_path / "needs-v3.json"),
                        "--out", str(tmp_path / "needs-v3.signed"))
    assert code == 0 and "wd.needs_assessment" in out, err
    broken = dict(definition, roles=["admin"])
    (tmp_path / "broken.json").write_text(json.dumps(broken), encoding="utf-8")
    code, _, err = hq(monkeypatch, capsys, hq_dir, "instrument", "sign", str(tmp_path / "broken.json"),
                      "--out", str(tmp_path / "broken.signed"))
    assert code == 1 and "roles" in err and not (tmp_path / "broken.signed").exists()  # HQ never signs a bad one

    assert wingdesk(wing_dir, "--password-stdin", "init", "--wing", "I-Wing", "--admin", "boss",
                    stdin=ADMIN_PW).returncode == 0
    as_admin = ("--user", "boss", "--password-stdin")
    unenrolled = wingdesk(wing_dir, *as_admin, "instrument", "install", str(tmp_path / "needs-v3.signed"),
                          stdin=ADMIN_PW)
    assert unenrolled.returncode == 2 and "enrol" in unenrolled.stderr and "Traceback" not in unenrolled.stderr
    enrolled = wingdesk(wing_dir, *as_admin, "enrol", "--hq-keys", str(tmp_path / "hq-keys.pub"),
                        "--out", str(tmp_path / "request.json"), stdin=ADMIN_PW)
    assert enrolled.returncode == 0, enrolled.stderr
    shipped = wingdesk(wing_dir, *as_admin, "instrument", "install", "--shipped", stdin=ADMIN_PW)
    assert shipped.returncode == 0 and shipped.stdout.count("Installed") == 5, shipped.stderr
    signed = (tmp_path / "needs-v3.signed").read_bytes()
    (tmp_path / "tampered.signed").write_bytes(signed.replace(b"Finance", b"Fin4nce", 1))
    tampered = wingdesk(wing_dir, *as_admin, "instrument", "install", str(tmp_path / "tampered.signed"),
                        stdin=ADMIN_PW)
    assert tampered.returncode == 2 and "signature" in tampered.stderr and tampered.stderr.count("\n") == 1
    installed = wingdesk(wing_dir, *as_admin, "instrument", "install", str(tmp_path / "needs-v3.signed"),
                         stdin=ADMIN_PW)
    assert installed.returncode == 0 and "version 3" in installed.stdout, installed.stderr
    listed = wingdesk(wing_dir, *as_admin, "instrument", "list", stdin=ADMIN_PW)
    assert "wd.needs_assessment\tv3\tNeeds assessment (first 14 days)\t(1, 2, 3)" in listed.stdout
    shown = wingdesk(wing_dir, *as_admin, "--lang", "mk", "instrument", "show", "wd.needs_assessment",
                     "--version", "1", "--region", "MK", stdin=ADMIN_PW)
    assert shown.returncode == 0, shown.stderr
    assert "Проценка на потребите (првите 14 дена) (wd.needs_assessment v1)" in shown.stdout
    assert "Центар за социјална работа" in shown.stdout and "SIGNIFICANT_NEED Значителна потреба *" in shown.stdout
