"""`wingdesk restore-from-hq FILE` as an administrator types it (issue 22 item 4): what it wrote, the accounts waiting
for a passphrase (`user list` says so), `user reset` giving one, `verify` holding; the same file again is refused
with one sentence."""

from __future__ import annotations

from tests.integration.test_hq_recovery_cli import _wing
from tests.integration.test_restore_from_hq import NEW_ADMIN, NEW_PW, dead_and_new  # noqa: F401 - the fixture

RESET_PW = "the officer's passphrase on the new PC"


def test_restore_from_hq_from_the_command_line(dead_and_new, tmp_path, monkeypatch, capsys):  # noqa: F811
    _dead, new, _new_id, data = dead_and_new
    package = tmp_path / "successor.wdb"
    package.write_bytes(data)
    folder = new.directory
    code, out, err = _wing(monkeypatch, capsys, folder, "restore-from-hq", str(package), user=NEW_ADMIN,
                           lines=(NEW_PW,))
    assert code == 0, err
    assert "9 record versions" in out and "5 prisoners" in out
    waiting = [line for line in out.splitlines() if "without a passphrase" in line]
    assert len(waiting) == 8 and any("Omar Officer" in line for line in waiting)  # the dead PC's 8 accounts
    officer = next(line for line in waiting if "Omar Officer" in line).split()[1]

    code, out, err = _wing(monkeypatch, capsys, folder, "user", "list", user=NEW_ADMIN, lines=(NEW_PW,))
    assert code == 0 and f"(no passphrase yet: 'wingdesk user reset {officer}')" in out, err
    code, out, err = _wing(monkeypatch, capsys, folder, "user", "reset", officer, user=NEW_ADMIN,
                           lines=(NEW_PW, RESET_PW, RESET_PW))
    assert code == 0, err
    code, out, err = _wing(monkeypatch, capsys, folder, "user", "list", user=NEW_ADMIN, lines=(NEW_PW,))
    line = next(line for line in out.splitlines() if line.startswith(officer))
    assert code == 0 and "no passphrase yet" not in line and out.count("no passphrase yet") == 7
    code, out, err = _wing(monkeypatch, capsys, folder, "sync", "status", user=officer, lines=(RESET_PW,))
    assert "Wrong user name" not in err  # the officer signs in with the passphrase the administrator gave
    code, out, err = _wing(monkeypatch, capsys, folder, "verify", "--every-signature", user=NEW_ADMIN,
                           lines=(NEW_PW,))
    assert code == 0 and "9 record versions" in out, err

    code, out, err = _wing(monkeypatch, capsys, folder, "restore-from-hq", str(package), user=NEW_ADMIN,
                           lines=(NEW_PW,))
    assert code == 2 and err.count("\n") == 1 and "already written here" in err and "nothing" in err
    package.write_bytes(data[:-10])
    code, out, err = _wing(monkeypatch, capsys, folder, "restore-from-hq", str(package), user=NEW_ADMIN,
                           lines=(NEW_PW,))
    assert code == 2 and err.count("\n") == 1, err
