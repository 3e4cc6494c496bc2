"""The `wingdesk` command: init, users, audit verify; errors are one line, never a traceback or a secret."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ADMIN_PW = "cli admin passphrase"


def wingdesk(folder, *args, stdin=""):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "wingdesk", "--data", str(folder), *args], input=stdin,
                          capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture(scope="module")
def cli_wing(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli") / "wing"
    result = wingdesk(folder, "--password-stdin", "init", "--wing", "C-Wing", "--admin", "boss", stdin=ADMIN_PW + "\n")
    assert result.returncode == 0, result.stderr
    return folder


def test_init_refuses_an_existing_wing(cli_wing):
    result = wingdesk(cli_wing, "--password-stdin", "init", "--wing", "X", "--admin", "x", stdin=ADMIN_PW + "\n")
    assert result.returncode != 0 and "already exists" in result.stderr and "Traceback" not in result.stderr


def test_user_add_list_remove(cli_wing):
    add = wingdesk(cli_wing, "--user", "boss", "--password-stdin", "user", "add", "anna", "--role", "officer",
                   "--name", "Anna Officer", stdin=ADMIN_PW + "\nanna has a long passphrase\n")
    assert add.returncode == 0, add.stderr
    listed = wingdesk(cli_wing, "--user", "boss", "--password-stdin", "user", "list", stdin=ADMIN_PW + "\n")
    assert "anna\tofficer\tAnna Officer" in listed.stdout
    removed = wingdesk(cli_wing, "--user", "boss", "--password-stdin", "user", "remove", "anna", stdin=ADMIN_PW + "\n")
    assert removed.returncode == 0, removed.stderr
    listed = wingdesk(cli_wing, "--user", "boss", "--password-stdin", "user", "list", stdin=ADMIN_PW + "\n")
    assert "anna" not in listed.stdout


def test_weak_passphrase_is_refused_clearly(cli_wing):
    result = wingdesk(cli_wing, "--user", "boss", "--password-stdin", "user", "add", "bob", "--role", "officer",
                      stdin=ADMIN_PW + "\npasswordpassword\n")
    assert result.returncode == 2 and "too common" in result.stderr and "passwordpassword" not in result.stderr


def test_wrong_password_is_one_line(cli_wing):
    result = wingdesk(cli_wing, "--user", "boss", "--password-stdin", "user", "list",
                      stdin="a wrong secret phrase\n")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "Traceback" not in result.stderr
    assert "secret" not in result.stderr


def test_audit_verify_intact_then_broken(cli_wing):
    ok = wingdesk(cli_wing, "--user", "boss", "--password-stdin", "audit", "verify", stdin=ADMIN_PW + "\n")
    assert ok.returncode == 0 and "intact" in ok.stdout
    from wingdesk.crypto.kdf import floor_params
    from wingdesk.storage.backend import LocalWing

    session = LocalWing(cli_wing, kdf=floor_params()).sign_in("boss", ADMIN_PW)
    session.ctx.repo.conn.execute("DROP TRIGGER audit_append_only_u")
    session.ctx.repo.conn.execute("UPDATE audit SET action = 'forged' WHERE seq = 2")
    session.lock()
    bad = wingdesk(cli_wing, "--user", "boss", "--password-stdin", "audit", "verify", stdin=ADMIN_PW + "\n")
    assert bad.returncode == 1 and "entry 2" in bad.stderr


def test_no_wing_here(tmp_path):
    result = wingdesk(tmp_path / "empty", "--user", "x", "--password-stdin", "user", "list", stdin="x\n")
    assert result.returncode == 2 and "no wing database" in result.stderr.lower()


def test_demo_prints_accounts(tmp_path):
    result = wingdesk(tmp_path, "demo", "--no-gui")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    roles = {line.split(" ", 2)[0] for line in lines}
    assert roles == {"OFFICER", "SUPERVISOR", "TREATMENT", "SECURITY", "GOVERNOR", "ADMIN"}
    again = wingdesk(tmp_path, "demo", "--no-gui")  # reuses the wing
    assert again.returncode == 0 and again.stdout == result.stdout
    role, user, passphrase = lines[0].split(" ", 2)
    from wingdesk.storage.backend import LocalWing

    session = LocalWing(tmp_path / "demo-wing").sign_in(user, passphrase)
    assert session.prisoners.count() == 40
    session.lock()
